"""Self-booking through the pages: the slot list, the one conditional write, the receipt,
rebooking, double submits and every refusal path."""
import json
from datetime import timedelta

import pytest

from app import clock
from app.rules import GROUPS, rules_for

from .conftest import citizen_id, login_citizen
from .test_conversations_support import (at_local, audit_actions, citizen, day_of, english, free_calendar, invite,
                                         key, make_slot, only_slot, text)


def _book(client, inv, slot, fmt="in_person", submission_key=None, **extra):
    return client.post(f"/samtaler/book/{inv}/tid/{slot}",
                       data={"format": fmt, "submission_key": submission_key or key(), **extra})


def _conversation_on(db, slot):
    return db.execute("SELECT * FROM conversations WHERE slot_id = ? AND status = 'booked'", [slot]).fetchone()


def test_citizen_books_a_published_time_and_gets_a_receipt(client, db):
    english(client)
    mette = citizen(db, "Mette Jensen")
    inv = invite(db, mette)
    slot = make_slot(db, at_local(4, 8, 15))
    login_citizen(client, db, "Mette Jensen")

    listing = client.get(f"/samtaler/book/{inv}")
    assert listing.status_code == 200
    assert f"/samtaler/book/{inv}?dag={day_of(db, slot)}" in listing.get_data(as_text=True)
    times = client.get(f"/samtaler/book/{inv}?dag={day_of(db, slot)}")
    assert f"/samtaler/book/{inv}/tid/{slot}" in times.get_data(as_text=True)
    confirm = client.get(f"/samtaler/book/{inv}/tid/{slot}")
    assert 'id="format-0"' in confirm.get_data(as_text=True) and "The time you have chosen" in text(confirm)
    assert "Check your answers" not in text(confirm)  # nothing is answered yet on step 2
    assert f'href="/samtaler/book/{inv}?dag={day_of(db, slot)}"' in confirm.get_data(as_text=True)  # back to that day

    response = _book(client, inv, slot, "video")
    assert response.status_code == 302 and response.headers["Location"].endswith("/kvittering")
    receipt = client.get(response.headers["Location"])
    assert "Your conversation is booked" in text(receipt) and "Registered" in text(receipt)
    conv = _conversation_on(db, slot)
    assert conv["format"] == "video" and conv["video_url"].startswith("https://")
    assert conv["summoned"] == 0 and conv["uid"] and conv["invitation_id"] == inv
    assert db.execute("SELECT status, conversation_id FROM booking_invitations WHERE id = ?", [inv]).fetchone()[:] == \
        ("booked", conv["id"])
    entry = db.execute("SELECT after, municipality_id, citizen_id FROM audit_log WHERE action = 'conversation_booked'"
                       " AND entity_id = ?", [conv["id"]]).fetchone()
    after = json.loads(entry["after"])
    assert after["starts_at"] == conv["starts_at"] and after["format"] == "video" and after["status"] == "booked"
    assert entry["citizen_id"] == mette["id"] and entry["municipality_id"] == mette["municipality_id"]
    # The invitation is used: the list no longer offers it, and Min Plan shows the new time.
    assert f"/samtaler/book/{inv}\"" not in client.get("/samtaler").get_data(as_text=True)
    again = client.get(f"/samtaler/book/{inv}")
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/samtaler/{conv['id']}")


def test_a_double_submitted_booking_books_once(client, db):
    mette = citizen(db, "Mette Jensen")
    inv = invite(db, mette)
    slot = make_slot(db, at_local(5, 8, 15))
    login_citizen(client, db, "Mette Jensen")
    same = key()
    first, second = _book(client, inv, slot, submission_key=same), _book(client, inv, slot, submission_key=same)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert db.execute("SELECT COUNT(*) FROM conversations WHERE slot_id = ?", [slot]).fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'conversation_booked'").fetchone()[0] == 1


