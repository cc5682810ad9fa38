"""The caseworker's side: format requests (approve, refuse, other municipality), requiring
attendance in person, marking held or missed, cancelling, summoning, self-booking deadlines
and publishing or withdrawing times."""
import json
from datetime import date, timedelta

import pytest
import time_machine

from app import clock
from app.rules import rules_for

from .conftest import login_caseworker, login_citizen
from .test_conversations_support import at_local, audit_actions, citizen, english, invite, key, make_slot, text


def _conversation(db, person, hours=5, kind="job", fmt="in_person", **extra):
    starts = clock.now() + timedelta(hours=hours)
    return db.execute(
        "INSERT INTO conversations (citizen_id, municipality_id, caseworker_id, held_by, kind, starts_at, ends_at,"
        " format, status, created_at, updated_at, uid, location, phone_number) VALUES (?,?,?, 'jobcenter', ?,?,?,?,"
        " 'booked', 'x', 'x', ?, 'Havnegade 12', ?)",
        [person["id"], person["municipality_id"], extra.get("worker"), kind, clock.to_db(starts),
         clock.to_db(starts + timedelta(minutes=45)), fmt, f"cw-{kind}-{hours}-{person['id']}@t",
         extra.get("phone"), ]).lastrowid


def _clients(app):
    citizen_client, caseworker = app.test_client(), app.test_client()
    english(citizen_client)
    english(caseworker)
    login_caseworker(caseworker)
    return citizen_client, caseworker


def test_a_late_wish_is_approved_and_the_citizen_sees_the_link(app, db):
    web, caseworker = _clients(app)
    mette = citizen(db, "Mette Jensen")
    conv = _conversation(db, mette, hours=5)
    login_citizen(web, db, "Mette Jensen")
    response = web.post(f"/samtaler/{conv}/form", data={"format": "video", "reason": "Mit barn er sygt"})
    assert response.status_code == 302 and "/form/kvittering/" in response.headers["Location"]
    assert "The municipality has received your request" in text(web.get(response.headers["Location"]))
    assert "Waiting for the municipality" in text(web.get(f"/samtaler/{conv}"))
    request_id = db.execute("SELECT id FROM format_requests WHERE conversation_id = ?", [conv]).fetchone()[0]

    queue = caseworker.get("/sagsbehandler/anmodninger").get_data(as_text=True)
    # Oldest first: the demo's request (made yesterday) comes before this one.
    assert queue.index("Jonas Madsen") < queue.index("Mette Jensen") and "Mit barn er sygt" in queue
    assert caseworker.post(f"/sagsbehandler/anmodninger/{request_id}", data={"decision": "approve"}).status_code == 302
    row = db.execute("SELECT format, video_url, sequence FROM conversations WHERE id = ?", [conv]).fetchone()
    assert row["format"] == "video" and row["video_url"] and row["sequence"] == 1
    page = text(web.get(f"/samtaler/{conv}"))
    assert "The municipality approved your request" in page and row["video_url"] in page
    assert "Join the video conversation" in page
    entry = db.execute("SELECT actor_type, entity, after FROM audit_log WHERE action = 'format_request_approved'").fetchone()
    after = json.loads(entry["after"])
    assert entry["actor_type"] == "caseworker" and entry["entity"] == "format_request"
    assert after["conversation_id"] == conv and after["to_format"] == "video" and after["format"] == "video"
    # Decided once: a second decision is refused.
    again = caseworker.post(f"/sagsbehandler/anmodninger/{request_id}", data={"decision": "refuse", "reason": "Nej"})
    assert again.status_code == 400


def test_refusal_needs_a_reason_the_citizen_reads(app, db):
    web, caseworker = _clients(app)
    request_id = db.execute("SELECT id FROM format_requests WHERE status = 'pending'").fetchone()[0]  # Jonas
    missing = caseworker.post(f"/sagsbehandler/anmodninger/{request_id}", data={"decision": "refuse"})
    assert missing.status_code == 400 and "Write the reason the citizen will read" in text(missing)
    assert 'value="refuse" checked' in missing.get_data(as_text=True)
    done = caseworker.post(f"/sagsbehandler/anmodninger/{request_id}",
                           data={"decision": "refuse", "reason": "Første samtale skal være ved fremmøde."})
    assert done.status_code == 302
    login_citizen(web, db, "Jonas Madsen")
    conv = db.execute("SELECT conversation_id FROM format_requests WHERE id = ?", [request_id]).fetchone()[0]
    page = text(web.get(f"/samtaler/{conv}"))
    assert "Your request was refused" in page and "Første samtale skal være ved fremmøde." in page
    assert db.execute("SELECT format FROM conversations WHERE id = ?", [conv]).fetchone()[0] == "in_person"
    assert "format_request_refused" in audit_actions(db, request_id, "format_request")


