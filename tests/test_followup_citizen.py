"""The citizen's follow-up: status questions before a conversation, "where you stand", asking
for a conversation, return to work and the retention plan."""
import json
from datetime import timedelta

import time_machine

from app import clock
from app.rules import rules_for

from .conftest import citizen_id, login_caseworker, login_citizen
from .test_followup_form import FORM, error_messages, fill_all, first_followup_format_text, key_in


def _login(client, db, name="Hanne Larsen"):
    client.post("/sprog/en?next=/log-ind")
    login_citizen(client, db, name)


def _next_followup(db, name="Hanne Larsen") -> int:
    return db.execute("SELECT v.id FROM conversations v JOIN citizens c ON c.id = v.citizen_id WHERE c.name = ?"
                      " AND v.kind LIKE 'followup%' AND v.status = 'booked' ORDER BY v.starts_at", [name]).fetchone()[0]


def test_status_questions_before_the_follow_up(app, db):
    client = app.test_client()
    _login(client, db)
    conv = _next_followup(db)
    url = f"/opfoelgning/samtale/{conv}/status"
    page = client.get(url).get_data(as_text=True)
    assert "Before your follow-up conversation" in page and "How are you now, compared with when you became ill?" in page
    assert "since we last" not in page  # nothing was said before a first follow-up
    bad = client.post(url, data={"submission_key": key_in(page), "wellbeing": "better",
                                 "expected_return_on": "2020-01-01"})
    errors = error_messages(bad.get_data(as_text=True))
    assert bad.status_code == 400
    assert errors == ["Choose whether you are in treatment", "The date cannot be in the past",
                      "Choose whether you could work some of your hours"]
    back = (clock.today() + timedelta(days=30)).isoformat()
    data = {"submission_key": key_in(page), "wellbeing": "worse", "treatment": "waiting",
            "treatment_note": "Venter på MR-scanning", "expected_return_on": back, "partial_possible": "yes",
            "what_would_help": "Kortere dage i starten"}
    assert client.post(url, data=data).headers["Location"].endswith(f"{url}/kvittering")
    client.post(url, data=data)  # a double click acts once
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'followup_status_answered'").fetchone()[0] == 1
    receipt = client.get(f"{url}/kvittering").get_data(as_text=True)
    assert "Your answers are sent" in receipt and "Registered" in receipt and "Venter på MR-scanning" in receipt
    assert "Answers sent" in client.get("/opfoelgning").get_data(as_text=True)

    # The caseworker reads them before the meeting, on the case and in the queue.
    worker = app.test_client()
    worker.post("/sprog/en")
    login_caseworker(worker, "henrik@fjordby.example")
    case = worker.get(f"/sagsbehandler/borger/{citizen_id(db, 'Hanne Larsen')}").get_data(as_text=True)
    assert "Sick-leave follow-up" in case and "Kortere dage i starten" in case and "Worse" in case
    assert "I am waiting for treatment: <bdi>Venter på MR-scanning</bdi>" in case
    queue = worker.get("/sagsbehandler/opfoelgning").get_data(as_text=True)
    assert "Status answers before a conversation" in queue and "Hanne Larsen</a>: answered" in queue

    # Changing the answers before the start updates them; after the start the questions close.
    data["submission_key"] = key_in(client.get(url).get_data(as_text=True))
    data["wellbeing"] = "same"
    client.post(url, data=data)
    assert db.execute("SELECT wellbeing FROM followup_status_answers WHERE conversation_id = ?", [conv]).fetchone()[0] == "same"
    starts = clock.from_db(db.execute("SELECT starts_at FROM conversations WHERE id = ?", [conv]).fetchone()[0])
    with time_machine.travel(starts + timedelta(minutes=5), tick=False):
        _login(client, db)
        assert client.get(url).headers["Location"].endswith("/opfoelgning")


def test_status_questions_are_the_urgent_thing_two_days_before(client, db):
    conv = _next_followup(db, "Niels Bak")
    starts = clock.from_db(db.execute("SELECT starts_at FROM conversations WHERE id = ?", [conv]).fetchone()[0])
    with time_machine.travel(starts - timedelta(days=1), tick=False):
        _login(client, db, "Niels Bak")
        plan = client.get("/min-plan").get_data(as_text=True)
        now = plan.index('id="now"')
        assert "Answer a few short questions before your follow-up conversation" in plan[now:now + 400]