def test_a_time_someone_else_holds_is_refused_with_a_clear_message(app, db):
    mette, ali = citizen(db, "Mette Jensen"), citizen(db, "Ali Hassan")
    slot = make_slot(db, at_local(6, 8, 15))
    first, second = app.test_client(), app.test_client()
    english(second)
    login_citizen(first, db, "Mette Jensen")
    login_citizen(second, db, "Ali Hassan")
    assert _book(first, invite(db, mette), slot).status_code == 302
    inv = invite(db, ali)
    assert f"/tid/{slot}" not in second.get(f"/samtaler/book/{inv}?dag={day_of(db, slot)}").get_data(as_text=True)
    response = _book(second, inv, slot)
    assert response.status_code == 409
    assert "that time was just taken" in text(response)
    assert db.execute("SELECT COUNT(*) FROM conversations WHERE slot_id = ?", [slot]).fetchone()[0] == 1
    assert db.execute("SELECT status FROM booking_invitations WHERE id = ?", [inv]).fetchone()[0] == "open"


def test_refusals(client, db):
    english(client)
    mette = citizen(db, "Mette Jensen")
    inv = invite(db, mette, end=clock.today() + timedelta(days=10))
    login_citizen(client, db, "Mette Jensen")
    outside = make_slot(db, at_local(14, 8, 15))
    past = make_slot(db, clock.now() - timedelta(hours=1))
    withdrawn = make_slot(db, at_local(3, 8, 15), status="withdrawn")
    afternoon = make_slot(db, at_local(3, 15, 15), formats="phone,video")
    other_municipality = make_slot(db, at_local(3, 8, 15), code="902", worker="lise@skovlund.example")
    for slot in (outside, past, withdrawn, other_municipality):
        listing = client.get(f"/samtaler/book/{inv}?dag={day_of(db, slot)}").get_data(as_text=True)
        assert f"/tid/{slot}\"" not in listing
    for slot in (outside, past, withdrawn):
        response = _book(client, inv, slot)
        assert response.status_code == 400 and "not available" in text(response), slot
    assert _book(client, inv, other_municipality).status_code == 404
    refused = _book(client, inv, afternoon, "in_person")   # not offered at this time
    assert refused.status_code == 400 and "There is a problem" in text(refused)
    db.execute("UPDATE citizens SET phone = NULL WHERE id = ?", [mette["id"]])
    no_number = _book(client, inv, afternoon, "phone")
    assert no_number.status_code == 400 and "Enter the phone number" in text(no_number)
    assert _book(client, inv, afternoon, "phone", phone_number="12 34 56 78").status_code == 302
    # Another citizen's invitation is not found.
    ali_inv = invite(db, citizen(db, "Ali Hassan"))
    assert client.get(f"/samtaler/book/{ali_inv}").status_code == 404
    assert _book(client, ali_inv, make_slot(db, at_local(3, 16, 15))).status_code == 404
    assert db.execute("SELECT COUNT(*) FROM conversations WHERE citizen_id = ? AND slot_id IS NOT NULL",
                      [mette["id"]]).fetchone()[0] == 1


def test_an_expired_invitation_says_to_contact_the_jobcenter(client, db):
    english(client)
    mette = citizen(db, "Mette Jensen")
    inv = invite(db, mette, deadline=clock.today() - timedelta(days=1))
    slot = make_slot(db, at_local(3, 8, 15))
    login_citizen(client, db, "Mette Jensen")
    page = client.get(f"/samtaler/book/{inv}")
    assert "The deadline for booking has passed" in text(page)
    refused = _book(client, inv, slot)
    assert refused.status_code == 400 and "cannot be booked here" in text(refused)
    assert _conversation_on(db, slot) is None


@pytest.mark.parametrize("name", ["Sofie Nielsen", "Yusuf Ahmadi"])
def test_citizens_who_do_not_self_book_are_summoned(client, db, name):
    english(client)
    person = citizen(db, name)  # activity-ready (rules) / exempt for an interpreter
    inv = invite(db, person)
    slot = make_slot(db, at_local(3, 8, 15))
    login_citizen(client, db, name)
    assert "books your conversations for you" in text(client.get(f"/samtaler/book/{inv}"))
    _book(client, inv, slot)
    assert _conversation_on(db, slot) is None


