"""Cancellation (afbud) with a reason, what it means for the benefit, the receipt with the
registered time, the cut-off, double submits; and rating a held conversation."""
import json
from datetime import timedelta

import pytest
import time_machine

from app import clock

from .conftest import login_caseworker, login_citizen
from .test_conversations_support import at_local, citizen, english, invite, key, make_slot, text


def _upcoming(db, name):
    return db.execute("SELECT c.* FROM conversations c JOIN citizens z ON z.id = c.citizen_id WHERE z.name = ?"
                      " AND c.status = 'booked' ORDER BY c.starts_at LIMIT 1", [name]).fetchone()


def _cancel(client, conv_id, reason="sickness", submission_key=None, **extra):
    return client.post(f"/samtaler/{conv_id}/afbud",
                       data={"reason": reason, "submission_key": submission_key or key(), **extra})


@pytest.mark.parametrize("name,says,never", [
    # Dagpenge: "without a valid reason", and contact whoever summoned you (the a-kasse holds
    # some conversations): 003 [L2990-3057], dagpenge_absence in app/rules/sets.py SOURCES.
    ("Mette Jensen", "If you stay away without a valid reason, your dagpenge stop from that day until you contact "
                     "whoever summoned you: the municipality or your a-kasse.", "deducted"),
    ("Ali Hassan", "deducted from your benefit for each day", "stops"),
    ("Sofie Nielsen", "deducted from your benefit for each day", "stops"),
    ("Jonas Madsen", "deducted from your benefit for each day", "stops"),
    ("Hanne Larsen", "the municipality finds a new time with you", "deducted"),
    ("Karin Poulsen", "or contact the municipality. Then you agree on a new time", "deducted"),
    ("Yusuf Ahmadi", "or contact the municipality. Then you agree on a new time", "stops"),
])
def test_the_page_says_what_a_cancellation_means_before_confirming(client, db, name, says, never):
    """What makes absence lawful is the reason, not the timing (DOMAIN.md): no text promises that
    cancelling in time keeps the benefit."""
    english(client)
    login_citizen(client, db, name)
    page = text(client.get(f"/samtaler/{_upcoming(db, name)['id']}/afbud"))
    assert "What it means to tell us you cannot come" in page and says in page and never not in page
    assert "Then your absence is lawful" not in page and "is not affected" not in page
    if name == "Hanne Larsen":   # sick-listed, no follow-up held yet: no sanction wording at all (rec. 3.5)
        assert "lawful" not in page and "benefit" not in page
    else:
        assert "What makes your absence lawful is your reason, not when you tell us." in page
        assert "This is a valid reason, so your absence is lawful." in page


def test_after_the_first_follow_up_a_sick_listed_citizen_is_told_plainly_what_not_taking_part_means(client, db):
    """003 rec. 3.5 [L3864-3876]: no sanction text before the first follow-up; after it, plain
    guidance (003 [L3031-3037]: sickness benefit stops for as long as the citizen does not take part)."""
    english(client)
    login_citizen(client, db, "Hanne Larsen")
    conv = _upcoming(db, "Hanne Larsen")
    before = text(client.get(f"/samtaler/{conv['id']}/afbud"))
    assert "condition for sickness benefit" not in before
    assert "condition for sickness benefit" not in text(client.get("/min-plan"))
    db.execute("UPDATE conversations SET status = 'held', summary = 'Første opfølgning.' WHERE citizen_id = ?"
               " AND kind = 'followup_first' AND status = 'cancelled_citizen'", [conv["citizen_id"]])
    after = text(client.get(f"/samtaler/{conv['id']}/afbud"))
    assert "Taking part in the follow-up is a condition for sickness benefit." in after
    assert "can stop for as long as you do not take part" in after and "we will find a way together" in after
    plan = text(client.get("/min-plan"))
    assert "Taking part in the follow-up is a condition for sickness benefit." in plan
    assert "can stop for as long as you do not take part" in text(client.get("/opfoelgning"))