def test_where_you_stand(client, db):
    _login(client, db, "Niels Bak")
    sick = rules_for("sygedagpenge", clock.today()).sick
    page = client.get("/opfoelgning").get_data(as_text=True)
    assert f"Week 8 of {sick.benefit_limit_weeks}" in page and "on sickness benefit" in page
    assert f"Your a-kasse pays your sickness benefit for the first {sick.akasse_pays_weeks} weeks" in page
    assert "This is called a reassessment (revurdering)." in page
    assert first_followup_format_text(db, "Niels Bak", "unemployed") in page
    plan = client.get("/min-plan").get_data(as_text=True)
    assert f"Week 8 of {sick.benefit_limit_weeks}" in plan and "Your follow-up" in plan
    client.post("/log-af")
    _login(client, db)
    page = client.get("/opfoelgning").get_data(as_text=True)
    assert f"Week 1 of {sick.benefit_limit_weeks}" in page
    assert f"The first {sick.employer_period_days} days, which your employer paid, do not count." in page
    assert first_followup_format_text(db, "Hanne Larsen", "employed") in page


def test_ask_for_a_conversation_and_the_caseworker_handles_it(app, db):
    client = app.test_client()
    _login(client, db)
    page = client.get("/opfoelgning/bed-om-samtale").get_data(as_text=True)
    data = {"submission_key": key_in(page), "topic": "Jeg vil gerne tale om at starte på nedsat tid",
            "preferred_format": "video"}
    assert client.post("/opfoelgning/bed-om-samtale", data=data).headers["Location"].endswith("/kvittering")
    client.post("/opfoelgning/bed-om-samtale", data=data)
    assert db.execute("SELECT COUNT(*) FROM followup_requests").fetchone()[0] == 1
    entry = db.execute("SELECT actor_type, entity, citizen_id, after FROM audit_log"
                       " WHERE action = 'followup_conversation_requested'").fetchone()
    assert entry["actor_type"] == "citizen" and entry["entity"] == "followup_request"
    assert json.loads(entry["after"])["preferred_format"] == "video"
    receipt = client.get("/opfoelgning/bed-om-samtale/kvittering").get_data(as_text=True)
    assert "Your caseworker will contact you to find a time" in receipt and "Registered" in receipt
    assert "You asked for a conversation" in client.get("/opfoelgning").get_data(as_text=True)

    worker = app.test_client()
    worker.post("/sprog/en")
    login_caseworker(worker)
    queue = worker.get("/sagsbehandler/opfoelgning").get_data(as_text=True)
    assert "Jeg vil gerne tale om at starte på nedsat tid" in queue
    request_id = db.execute("SELECT id FROM followup_requests").fetchone()[0]
    response = worker.post(f"/sagsbehandler/opfoelgning/anmodning/{request_id}/behandlet")
    assert response.status_code == 302
    assert "is marked as handled" in worker.get(response.headers["Location"]).get_data(as_text=True)
    assert db.execute("SELECT status FROM followup_requests").fetchone()[0] == "handled"
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'followup_request_handled'").fetchone()[0] == 1
    assert "Ask for a conversation" in client.get("/opfoelgning").get_data(as_text=True)