def test_another_municipalitys_request_and_conversations_are_not_found(app, db):
    lise = app.test_client()
    login_caseworker(lise, "lise@skovlund.example")
    request_id = db.execute("SELECT id FROM format_requests WHERE status = 'pending'").fetchone()[0]
    assert lise.get(f"/sagsbehandler/anmodninger/{request_id}").status_code == 404
    assert lise.post(f"/sagsbehandler/anmodninger/{request_id}", data={"decision": "approve"}).status_code == 404
    assert "Jonas" not in lise.get("/sagsbehandler/anmodninger").get_data(as_text=True)
    mette = citizen(db, "Mette Jensen")
    conv = _conversation(db, mette, hours=50)
    for url in (f"/sagsbehandler/samtaler/{conv}/afholdt", f"/sagsbehandler/samtaler/{conv}/udeblevet",
                f"/sagsbehandler/samtaler/{conv}/fremmoede", f"/sagsbehandler/samtaler/{conv}/aflys",
                f"/sagsbehandler/borger/{mette['id']}/indkald", f"/sagsbehandler/borger/{mette['id']}/selvbooking"):
        assert lise.get(url).status_code == 404, url
        assert lise.post(url, data={"summary": "x", "reason": "x", "ground": "availability_doubt",
                                    "note": "x"}).status_code == 404, url
    assert db.execute("SELECT status, in_person_ground FROM conversations WHERE id = ?", [conv]).fetchone()[:] == \
        ("booked", None)
    assert db.execute("SELECT status FROM format_requests WHERE id = ?", [request_id]).fetchone()[0] == "pending"


def test_requiring_in_person_refuses_a_waiting_wish_and_locks_the_format(app, db):
    web, caseworker = _clients(app)
    mette = citizen(db, "Mette Jensen")
    conv = _conversation(db, mette, hours=10, fmt="phone", phone="12345678")
    login_citizen(web, db, "Mette Jensen")
    web.post(f"/samtaler/{conv}/form", data={"format": "video", "reason": "Lang transport"})
    assert db.execute("SELECT status FROM format_requests WHERE conversation_id = ?", [conv]).fetchone()[0] == "pending"

    url = f"/sagsbehandler/samtaler/{conv}/fremmoede"
    page = caseworker.get(url).get_data(as_text=True)
    # The grounds come from the citizen's rules: the sick-listed ground only for sick-listed citizens.
    assert 'value="guidance_face_to_face"' in page and 'value="availability_doubt"' in page
    assert 'value="sick_complex"' not in page
    assert caseworker.post(url, data={"ground": "sick_complex", "note": "x"}).status_code == 400
    assert caseworker.post(url, data={"ground": "availability_doubt"}).status_code == 400       # no assessment
    assert caseworker.post(url, data={"ground": "because", "note": "x"}).status_code == 400      # not a ground
    response = caseworker.post(url, data={"ground": "planning_next_steps",
                                          "note": "Vi skal planlægge dit uddannelsesforløb sammen."})
    assert response.status_code == 302
    row = db.execute("SELECT format, in_person_ground, location FROM conversations WHERE id = ?", [conv]).fetchone()
    assert row["format"] == "in_person" and row["in_person_ground"] == "planning_next_steps" and row["location"]
    refused = db.execute("SELECT status, decision_reason FROM format_requests WHERE conversation_id = ?", [conv]).fetchone()
    assert refused["status"] == "refused" and "uddannelsesforløb" in refused["decision_reason"]
    entry = db.execute("SELECT after FROM audit_log WHERE action = 'conversation_in_person_required'").fetchone()
    assert json.loads(entry["after"])["in_person_ground"] == "planning_next_steps"
    page = text(web.get(f"/samtaler/{conv}"))
    assert "You must attend in person" in page and "Planning the next steps" in page
    # Only this direction, and the citizen can no longer choose another format.
    assert "Change format" not in page
    assert web.post(f"/samtaler/{conv}/form", data={"format": "video"}).status_code == 200
    assert db.execute("SELECT format FROM conversations WHERE id = ?", [conv]).fetchone()[0] == "in_person"
    assert caseworker.post(url, data={"ground": "planning_next_steps", "note": "igen"}).status_code == 400