def test_rebooking_frees_the_old_time_and_keeps_the_calendar_event(app, db):
    mette, ali = citizen(db, "Mette Jensen"), citizen(db, "Ali Hassan")
    client = app.test_client()
    english(client)
    login_citizen(client, db, "Mette Jensen")
    old, new = make_slot(db, at_local(4, 8, 15)), make_slot(db, at_local(5, 8, 15), formats="phone,video")
    response = _book(client, invite(db, mette), old, "in_person")
    conv = _conversation_on(db, old)
    assert f"/flyt?dag={day_of(db, new)}" in client.get(f"/samtaler/{conv['id']}/flyt").get_data(as_text=True)
    assert f"/flyt/{new}" in client.get(f"/samtaler/{conv['id']}/flyt?dag={day_of(db, new)}").get_data(as_text=True)
    confirm = client.get(f"/samtaler/{conv['id']}/flyt/{new}")
    assert "In person" not in text(confirm).split("How do you want to meet?")[-1]  # not offered at this time
    response = client.post(f"/samtaler/{conv['id']}/flyt/{new}", data={"format": "video", "submission_key": key()})
    assert response.status_code == 302
    assert "Your conversation is moved" in text(client.get(response.headers["Location"]))
    moved = db.execute("SELECT * FROM conversations WHERE id = ?", [conv["id"]]).fetchone()
    assert moved["slot_id"] == new and moved["uid"] == conv["uid"] and moved["sequence"] == conv["sequence"] + 1
    assert moved["format"] == "video" and moved["video_url"]
    entry = db.execute("SELECT before, after FROM audit_log WHERE action = 'conversation_rebooked'").fetchone()
    assert json.loads(entry["before"])["starts_at"] == conv["starts_at"]
    assert json.loads(entry["after"])["starts_at"] == moved["starts_at"]
    # The old time is free at once: another citizen books it.
    other = app.test_client()
    login_citizen(other, db, "Ali Hassan")
    assert _book(other, invite(db, ali), old).status_code == 302
    # A time another citizen holds cannot be moved onto.
    taken = client.post(f"/samtaler/{conv['id']}/flyt/{old}", data={"format": "in_person", "submission_key": key()})
    assert taken.status_code == 409


def test_a_summoned_first_conversation_cannot_be_moved_but_a_later_one_can(client, db):
    english(client)
    mette = citizen(db, "Mette Jensen")
    login_citizen(client, db, "Mette Jensen")
    starts = at_local(6, 8, 15)

    def summoned(kind):
        return db.execute(
            "INSERT INTO conversations (citizen_id, municipality_id, held_by, kind, starts_at, ends_at, format, status,"
            " summoned, created_at, updated_at, uid, location) VALUES (?,?, 'jobcenter', ?,?,?, 'in_person', 'booked',"
            " 1, 'x', 'x', ?, 'Havnegade')", [mette["id"], mette["municipality_id"], kind, clock.to_db(starts),
                                            clock.to_db(starts + timedelta(minutes=45)), f"s-{kind}@t"]).lastrowid
    rules = rules_for("dagpenge")
    first = summoned(rules.first_conversation_kind)
    slot = make_slot(db, at_local(7, 8, 15))
    page = client.get(f"/samtaler/{first}/flyt")
    assert "fixed by the municipality" in text(page) and f"/flyt/{slot}" not in page.get_data(as_text=True)
    client.post(f"/samtaler/{first}/flyt/{slot}", data={"format": "in_person", "submission_key": key()})
    assert db.execute("SELECT slot_id FROM conversations WHERE id = ?", [first]).fetchone()[0] is None
    later = summoned("job")
    beyond = make_slot(db, at_local(6 + rules.reschedule_window_days + 3, 8, 15))
    days = client.get(f"/samtaler/{later}/flyt").get_data(as_text=True)
    assert f"/flyt?dag={day_of(db, slot)}" in days and f"/flyt?dag={day_of(db, beyond)}" not in days
    listing = client.get(f"/samtaler/{later}/flyt?dag={day_of(db, slot)}").get_data(as_text=True)
    assert f"/flyt/{slot}" in listing   # inside the rules' window only
    beyond_day = client.get(f"/samtaler/{later}/flyt?dag={day_of(db, beyond)}").get_data(as_text=True)
    assert f"/flyt/{beyond}" not in beyond_day
    outside = client.post(f"/samtaler/{later}/flyt/{beyond}", data={"format": "in_person", "submission_key": key()})
    assert outside.status_code == 400 and "outside the period" in text(outside)
    assert client.post(f"/samtaler/{later}/flyt/{slot}",
                       data={"format": "in_person", "submission_key": key()}).status_code == 302
    assert db.execute("SELECT slot_id, summoned FROM conversations WHERE id = ?", [later]).fetchone()[:] == (slot, 1)