def test_partial_then_full_return_to_work(client, db):
    _login(client, db, "Niels Bak")
    page = client.get("/opfoelgning/raskmelding").get_data(as_text=True)
    today = clock.today()
    bad = client.post("/opfoelgning/raskmelding", data={"submission_key": key_in(page), "kind": "partial",
                                                       "on_date": today.isoformat(), "hours": ""})
    assert bad.status_code == 400 and error_messages(bad.get_data(as_text=True)) == ["Enter how many hours a week you work"]
    too_early = client.post("/opfoelgning/raskmelding", data={"submission_key": key_in(page), "kind": "full",
                                                             "on_date": (today - timedelta(weeks=20)).isoformat()})
    assert too_early.status_code == 400
    assert "The date cannot be before your first day of absence." in too_early.get_data(as_text=True)

    response = client.post("/opfoelgning/raskmelding", data={"submission_key": key_in(page), "kind": "partial",
                                                            "on_date": today.isoformat(), "hours": "16"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your return to work is registered. Registered" in page
    assert "You have told us you work 16 hours a week from" in page
    assert "Week 8 of 22" in page and "Those weeks still count as whole weeks" in page
    assert "Your first follow-up conversation must be held no later than" in page

    page = client.get("/opfoelgning/raskmelding").get_data(as_text=True)
    client.post("/opfoelgning/raskmelding", data={"submission_key": key_in(page), "kind": "full",
                                                  "on_date": (today - timedelta(days=7)).isoformat()})
    page = client.get("/opfoelgning").get_data(as_text=True)
    assert "Back at work from" in page and "6 weeks on sickness benefit in all." in page
    assert "you have no more required follow-up conversations" in page
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'sick_return_registered'").fetchone()[0] == 2


def test_ask_for_a_retention_plan_and_see_its_status(app, db):
    client = app.test_client()
    _login(client, db)
    page = client.get("/opfoelgning").get_data(as_text=True)
    assert "A retention plan (fastholdelsesplan) describes" in page
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    response = client.post("/opfoelgning/fastholdelsesplan", data={"submission_key": key})
    page = client.get(response.headers["Location"].split("#")[0]).get_data(as_text=True)
    assert "You have asked for a retention plan. Registered" in page and "Asked for" in page

    worker = app.test_client()
    worker.post("/sprog/en")
    login_caseworker(worker)
    hanne = citizen_id(db, "Hanne Larsen")
    bad = worker.post(f"/sagsbehandler/opfoelgning/borger/{hanne}/fastholdelsesplan", data={"note": "x"})
    assert bad.status_code == 400
    worker.post(f"/sagsbehandler/opfoelgning/borger/{hanne}/fastholdelsesplan",
                data={"status": "in_progress", "note": "Møde med arbejdsgiver 3. december"})
    page = client.get("/opfoelgning").get_data(as_text=True)
    assert "Being made" in page and "Møde med arbejdsgiver 3. december" in page
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE entity = 'sick_case' ORDER BY id")]
    assert actions == ["retention_plan_requested", "retention_plan_status_changed"]


def test_a_sick_listed_citizen_without_a_case_yet(app, db):
    hanne = citizen_id(db, "Hanne Larsen")
    db.execute("DELETE FROM sick_cases WHERE citizen_id = ?", [hanne])
    client = app.test_client()
    _login(client, db)
    page = client.get("/opfoelgning").get_data(as_text=True)
    assert "The municipality sends you an information form" in page and "Week 1 of 22" in page
    worker = app.test_client()
    worker.post("/sprog/en")
    login_caseworker(worker)
    case = worker.get(f"/sagsbehandler/borger/{hanne}").get_data(as_text=True)
    assert "The information form has not been sent." in case
    key = case.split('name="submission_key" value="')[1].split('"')[0]
    worker.post(f"/sagsbehandler/opfoelgning/borger/{hanne}/send-skema", data={"submission_key": key})
    row = db.execute("SELECT first_sick_day, employment_status FROM sick_cases WHERE citizen_id = ?", [hanne]).fetchone()
    assert tuple(row) == ((clock.today() - timedelta(weeks=5)).isoformat(), "employed")
    assert "Fill in the information form by" in client.get("/opfoelgning").get_data(as_text=True)


def _register_return(client, data) -> None:
    page = client.get("/opfoelgning/raskmelding").get_data(as_text=True)
    response = client.post("/opfoelgning/raskmelding", data={"submission_key": key_in(page), **data})
    assert response.status_code == 302, error_messages(response.get_data(as_text=True))


def test_a_full_return_flags_booked_follow_ups_and_drops_the_status_questions(app, db):
    conv = _next_followup(db, "Niels Bak")
    starts = clock.local(clock.from_db(db.execute("SELECT starts_at FROM conversations WHERE id = ?",
                                                  [conv]).fetchone()[0])).date()
    client = app.test_client()
    _login(client, db, "Niels Bak")
    assert "Answer a few short questions" in client.get("/min-plan").get_data(as_text=True)
    worker = app.test_client()
    worker.post("/sprog/en")
    login_caseworker(worker)
    case_url = f"/sagsbehandler/borger/{citizen_id(db, 'Niels Bak')}"

    # Partly back, or fully back only after the conversation: nothing to decide about it.
    _register_return(client, {"kind": "partial", "on_date": clock.today().isoformat(), "hours": "10"})
    _register_return(client, {"kind": "full", "on_date": (starts + timedelta(days=1)).isoformat()})
    assert "Answer a few short questions" in client.get("/min-plan").get_data(as_text=True)
    assert "cancel or keep the follow-up" not in worker.get("/sagsbehandler/").get_data(as_text=True)
    assert "cancel or keep the follow-up" not in worker.get(case_url).get_data(as_text=True)

    # Fully back from today: the booked follow-up is no longer required.
    _register_return(client, {"kind": "full", "on_date": clock.today().isoformat()})
    page = client.get("/opfoelgning").get_data(as_text=True)
    assert "you have no more required follow-up conversations" in page
    assert "so this conversation is not required" in page
    assert f"/opfoelgning/samtale/{conv}/status" not in page
    plan = client.get("/min-plan").get_data(as_text=True)
    assert "Answer a few short questions" not in plan
    assert "You have no required follow-up conversations. You can always ask for one." in plan
    assert "You have no required conversations in your first 6 months." in plan
    assert "conversations with the municipality" not in plan[plan.index('id="duties"'):plan.index('id="rights"')]

    today = worker.get("/sagsbehandler/").get_data(as_text=True)
    panel = today[today.index('id="today-followup"'):]
    flagged = panel[panel.index("Back at work: follow-ups still booked"):]
    assert "Niels Bak" in flagged and "cancel or keep the follow-up" in flagged
    queue = worker.get("/sagsbehandler/opfoelgning").get_data(as_text=True)
    section = queue[queue.index('id="after-return"'):queue.index('id="due-heading"')]
    assert "Niels Bak" in section and "cancel or keep the follow-up" in section
    case = worker.get(case_url).get_data(as_text=True)
    assert f'id="after-return-{conv}"' in case and f"/sagsbehandler/samtaler/{conv}/aflys" in case


def test_min_plan_follows_the_citizens_own_follow_up_schedule(client, db):
    sick = rules_for("sygedagpenge", clock.today()).sick
    n = sick.followups_first_half_year
    at_least = (f"at least {n} conversation with the municipality" if n == 1
                else f"at least {n} conversations with the municipality")
    week = f"before the end of week {sick.first_followup_weeks} of your sick leave"
    _login(client, db)
    plan = client.get("/min-plan").get_data(as_text=True)
    assert at_least in plan and week in plan
    # Hanne and her employer expect her back within 26 weeks: no required follow-ups (from July 2026).
    assert sick.no_required_if_return_within_weeks is not None
    fill_all(client, within="yes")
    client.post(f"{FORM}/tjek", data={"submission_key": key_in(client.get(f"{FORM}/tjek").get_data(as_text=True))})
    plan = client.get("/min-plan").get_data(as_text=True)
    duties = plan[plan.index('id="duties"'):plan.index('id="rights"')]
    assert at_least not in duties and week not in duties
    assert "You have no required conversations in your first 6 months. You can always ask for one." in duties
    assert "You have no required follow-up conversations. You can always ask for one." in duties


def test_a_retention_plan_only_for_someone_with_an_employer(app, db):
    niels = app.test_client()
    _login(niels, db, "Niels Bak")  # sick-listed while unemployed
    page = niels.get("/opfoelgning").get_data(as_text=True)
    assert 'id="retention-ask"' not in page and "A retention plan (fastholdelsesplan) describes" not in page
    assert "can ask for a retention plan" not in niels.get("/min-plan").get_data(as_text=True)
    response = niels.post("/opfoelgning/fastholdelsesplan", data={"submission_key": "niels-retention-0123456789"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/opfoelgning")
    assert "A retention plan is for people who are sick-listed from a job." in niels.get("/opfoelgning").get_data(as_text=True)
    row = db.execute("SELECT retention_plan_requested_by, retention_plan_status FROM sick_cases WHERE citizen_id = ?",
                     [citizen_id(db, "Niels Bak")]).fetchone()
    assert tuple(row) == (None, None)
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'retention_plan_requested'").fetchone()[0] == 0

    hanne = app.test_client()
    _login(hanne, db)  # sick-listed from a job
    assert "You or your employer can ask for a retention plan" in hanne.get("/min-plan").get_data(as_text=True)
    assert 'id="retention-ask"' in hanne.get("/opfoelgning").get_data(as_text=True)


def test_the_format_text_follows_the_rules_on_the_meetings_date(client, db):
    """Niels is unemployed: his first follow-up may be by phone or video only under the 2027 rules."""
    conv = _next_followup(db, "Niels Bak")
    with time_machine.travel("2026-12-20 10:00 +0100", tick=False):
        _login(client, db, "Niels Bak")
        for starts, expected in (("2027-01-05T09:00:00Z", "You choose whether your follow-up conversations, also the first"),
                                 ("2026-12-22T09:00:00Z", "Your first follow-up conversation is in person.")):
            db.execute("UPDATE conversations SET starts_at = ?, ends_at = ? WHERE id = ?",
                       [starts, starts.replace("T09", "T10"), conv])
            assert expected in client.get("/opfoelgning").get_data(as_text=True), starts