@pytest.mark.parametrize("name,reminder", [
    ("Mette Jensen", "Remember to report sick on Jobnet from your first day of illness"),
    ("Ali Hassan", "Remember also to report sick the way the municipality has told you"),
    ("Hanne Larsen", None),
])
def test_after_an_illness_reason_the_receipt_reminds_to_report_sick_where_the_benefit_requires_it(client, db, name,
                                                                                                 reminder):
    """report_sick (app/rules/sets.py SOURCES): the cancellation does not report the citizen sick."""
    english(client)
    login_citizen(client, db, name)
    conv = _upcoming(db, name)
    response = _cancel(client, conv["id"], "sickness")
    receipt = text(client.get(response.headers["Location"]))
    assert "We have registered that you cannot come" in receipt and "Your benefit is not affected" not in receipt
    if reminder:
        assert reminder in receipt and "Telling us here that you cannot come does not do that for you." in receipt
    else:
        assert "report sick" not in receipt
    other = _upcoming(db, name)
    if other is not None:
        work = text(client.get(client_receipt(client, other["id"], "work")))
        assert "report sick" not in work


def client_receipt(client, conv_id, reason):
    return _cancel(client, conv_id, reason).headers["Location"]


def test_cancel_with_a_reason_registers_the_time_frees_the_slot_and_keeps_the_receipt(app, db):
    client = app.test_client()
    english(client)
    mette = citizen(db, "Mette Jensen")
    login_citizen(client, db, "Mette Jensen")
    inv = invite(db, mette)
    slot = make_slot(db, at_local(4, 8, 15))
    client.post(f"/samtaler/book/{inv}/tid/{slot}", data={"format": "in_person", "submission_key": key()})
    conv = db.execute("SELECT * FROM conversations WHERE slot_id = ?", [slot]).fetchone()
    # A pending wish is withdrawn with the cancellation.
    db.execute("INSERT INTO format_requests (conversation_id, citizen_id, municipality_id, from_format, to_format,"
               " status, created_at) VALUES (?,?,?, 'in_person', 'video', 'pending', 'x')",
               [conv["id"], mette["id"], mette["municipality_id"]])

    response = _cancel(client, conv["id"], "job_interview")
    assert response.status_code == 302 and response.headers["Location"].endswith("/afbud/kvittering")
    row = db.execute("SELECT * FROM conversations WHERE id = ?", [conv["id"]]).fetchone()
    assert row["status"] == "cancelled_citizen" and row["cancel_reason"] == "job_interview"
    assert row["sequence"] == conv["sequence"] + 1
    registered = clock.local(clock.from_db(row["cancelled_at"]))
    receipt = text(client.get(response.headers["Location"]))
    assert "We have registered that you cannot come" in receipt and "This is a valid reason, so your absence is lawful." in receipt
    assert "Your benefit is not affected" not in receipt
    assert f"{registered:%H:%M}" in receipt and str(registered.year) in receipt and registered.strftime("%B") in receipt
    assert "Book a new time" in receipt   # the invitation is open again before its deadline
    assert db.execute("SELECT status FROM booking_invitations WHERE id = ?", [inv]).fetchone()[0] == "open"
    assert db.execute("SELECT status FROM format_requests WHERE conversation_id = ?", [conv["id"]]).fetchone()[0] \
        == "withdrawn"
    entry = db.execute("SELECT after, before FROM audit_log WHERE action = 'conversation_cancelled'").fetchone()
    after = json.loads(entry["after"])
    assert after["cancel_reason"] == "job_interview" and after["cancelled_at"] == row["cancelled_at"]
    assert after["status"] == "cancelled_citizen" and after["starts_at"] == conv["starts_at"]
    assert json.loads(entry["before"])["status"] == "booked"
    # The receipt stays in the history; the time is free for another citizen.
    history = client.get("/samtaler").get_data(as_text=True)
    assert f"/samtaler/{conv['id']}/afbud/kvittering" in history
    other = app.test_client()
    login_citizen(other, db, "Ali Hassan")
    assert other.post(f"/samtaler/book/{invite(db, citizen(db, 'Ali Hassan'))}/tid/{slot}",
                      data={"format": "in_person", "submission_key": key()}).status_code == 302
    # The caseworker sees the cancellation with its reason and registered time.
    caseworker = app.test_client()
    english(caseworker)
    login_caseworker(caseworker)
    today = text(caseworker.get("/sagsbehandler/"))
    assert "Cancellations" in today and "I have a job interview" in today and f"{registered:%H:%M}" in today


