"""The caseworker's side: the follow-up queue, the panel on "I dag", the readable summary on the
case page, and marking a follow-up held with a note the citizen reads."""
import json
from datetime import timedelta

import pytest
import time_machine

from app import clock
from app.auth.queries import citizen_by_id
from app.conversations import service as conversations

from .conftest import citizen_id, login_caseworker, login_citizen, rules_today
from .instants import IN_RULES_2026_07


def _worker(app, email="anne@fjordby.example"):
    client = app.test_client()
    client.post("/sprog/en")
    login_caseworker(client, email)
    return client


def _niels_followup(db):
    return dict(db.execute("SELECT * FROM conversations WHERE citizen_id = ? AND kind = 'followup_first'",
                           [citizen_id(db, "Niels Bak")]).fetchone())


@pytest.mark.instant(IN_RULES_2026_07, "an unemployed citizen's wish for a digital first follow-up is a request "
                                      "the caseworker decides only under the rules in force from July 2026")
def test_the_queue_shows_what_needs_action(app, db):
    niels = citizen_id(db, "Niels Bak")
    # Someone close to the limit, and a wish for a first follow-up by phone (a request today).
    db.execute("UPDATE sick_cases SET first_sick_day = ? WHERE citizen_id = ?",
               [(clock.today() - timedelta(weeks=23)).isoformat(), citizen_id(db, "Hanne Larsen")])
    with app.app_context():
        citizen = dict(citizen_by_id(db, niels))
        change = conversations.change_format(db, citizen=citizen, conversation_id=_niels_followup(db)["id"],
                                             to_format="phone", reason="Knæet")
        assert change.status == "requested"
    worker = _worker(app)
    page = worker.get("/sagsbehandler/opfoelgning").get_data(as_text=True)
    assert "Follow-up of sick-listed citizens" in page
    due = page[page.index('id="due-table"'):page.index('id="in-heading"')]
    assert "Niels Bak" in due and "1 of 4" in due
    digital = page[page.index('id="digital-heading"'):page.index('id="due-heading"')]
    assert "Niels Bak" in digital and "Knæet" in digital
    received = page[page.index("Information forms received"):page.index("Status answers before")]
    assert "Niels Bak" in received
    waiting = page[page.index("Information forms not received yet"):page.index('id="limit-heading"')]
    assert "Hanne Larsen" in waiting
    near = page[page.index('id="limit-heading"'):]
    assert "Hanne Larsen" in near and "week 19 of 22" in near  # 23 weeks sick, minus the employer's 30 days
    # Only this municipality's citizens.
    assert "Bo Berg" not in page

    today = worker.get("/sagsbehandler/").get_data(as_text=True)
    panel = today[today.index('id="today-followup"'):]
    assert "Follow-ups due" in panel and "Niels Bak" in panel
    assert "1 request for a first follow-up by phone or video" in panel


def test_case_page_summarises_the_answers(app, db):
    worker = _worker(app)
    page = worker.get(f"/sagsbehandler/borger/{citizen_id(db, 'Niels Bak')}").get_data(as_text=True)
    section = page[page.index('id="case-followup"'):]
    sick = rules_today("sygedagpenge").sick
    assert f"Week 8 of {sick.benefit_limit_weeks}" in section and "Sick-listed while unemployed" in section
    assert "I am unemployed" in section and "2 to 6 months" in section
    assert "Jeg er opereret i knæet" in section
    assert f"Follow-up 1 of {sick.followups_first_half_year} must be held by" in section
    assert "The citizen has not answered the status questions yet." in section
    hanne = worker.get(f"/sagsbehandler/borger/{citizen_id(db, 'Hanne Larsen')}").get_data(as_text=True)
    assert "The citizen has started filling it in." not in hanne and "deadline" in hanne
    assert worker.get(f"/sagsbehandler/borger/{citizen_id(db, 'Mette Jensen')}").get_data(
        as_text=True).count('id="case-followup"') == 0