def test_mark_held_updates_min_plan_and_missed_after_the_start(app, db):
    web, caseworker = _clients(app)
    mette = citizen(db, "Mette Jensen")
    conv = _conversation(db, mette, hours=2)
    other = _conversation(db, mette, hours=3)
    url = f"/sagsbehandler/samtaler/{conv}/afholdt"
    early = caseworker.post(url, data={"summary": "Godt møde"})
    assert early.status_code == 400 and "once it has started" in text(early)
    with time_machine.travel(clock.now() + timedelta(hours=4), tick=False):
        caseworker.get("/log-ind")  # the idle session ends first
        login_caseworker(caseworker)
        assert caseworker.post(url, data={"summary": ""}).status_code == 400
        assert caseworker.post(url, data={"summary": "Vi aftalte praktik.", "next_step": "Ring til Fjordby Lager."}
                               ).status_code == 302
        assert caseworker.post(f"/sagsbehandler/samtaler/{other}/udeblevet", data={}).status_code == 302
        login_citizen(web, db, "Mette Jensen")
        plan = text(web.get("/min-plan"))
        assert "Vi aftalte praktik." in plan and "Ring til Fjordby Lager." in plan
        history = text(web.get("/samtaler"))
        assert "Vi aftalte praktik." in history and "Missed" in history
    entry = json.loads(db.execute("SELECT after FROM audit_log WHERE action = 'conversation_held'").fetchone()[0])
    assert entry["summary"] == "Vi aftalte praktik." and entry["next_step"] == "Ring til Fjordby Lager."
    assert "conversation_missed" in audit_actions(db, other)
    assert db.execute("SELECT next_step FROM plans WHERE citizen_id = ?", [mette["id"]]).fetchone()[0] == \
        "Ring til Fjordby Lager."


def test_the_jobcenter_cancels_with_a_reason(app, db):
    web, caseworker = _clients(app)
    mette = citizen(db, "Mette Jensen")
    conv = _conversation(db, mette, hours=30)
    url = f"/sagsbehandler/samtaler/{conv}/aflys"
    assert caseworker.post(url, data={"reason": ""}).status_code == 400
    assert caseworker.post(url, data={"reason": "Din rådgiver er syg."}).status_code == 302
    login_citizen(web, db, "Mette Jensen")
    page = text(web.get("/samtaler"))
    assert "The municipality cancelled the conversation." in page and "Din rådgiver er syg." in page
    after = json.loads(db.execute("SELECT after FROM audit_log WHERE action = 'conversation_cancelled_by_jobcenter'"
                                  ).fetchone()[0])
    assert after["status"] == "cancelled_jobcenter" and after["cancel_text"] == "Din rådgiver er syg."


def test_the_jobcenter_cancelling_withdraws_a_waiting_request_in_the_audit_log(app, db):
    web, caseworker = _clients(app)
    mette = citizen(db, "Mette Jensen")
    conv = _conversation(db, mette, hours=10)
    login_citizen(web, db, "Mette Jensen")
    web.post(f"/samtaler/{conv}/form", data={"format": "video", "reason": "Lang transport"})
    request_id = db.execute("SELECT id FROM format_requests WHERE conversation_id = ? AND status = 'pending'",
                            [conv]).fetchone()[0]
    assert caseworker.post(f"/sagsbehandler/samtaler/{conv}/aflys", data={"reason": "Sygdom"}).status_code == 302
    assert db.execute("SELECT status FROM format_requests WHERE id = ?", [request_id]).fetchone()[0] == "withdrawn"
    entry = db.execute("SELECT actor_type, municipality_id, citizen_id, after FROM audit_log"
                       " WHERE action = 'format_request_withdrawn' AND entity = 'format_request' AND entity_id = ?",
                       [request_id]).fetchone()
    after = json.loads(entry["after"])
    assert entry["actor_type"] == "caseworker" and entry["citizen_id"] == mette["id"]
    assert entry["municipality_id"] == mette["municipality_id"]
    assert after["conversation_id"] == conv and after["status"] == "cancelled_jobcenter" and after["to_format"] == "video"