def test_other_reason_needs_text_and_the_form_keeps_what_was_typed(client, db):
    english(client)
    login_citizen(client, db, "Mette Jensen")
    conv = _upcoming(db, "Mette Jensen")
    missing = _cancel(client, conv["id"], "other")
    page = missing.get_data(as_text=True)
    assert missing.status_code == 400 and "There is a problem" in page and "Tell us why you cannot come" in page
    assert 'value="other" checked' in page
    nothing = client.post(f"/samtaler/{conv['id']}/afbud", data={"submission_key": key()})
    assert nothing.status_code == 400 and "Choose why you cannot come" in nothing.get_data(as_text=True)
    done = _cancel(client, conv["id"], "other", cancel_text="Min bil er gået i stykker")
    assert done.status_code == 302
    assert "Min bil er gået i stykker" in text(client.get(done.headers["Location"]))


def test_a_double_submitted_cancellation_registers_once(client, db):
    login_citizen(client, db, "Mette Jensen")
    conv = _upcoming(db, "Mette Jensen")
    same = key()
    first, second = _cancel(client, conv["id"], submission_key=same), _cancel(client, conv["id"], submission_key=same)
    assert first.status_code == second.status_code == 302
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'conversation_cancelled'").fetchone()[0] == 1
    # A new submit on a cancelled conversation goes to its receipt.
    assert client.get(f"/samtaler/{conv['id']}/afbud").headers["Location"].endswith("/afbud/kvittering")


def test_after_the_start_the_page_says_how_to_reach_the_jobcenter(client, db):
    english(client)
    conv = _upcoming(db, "Mette Jensen")
    starts = clock.from_db(conv["starts_at"])
    with time_machine.travel(starts + timedelta(minutes=5), tick=False):
        login_citizen(client, db, "Mette Jensen")
        page = text(client.get(f"/samtaler/{conv['id']}/afbud"))
        assert "too late to tell us online that you cannot come" in page and "70 10 20 30" in page
        response = _cancel(client, conv["id"])
        assert response.status_code == 200 and "too late" in text(response)
    assert db.execute("SELECT status FROM conversations WHERE id = ?", [conv["id"]]).fetchone()[0] == "booked"


def test_a_started_conversation_shows_how_to_reach_the_jobcenter_instead_of_cancel(client, db):
    english(client)
    conv = _upcoming(db, "Mette Jensen")
    starts = clock.from_db(conv["starts_at"])
    login_citizen(client, db, "Mette Jensen")
    before = client.get(f"/samtaler/{conv['id']}").get_data(as_text=True)
    assert f"/samtaler/{conv['id']}/afbud" in before and "too late to tell us online that you cannot come" not in before
    with time_machine.travel(starts + timedelta(minutes=5), tick=False):
        login_citizen(client, db, "Mette Jensen")
        for url in (f"/samtaler/{conv['id']}", "/samtaler"):
            page = client.get(url).get_data(as_text=True)
            assert f"/samtaler/{conv['id']}/afbud" not in page, url
            assert "too late to tell us online that you cannot come" in text(client.get(url)) and "70 10 20 30" in page, url