def test_an_interpreter_need_sends_the_booking_to_the_caseworker(app, db):
    client = app.test_client()
    english(client)
    mette = citizen(db, "Mette Jensen")
    inv = invite(db, mette)
    login_citizen(client, db, "Mette Jensen")
    empty = client.post(f"/samtaler/book/{inv}/tolk", data={"language": ""})
    assert empty.status_code == 400 and "Enter the language" in text(empty)
    assert client.post(f"/samtaler/book/{inv}/tolk", data={"language": "arabisk"}).status_code == 302
    assert "the municipality books the time" in text(client.get("/samtaler"))
    assert "municipality books the time for you" in text(client.get(f"/samtaler/book/{inv}"))
    caseworker = app.test_client()
    english(caseworker)
    caseworker.post("/log-ind/medarbejder", data={"email": "anne@fjordby.example", "password": "minplan-demo"})
    today = text(caseworker.get("/sagsbehandler/"))
    assert "Interpreters to arrange" in today and "Mette Jensen" in today and "arabisk" in today
    form = caseworker.get(f"/sagsbehandler/borger/{mette['id']}/indkald").get_data(as_text=True)
    assert 'value="arabisk"' in form
    starts = clock.local(at_local(6, 10))
    response = caseworker.post(f"/sagsbehandler/borger/{mette['id']}/indkald", data={
        "kind": "job", "day": starts.date().isoformat(), "start": "10:00", "minutes": "45", "format": "in_person",
        "location": "Havnegade 12", "interpreter": "arabisk", "submission_key": key()})
    assert response.status_code == 302
    assert db.execute("SELECT status FROM booking_invitations WHERE id = ?", [inv]).fetchone()[0] == "booked"
    conv = db.execute("SELECT * FROM conversations WHERE citizen_id = ? AND interpreter = 'arabisk'",
                      [mette["id"]]).fetchone()
    assert conv["summoned"] == 1 and conv["interpreter_ordered_at"] is None
    assert "order an interpreter" in text(caseworker.get("/sagsbehandler/"))
    caseworker.post(f"/sagsbehandler/samtaler/{conv['id']}/tolk-bestilt", data={"next": "today"})
    assert "order an interpreter" not in text(caseworker.get("/sagsbehandler/"))
    assert "conversation_interpreter_ordered" in audit_actions(db, conv["id"])


@pytest.mark.parametrize("name,kind", [("Hanne Larsen", "followup_first"), ("Mette Jensen", "first"),
                                       ("Mette Jensen", "joint")])