def test_a_sick_listed_citizens_grounds_for_in_person(app, db):
    _web, caseworker = _clients(app)
    hanne = citizen(db, "Hanne Larsen")
    conv = _conversation(db, hanne, hours=50, kind="followup")
    url = f"/sagsbehandler/samtaler/{conv}/fremmoede"
    page = caseworker.get(url).get_data(as_text=True)
    assert 'value="sick_complex"' in page and 'value="availability_doubt"' not in page
    assert caseworker.post(url, data={"ground": "availability_doubt", "note": "x"}).status_code == 400
    assert caseworker.post(url, data={"ground": "sick_complex", "note": "Tvivl om uarbejdsdygtighed."}
                           ).status_code == 302
    assert db.execute("SELECT in_person_ground FROM conversations WHERE id = ?", [conv]).fetchone()[0] == "sick_complex"


def test_summon_a_citizen(app, db):
    web, caseworker = _clients(app)
    sofie = citizen(db, "Sofie Nielsen")
    url = f"/sagsbehandler/borger/{sofie['id']}/indkald"
    day = (clock.today() + timedelta(days=9)).isoformat()
    base = {"kind": "job", "day": day, "start": "10:30", "minutes": "45", "format": "in_person",
            "prepare": "Tag dit CV med."}
    past = caseworker.post(url, data={**base, "day": (clock.today() - timedelta(days=1)).isoformat(),
                                      "submission_key": key()})
    assert past.status_code == 400 and "in the future" in text(past)
    no_place = caseworker.post(url, data={**base, "submission_key": key()})
    assert no_place.status_code == 400 and "Enter the place" in text(no_place)
    bad_time = caseworker.post(url, data={**base, "start": "25:00", "location": "Havnegade", "submission_key": key()})
    assert bad_time.status_code == 400 and "Enter a time like 09:30" in text(bad_time)
    same = key()
    for _ in range(2):   # a double submit summons once
        assert caseworker.post(url, data={**base, "location": "Havnegade 12", "submission_key": same}).status_code == 302
    rows = db.execute("SELECT * FROM conversations WHERE citizen_id = ? AND prepare = 'Tag dit CV med.'",
                      [sofie["id"]]).fetchall()
    assert len(rows) == 1 and rows[0]["summoned"] == 1
    assert clock.local(clock.from_db(rows[0]["starts_at"])).strftime("%H:%M") == "10:30"
    after = json.loads(db.execute("SELECT after FROM audit_log WHERE action = 'conversation_summoned'").fetchone()[0])
    assert after["starts_at"] == rows[0]["starts_at"] and after["format"] == "in_person" and after["status"] == "booked"
    login_citizen(web, db, "Sofie Nielsen")
    assert "Tag dit CV med." in text(web.get("/samtaler"))
    clash = caseworker.post(url, data={**base, "location": "Havnegade 12", "submission_key": key()})
    assert clash.status_code == 400 and "already has a conversation at that time" in text(clash)


@pytest.mark.parametrize("name,kind", [("Sofie Nielsen", "first"), ("Hanne Larsen", "followup_first")])
def test_a_first_conversation_is_summoned_in_the_policys_default_format(app, db, name, kind):
    _web, caseworker = _clients(app)
    person = citizen(db, name)
    assert rules_for(person["target_group"]).first_conversation_kind == kind
    url = f"/sagsbehandler/borger/{person['id']}/indkald"
    base = {"kind": kind, "day": (clock.today() + timedelta(days=11)).isoformat(), "start": "08:00", "minutes": "45",
            "location": "Havnegade 12", "phone_number": "12345678"}
    for fmt in ("phone", "video"):
        refused = caseworker.post(url, data={**base, "format": fmt, "submission_key": key()})
        assert refused.status_code == 400 and "The first conversation is summoned as: In person" in text(refused)
        assert 'value="12345678"' in refused.get_data(as_text=True)   # what was typed is kept
    assert db.execute("SELECT COUNT(*) FROM conversations WHERE citizen_id = ? AND starts_at > ? AND kind = ?",
                      [person["id"], clock.to_db(clock.now() + timedelta(days=10)), kind]).fetchone()[0] == 0
    assert caseworker.post(url, data={**base, "format": "in_person", "submission_key": key()}).status_code == 302
    row = db.execute("SELECT format, summoned FROM conversations WHERE citizen_id = ? AND kind = ? AND starts_at > ?",
                     [person["id"], kind, clock.to_db(clock.now() + timedelta(days=10))]).fetchone()
    assert tuple(row) == ("in_person", 1)