def test_the_cancellation_page_shows_the_rules_cut_off(client, db, monkeypatch):
    from dataclasses import replace

    from app.rules import sets
    for rules in (sets.RULES_2024, sets.RULES_2026, sets.RULES_2027):
        monkeypatch.setitem(rules, "dagpenge", replace(rules["dagpenge"], cancellation_cutoff=timedelta(hours=2)))
    english(client)
    conv = _upcoming(db, "Mette Jensen")
    starts = clock.local(clock.from_db(conv["starts_at"]))
    login_citizen(client, db, "Mette Jensen")
    page = text(client.get(f"/samtaler/{conv['id']}/afbud"))
    until = starts - timedelta(hours=2)
    assert "You can do it until" in page
    assert f"{until:%H:%M}" in page.split("You can do it until")[1][:40]
    with time_machine.travel(starts - timedelta(hours=1), tick=False):
        login_citizen(client, db, "Mette Jensen")
        assert "too late to tell us online that you cannot come" in text(client.get(f"/samtaler/{conv['id']}/afbud"))
        assert _cancel(client, conv["id"]).status_code == 200
    assert db.execute("SELECT status FROM conversations WHERE id = ?", [conv["id"]]).fetchone()[0] == "booked"


def test_another_citizens_conversation_is_not_found(client, db):
    login_citizen(client, db, "Mette Jensen")
    other = _upcoming(db, "Ali Hassan")
    for url in (f"/samtaler/{other['id']}", f"/samtaler/{other['id']}/afbud", f"/samtaler/{other['id']}/form",
                f"/samtaler/{other['id']}/flyt", f"/samtaler/{other['id']}.ics", f"/samtaler/{other['id']}/vurdering",
                f"/samtaler/{other['id']}/afbud/kvittering", f"/samtaler/{other['id']}/kvittering"):
        assert client.get(url).status_code == 404, url
    assert _cancel(client, other["id"]).status_code == 404
    assert db.execute("SELECT status FROM conversations WHERE id = ?", [other["id"]]).fetchone()[0] == "booked"


def test_rating_a_held_conversation_and_the_caseworker_sees_totals_only(app, db):
    client = app.test_client()
    english(client)
    login_citizen(client, db, "Mette Jensen")
    held = db.execute("SELECT c.id FROM conversations c JOIN citizens z ON z.id = c.citizen_id"
                      " WHERE z.name = 'Mette Jensen' AND c.status = 'held' ORDER BY c.starts_at DESC").fetchone()
    db.execute("UPDATE conversations SET rating = NULL, rating_comment = NULL, rated_at = NULL WHERE id = ?",
               [held["id"]])  # the demo data rated it already
    assert "Rate how much the conversation helped you" in text(client.get("/samtaler"))
    assert client.post(f"/samtaler/{held['id']}/vurdering", data={"rating": "7"}).status_code == 400
    assert client.post(f"/samtaler/{held['id']}/vurdering", data={"rating": "2", "comment": "For kort"}).status_code == 302
    assert client.post(f"/samtaler/{held['id']}/vurdering", data={"rating": "6"}).status_code == 302  # once only
    row = db.execute("SELECT rating, rating_comment FROM conversations WHERE id = ?", [held["id"]]).fetchone()
    assert tuple(row) == (2, "For kort")
    assert "You rated it 2 of 6" in text(client.get(f"/samtaler/{held['id']}"))
    entry = db.execute("SELECT after FROM audit_log WHERE action = 'conversation_rated'").fetchone()
    assert "rating" not in json.loads(entry["after"])
    booked = _upcoming(db, "Mette Jensen")
    assert client.get(f"/samtaler/{booked['id']}/vurdering").status_code == 404

    caseworker = app.test_client()
    english(caseworker)
    login_caseworker(caseworker)
    page = caseworker.get("/sagsbehandler/").get_data(as_text=True)
    section = page[page.index('id="cw-ratings"'):]
    section = section[:section.index("</section>")]
    assert "from 3 ratings" in section and "For kort" in section
    for name in db.execute("SELECT name FROM citizens"):
        assert name[0] not in section
    # Another municipality's caseworker sees none of these.
    other = app.test_client()
    english(other)
    login_caseworker(other, "lise@skovlund.example")
    assert "Too few ratings" in other.get("/sagsbehandler/").get_data(as_text=True)