def test_mark_a_follow_up_held_and_the_citizen_reads_the_note(app, db):
    conv = _niels_followup(db)
    url = f"/sagsbehandler/opfoelgning/samtale/{conv['id']}/afholdt"
    worker = _worker(app)
    early = worker.get(url).get_data(as_text=True)
    assert "You can mark it as held once it has started." in early
    assert worker.post(url, data={"summary": "x"}).status_code == 302
    assert db.execute("SELECT status FROM conversations WHERE id = ?", [conv["id"]]).fetchone()[0] == "booked"

    starts = clock.from_db(conv["starts_at"])
    with time_machine.travel(starts + timedelta(minutes=50), tick=False):
        worker = _worker(app)
        case = worker.get(f"/sagsbehandler/borger/{conv['citizen_id']}").get_data(as_text=True)
        assert url in case
        bad = worker.post(url, data={"summary": "  ", "next_step": ""})
        assert bad.status_code == 400 and "Write a short note to the citizen" in bad.get_data(as_text=True)
        response = worker.post(url, data={"summary": "Vi talte om genoptræningen. Det går fremad.",
                                          "next_step": "Spørg lægen om delvis raskmelding."})
        assert response.status_code == 302
        assert "is marked as held" in worker.get(response.headers["Location"]).get_data(as_text=True)
        row = db.execute("SELECT status, summary, next_step FROM conversations WHERE id = ?", [conv["id"]]).fetchone()
        assert tuple(row) == ("held", "Vi talte om genoptræningen. Det går fremad.", "Spørg lægen om delvis raskmelding.")
        entry = db.execute("SELECT * FROM audit_log WHERE action = 'conversation_held'").fetchone()
        after = json.loads(entry["after"])
        assert entry["entity"] == "conversation" and entry["entity_id"] == conv["id"]
        assert entry["citizen_id"] == conv["citizen_id"] and entry["municipality_id"] == conv["municipality_id"]
        assert entry["actor_type"] == "caseworker"
        # The one mark_held for every conversation (app/conversations/held.py) writes the entry.
        expected = {"status": "held", "starts_at": conv["starts_at"], "format": "in_person",
                    "summary": "Vi talte om genoptræningen. Det går fremad.",
                    "next_step": "Spørg lægen om delvis raskmelding.", "agreed_citizen": None}
        assert {name: after.get(name) for name in expected} == expected
        assert json.loads(entry["before"])["status"] == "booked"
        assert worker.post(url, data={"summary": "igen"}).status_code == 302  # already held: nothing changes
        assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'conversation_held'").fetchone()[0] == 1

        citizen = app.test_client()
        citizen.post("/sprog/en")
        login_citizen(citizen, db, "Niels Bak")
        page = citizen.get("/opfoelgning").get_data(as_text=True)
        assert "From your latest follow-up" in page and "Vi talte om genoptræningen." in page
        assert "Spørg lægen om delvis raskmelding." in page
        if rules_today("sygedagpenge").sick.followups_first_half_year > 1:
            assert "Your next follow-up conversation must be held no later than" in page
        else:
            assert "You have had the follow-up conversations of your first half-year." in page
        assert "Vi talte om genoptræningen." in citizen.get("/min-plan").get_data(as_text=True)


def test_the_status_answers_stay_visible_after_the_meeting_has_started(app, db):
    conv = _niels_followup(db)
    db.execute("INSERT INTO followup_status_answers (conversation_id, citizen_id, municipality_id, wellbeing,"
               " treatment, treatment_note, partial_possible, what_would_help, answered_at, updated_at)"
               " VALUES (?,?,?, 'worse', 'waiting', 'Venter på scanning', 'yes', 'Korte dage', 'x', ?)",
               [conv["id"], conv["citizen_id"], conv["municipality_id"], clock.to_db(clock.now())])
    url = f"/sagsbehandler/opfoelgning/samtale/{conv['id']}/afholdt"
    starts = clock.from_db(conv["starts_at"])
    for moment in (starts + timedelta(minutes=10), starts + timedelta(hours=3)):  # during and after the meeting
        with time_machine.travel(moment, tick=False):
            worker = _worker(app)
            held = worker.get(url).get_data(as_text=True)
            assert "Status answers before a conversation" in held and 'id="held-status-answers"' in held
            assert "Korte dage" in held and "I am waiting for treatment: <bdi>Venter på scanning</bdi>" in held and "Worse" in held
            case = worker.get(f"/sagsbehandler/borger/{conv['citizen_id']}").get_data(as_text=True)
            section = case[case.index('id="case-followup"'):]
            started = section[section.index("has started."):]
            assert url in started and "Korte dage" in started
            assert section.count(f'id="status-answers-{conv["id"]}"') == 1