def test_a_summoned_kind_is_never_self_booked(client, db, name, kind):
    """The first conversation (for a sick-listed citizen the first follow-up) and joint ones are summoned."""
    english(client)
    person = citizen(db, name)
    assert rules_for(person["target_group"]).is_summoned_kind(kind)
    inv = invite(db, person, kind=kind)
    slot = make_slot(db, at_local(3, 8, 15))
    login_citizen(client, db, name)
    assert "books your conversations for you" in text(client.get(f"/samtaler/book/{inv}"))
    assert "books your conversations for you" in text(client.get(f"/samtaler/book/{inv}/tid/{slot}"))
    refused = _book(client, inv, slot, "in_person")
    assert refused.status_code == 400 and "cannot be booked here" in text(refused)
    assert _conversation_on(db, slot) is None
    assert db.execute("SELECT status FROM booking_invitations WHERE id = ?", [inv]).fetchone()[0] == "open"


def test_a_first_conversation_cannot_be_moved_even_when_not_flagged_summoned(client, db):
    english(client)
    hanne = citizen(db, "Hanne Larsen")
    first = db.execute("SELECT * FROM conversations WHERE citizen_id = ? AND kind = 'followup_first'"
                       " AND status = 'booked'", [hanne["id"]]).fetchone()
    assert first["summoned"] == 1   # the demo data flags the first follow-up as a summons
    db.execute("UPDATE conversations SET summoned = 0 WHERE id = ?", [first["id"]])
    slot = make_slot(db, at_local(7, 8, 15))
    login_citizen(client, db, "Hanne Larsen")
    assert "fixed by the municipality" in text(client.get(f"/samtaler/{first['id']}/flyt"))
    refused = client.post(f"/samtaler/{first['id']}/flyt/{slot}", data={"format": "in_person", "submission_key": key()})
    assert refused.status_code == 302 and refused.headers["Location"].endswith(f"/samtaler/{first['id']}/flyt")
    assert db.execute("SELECT slot_id FROM conversations WHERE id = ?", [first["id"]]).fetchone()[0] is None


def _booked_in_person(client, db, person, hours):
    """Book a published time starting in `hours` hours, in person; returns the conversation row."""
    free_calendar(db, person)
    slot = make_slot(db, clock.now().replace(second=0, microsecond=0) + timedelta(hours=hours))
    inv = invite(db, person, start=clock.today(), end=clock.today() + timedelta(days=21))
    assert _book(client, inv, slot, "in_person").status_code == 302
    return _conversation_on(db, slot)


@pytest.mark.parametrize("old_hours,new_hours", [(72, 10), (10, 72)])
def test_a_late_move_keeps_the_format(client, db, old_hours, new_hours):
    """Inside the rules' late-change limit before the old or the new start, moving cannot change
    the format: the format is kept, and a wish goes through the format page as a request."""
    english(client)
    mette = citizen(db, "Mette Jensen")
    db.execute("UPDATE slots SET status = 'withdrawn'")
    login_citizen(client, db, "Mette Jensen")
    assert rules_for("dagpenge").late_change_hours == 24
    conv = _booked_in_person(client, db, mette, old_hours)
    new = make_slot(db, clock.now().replace(second=0, microsecond=0) + timedelta(hours=new_hours, minutes=30))
    confirm = client.get(f"/samtaler/{conv['id']}/flyt/{new}").get_data(as_text=True)
    assert 'value="in_person"' in confirm and 'value="video"' not in confirm and 'id="format-kept"' in confirm
    video = client.post(f"/samtaler/{conv['id']}/flyt/{new}", data={"format": "video", "submission_key": key()})
    assert video.status_code == 400
    moved = client.post(f"/samtaler/{conv['id']}/flyt/{new}", data={"format": "in_person", "submission_key": key()})
    assert moved.status_code == 302
    row = db.execute("SELECT slot_id, format FROM conversations WHERE id = ?", [conv["id"]]).fetchone()
    assert tuple(row) == (new, "in_person")