def test_set_a_self_booking_deadline(app, db):
    web, caseworker = _clients(app)
    mette = citizen(db, "Mette Jensen")
    db.execute("UPDATE booking_invitations SET status = 'withdrawn' WHERE citizen_id = ?", [mette["id"]])
    url = f"/sagsbehandler/borger/{mette['id']}/selvbooking"
    today = clock.today()
    base = {"kind": "job", "window_start": (today + timedelta(days=1)).isoformat(),
            "window_end": (today + timedelta(days=20)).isoformat()}
    short = caseworker.post(url, data={**base, "deadline": (today + timedelta(days=5)).isoformat(),
                                       "submission_key": key()})
    assert short.status_code == 400 and "at least 8 days" in text(short)
    for summoned in ("first", "joint", "cv", "followup_first"):
        assert caseworker.post(url, data={**base, "kind": summoned, "deadline": (today + timedelta(days=12)).isoformat(),
                                          "submission_key": key()}).status_code == 400, summoned   # summoned kind
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 + 14)
    assert caseworker.post(url, data={**base, "deadline": saturday.isoformat(), "submission_key": key()}).status_code == 302
    inv = db.execute("SELECT * FROM booking_invitations WHERE citizen_id = ? AND status = 'open'", [mette["id"]]).fetchone()
    assert inv["deadline"] > saturday.isoformat()   # moved to the next working day
    after = json.loads(db.execute("SELECT after FROM audit_log WHERE action = 'booking_invitation_created'").fetchone()[0])
    assert after["deadline"] == inv["deadline"] and after["window_start"] == base["window_start"]
    assert after["window_end"] == base["window_end"]
    second = caseworker.post(url, data={**base, "deadline": saturday.isoformat(), "submission_key": key()})
    assert second.status_code == 400 and "already has an open booking invitation" in text(second)
    login_citizen(web, db, "Mette Jensen")
    assert "Book your conversation before" in text(web.get("/min-plan"))
    # A citizen whose rules do not include self-booking is summoned instead.
    sofie = citizen(db, "Sofie Nielsen")
    assert "Summon them instead" in text(caseworker.get(f"/sagsbehandler/borger/{sofie['id']}/selvbooking"))


def test_a_sick_listed_citizen_is_never_asked_to_book_the_first_follow_up(app, db):
    from app.conversations import decisions, service
    _web, caseworker = _clients(app)
    hanne = citizen(db, "Hanne Larsen")
    db.execute("UPDATE booking_invitations SET status = 'withdrawn' WHERE citizen_id = ?", [hanne["id"]])
    url = f"/sagsbehandler/borger/{hanne['id']}/selvbooking"
    page = caseworker.get(url).get_data(as_text=True)
    assert 'value="followup"' in page and 'value="followup_first"' not in page and 'value="job"' not in page
    today = clock.today()
    base = {"deadline": (today + timedelta(days=12)).isoformat(), "window_start": (today + timedelta(days=1)).isoformat(),
            "window_end": (today + timedelta(days=20)).isoformat()}
    assert caseworker.post(url, data={**base, "kind": "followup_first", "submission_key": key()}).status_code == 400
    with app.test_request_context():
        try:
            decisions.create_invitation(db, caseworker={"id": 1, "municipality_id": hanne["municipality_id"]},
                                        citizen=hanne, kind="followup_first", deadline=today + timedelta(days=12),
                                        window_start=today + timedelta(days=1), window_end=today + timedelta(days=20),
                                        prepare=None, submission_key=key())
        except service.ConversationError as refused:
            assert refused.field == "kind"
        else:
            raise AssertionError("a first follow-up was offered for self-booking")
    assert db.execute("SELECT COUNT(*) FROM booking_invitations WHERE citizen_id = ? AND status = 'open'",
                      [hanne["id"]]).fetchone()[0] == 0
    assert caseworker.post(url, data={**base, "kind": "followup", "submission_key": key()}).status_code == 302