def test_an_early_move_may_change_the_format(client, db):
    english(client)
    mette = citizen(db, "Mette Jensen")
    db.execute("UPDATE slots SET status = 'withdrawn'")
    login_citizen(client, db, "Mette Jensen")
    conv = _booked_in_person(client, db, mette, 72)
    new = make_slot(db, clock.now().replace(second=0, microsecond=0) + timedelta(hours=96))
    confirm = client.get(f"/samtaler/{conv['id']}/flyt/{new}").get_data(as_text=True)
    assert 'value="video"' in confirm and 'id="format-kept"' not in confirm
    assert client.post(f"/samtaler/{conv['id']}/flyt/{new}",
                       data={"format": "video", "submission_key": key()}).status_code == 302
    assert db.execute("SELECT format FROM conversations WHERE id = ?", [conv["id"]]).fetchone()[0] == "video"


def test_moving_withdraws_a_waiting_format_request(client, db):
    english(client)
    mette = citizen(db, "Mette Jensen")
    db.execute("UPDATE slots SET status = 'withdrawn'")
    login_citizen(client, db, "Mette Jensen")
    conv = _booked_in_person(client, db, mette, 10)
    asked = client.post(f"/samtaler/{conv['id']}/form", data={"format": "video", "reason": "Lang transport"})
    assert "/form/kvittering/" in asked.headers["Location"]
    request_id = db.execute("SELECT id FROM format_requests WHERE conversation_id = ? AND status = 'pending'",
                            [conv["id"]]).fetchone()[0]
    new = make_slot(db, clock.now().replace(second=0, microsecond=0) + timedelta(hours=80))
    assert client.post(f"/samtaler/{conv['id']}/flyt/{new}",
                       data={"format": "in_person", "submission_key": key()}).status_code == 302
    assert db.execute("SELECT status FROM format_requests WHERE id = ?", [request_id]).fetchone()[0] == "withdrawn"
    entry = db.execute("SELECT actor_type, after FROM audit_log WHERE action = 'format_request_withdrawn'"
                       " AND entity = 'format_request' AND entity_id = ?", [request_id]).fetchone()
    moved = db.execute("SELECT starts_at FROM conversations WHERE id = ?", [conv["id"]]).fetchone()[0]
    after = json.loads(entry["after"])
    assert entry["actor_type"] == "citizen" and after["conversation_id"] == conv["id"]
    assert after["starts_at"] == moved and after["to_format"] == "video" and after["status"] == "booked"
    assert "Waiting for the municipality" not in text(client.get(f"/samtaler/{conv['id']}"))


@pytest.mark.parametrize("group", GROUPS)
def test_every_target_group_can_book_where_the_rules_allow(app, db, group):
    """For each group's demo citizen: the pages work and the rules decide whether they book."""
    name = db.execute("SELECT name FROM citizens WHERE target_group = ? AND self_booking_exempt_reason IS NULL"
                      " AND municipality_id = (SELECT id FROM municipalities WHERE code = '901') ORDER BY id",
                      [group]).fetchone()
    if name is None:
        db.execute("UPDATE citizens SET self_booking_exempt_reason = NULL WHERE target_group = ?", [group])
        name = db.execute("SELECT name FROM citizens WHERE target_group = ?", [group]).fetchone()
    if name is None:
        # A group without a demo citizen (a new one, or the former uddannelseshjælp): Jonas's record.
        db.execute("UPDATE citizens SET target_group = ? WHERE name = 'Jonas Madsen'", [group])
        name = ("Jonas Madsen",)
    person = citizen(db, name[0])
    client = app.test_client()
    login_citizen(client, db, person["name"])
    inv = invite(db, person, kind="followup" if rules_for(group).sick else "job")
    slot = make_slot(db, at_local(3, 7, 15))
    assert client.get("/samtaler").status_code == 200
    response = _book(client, inv, slot)
    if rules_for(group).self_booking:
        assert response.status_code == 302, group
        assert _conversation_on(db, slot)["citizen_id"] == person["id"]
    else:
        assert _conversation_on(db, slot) is None, group
    assert citizen_id(db, person["name"]) == person["id"]