def test_exempt_a_citizen_from_self_booking_and_clear_it(app, db):
    web, caseworker = _clients(app)
    mette = citizen(db, "Mette Jensen")
    case = caseworker.get(f"/sagsbehandler/borger/{mette['id']}").get_data(as_text=True)
    url = f"/sagsbehandler/borger/{mette['id']}/selvbooking-fritagelse"
    assert f'action="{url}"' in case and 'name="exempt_reason"' in case
    for code in ("it_skills", "language", "disability", "interpreter", "special_place"):
        assert f'value="{code}"' in case, code
    assert 'value="workplace"' not in case   # only for sick-listed citizens
    wrong = caseworker.post(url, data={"exempt_reason": "workplace"})
    assert wrong.status_code == 400 and "There is a problem" in text(wrong)
    assert "Choose one of the reasons in the list" in text(wrong) and 'href="#exempt_reason"' in wrong.get_data(as_text=True)
    assert db.execute("SELECT self_booking_exempt_reason FROM citizens WHERE id = ?", [mette["id"]]).fetchone()[0] is None
    done = caseworker.post(url, data={"exempt_reason": "it_skills"})
    assert done.status_code == 302 and done.headers["Location"].endswith("#samtaler")
    assert "is exempted from self-booking: Very poor IT skills" in text(caseworker.get(done.headers["Location"]))
    assert db.execute("SELECT self_booking_exempt_reason FROM citizens WHERE id = ?", [mette["id"]]).fetchone()[0] \
        == "it_skills"
    entry = db.execute("SELECT actor_type, entity, entity_id, citizen_id, municipality_id, before, after FROM audit_log"
                       " WHERE action = 'citizen_self_booking_exemption_set'").fetchone()
    assert (entry["actor_type"], entry["entity"], entry["entity_id"], entry["citizen_id"]) == \
        ("caseworker", "citizen", mette["id"], mette["id"])
    assert entry["municipality_id"] == mette["municipality_id"]
    assert json.loads(entry["before"])["self_booking_exempt_reason"] is None
    assert json.loads(entry["after"])["self_booking_exempt_reason"] == "it_skills"
    # Exempted: summoned, not asked to book; the citizen cannot book an open invitation.
    assert "Summon them instead" in text(caseworker.get(f"/sagsbehandler/borger/{mette['id']}/selvbooking"))
    login_citizen(web, db, "Mette Jensen")
    inv = invite(db, mette)
    assert "books your conversations for you" in text(web.get(f"/samtaler/book/{inv}"))
    # Cleared again.
    assert caseworker.post(url, data={"exempt_reason": ""}).status_code == 302
    assert db.execute("SELECT self_booking_exempt_reason FROM citizens WHERE id = ?", [mette["id"]]).fetchone()[0] is None
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'citizen_self_booking_exemption_set'"
                      ).fetchone()[0] == 2
    # A sick-listed citizen may be exempted for a meeting at the workplace.
    hanne = citizen(db, "Hanne Larsen")
    assert caseworker.post(f"/sagsbehandler/borger/{hanne['id']}/selvbooking-fritagelse",
                           data={"exempt_reason": "workplace"}).status_code == 302
    # Another municipality's caseworker cannot.
    lise = app.test_client()
    login_caseworker(lise, "lise@skovlund.example")
    assert lise.get(url).status_code == 404
    assert lise.post(url, data={"exempt_reason": "language"}).status_code == 404
    assert db.execute("SELECT self_booking_exempt_reason FROM citizens WHERE id = ?", [mette["id"]]).fetchone()[0] is None


def test_publish_recurring_times_and_withdraw_a_free_one(app, db):
    web, caseworker = _clients(app)
    day = clock.today() + timedelta(days=30)
    data = {"day": day.isoformat(), "start": "07:00", "minutes": "30", "in_a_row": "2", "repeat_weeks": "1",
            "offer_phone": "y", "offer_video": "y", "location": ""}
    response = caseworker.post("/sagsbehandler/tider", data=data)
    assert response.status_code == 302
    made = db.execute("SELECT * FROM slots WHERE created_at >= ? AND formats = 'phone,video' AND location IS NULL"
                      " ORDER BY starts_at", [clock.to_db(clock.now() - timedelta(minutes=5))]).fetchall()
    assert [clock.local(clock.from_db(s["starts_at"])).strftime("%H:%M") for s in made] == ["07:00", "07:30"] * 2
    assert clock.from_db(made[2]["starts_at"]) - clock.from_db(made[0]["starts_at"]) in (
        timedelta(days=7), timedelta(days=7, hours=1), timedelta(days=7, hours=-1))
    assert "07:00" in text(caseworker.get(response.headers["Location"]))
    assert caseworker.post("/sagsbehandler/tider", data=data).status_code == 400            # overlaps
    assert caseworker.post("/sagsbehandler/tider", data={**data, "offer_phone": "", "offer_video": "",
                                                         "start": "12:00"}).status_code == 400  # no format
    in_person = caseworker.post("/sagsbehandler/tider", data={**data, "offer_in_person": "y", "start": "12:00"})
    assert in_person.status_code == 400 and "Enter the place" in text(in_person)
    past = caseworker.post("/sagsbehandler/tider", data={**data, "day": (clock.today() - timedelta(days=1)).isoformat()})
    assert past.status_code == 400

    caseworker.post(f"/sagsbehandler/tider/{made[0]['id']}/traek-tilbage")
    assert db.execute("SELECT status FROM slots WHERE id = ?", [made[0]["id"]]).fetchone()[0] == "withdrawn"
    # A booked time is not withdrawn.
    mette = citizen(db, "Mette Jensen")
    login_citizen(web, db, "Mette Jensen")
    web.post(f"/samtaler/book/{invite(db, mette, end=day + timedelta(days=1))}/tid/{made[1]['id']}",
             data={"format": "phone", "submission_key": key()})
    follow = caseworker.post(f"/sagsbehandler/tider/{made[1]['id']}/traek-tilbage", follow_redirects=True)
    assert "cannot be withdrawn" in text(follow)
    assert db.execute("SELECT status FROM slots WHERE id = ?", [made[1]["id"]]).fetchone()[0] == "open"
    # Another municipality cannot withdraw Fjordby's times.
    lise = app.test_client()
    login_caseworker(lise, "lise@skovlund.example")
    lise.post(f"/sagsbehandler/tider/{made[2]['id']}/traek-tilbage")
    assert db.execute("SELECT status FROM slots WHERE id = ?", [made[2]["id"]]).fetchone()[0] == "open"


@pytest.mark.parametrize("instant,heading,day", [
    ("2026-11-19 08:00 +0100", "Tomorrow, Friday 20 November", "2026-11-20"),
    ("2026-11-20 08:00 +0100", "Next working day, Monday 23 November", "2026-11-23"),
    ("2026-12-24 08:00 +0100", "Next working day, Monday 28 December", "2026-12-28"),  # 25 and 26 are holidays
    ("2027-03-24 08:00 +0100", "Next working day, Tuesday 30 March", "2027-03-30"),    # Easter
])
def test_today_page_shows_the_next_working_day_after_today(app, db, instant, heading, day):
    """I dag shows today and the next working day: on a Friday or before holidays the caseworker
    prepares for the day they are back, not for an empty Saturday."""
    with time_machine.travel(instant, tick=False):
        ali = citizen(db, "Ali Hassan")
        starts = clock.local_datetime(date.fromisoformat(day), 11, 15)
        db.execute("UPDATE conversations SET starts_at = ?, ends_at = ? WHERE citizen_id = ? AND status = 'booked'",
                   [clock.to_db(starts), clock.to_db(starts + timedelta(minutes=45)), ali["id"]])
        _web, caseworker = _clients(app)
        page = text(caseworker.get("/sagsbehandler/"))
        following = page[page.index(heading):]
        assert "11:15 Ali Hassan" in following


def test_today_page_lists_requests_conversations_and_the_case_page_offers_the_actions(app, db):
    _web, caseworker = _clients(app)
    today = text(caseworker.get("/sagsbehandler/"))
    assert "1 request to change how a conversation is held is waiting" in today
    # Ali's demo conversation is on the next working day, which the panel shows after today.
    assert "Conversations today and on the next working day" in today and "Ali Hassan" in today
    mette = citizen(db, "Mette Jensen")
    case = caseworker.get(f"/sagsbehandler/borger/{mette['id']}").get_data(as_text=True)
    for link in (f"/sagsbehandler/borger/{mette['id']}/indkald", f"/sagsbehandler/borger/{mette['id']}/selvbooking",
                 "/fremmoede", "/aflys"):
        assert link in case, link
    # The week view shows a booked time with the citizen's name.
    slot = make_slot(db, at_local(9, 7, 0))
    web = app.test_client()
    login_citizen(web, db, "Mette Jensen")
    web.post(f"/samtaler/book/{invite(db, mette)}/tid/{slot}", data={"format": "phone", "submission_key": key()})
    week = clock.local(at_local(9, 7, 0)).date().isoformat()
    assert "Booked by Mette Jensen" in text(caseworker.get(f"/sagsbehandler/tider?uge={week}"))
