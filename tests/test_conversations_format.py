"""The format policy in action: choice at once, approval as a request, refusals."""
from datetime import timedelta

import pytest
import time_machine

from app import clock
from app.auth.queries import citizen_by_id
from app.conversations import service
from app.conversations.service import ConversationError

from app.rules import APPROVAL, format_policy

from .conftest import citizen_id


def _citizen(db, name):
    return dict(citizen_by_id(db, citizen_id(db, name)))


def _conversation(db, citizen, kind="job", hours=72, fmt="in_person", **extra):
    starts = clock.now() + timedelta(hours=hours)
    cur = db.execute(
        "INSERT INTO conversations (citizen_id, municipality_id, held_by, kind, starts_at, ends_at, format, status,"
        " created_at, updated_at, uid, location, in_person_ground) VALUES (?,?,?,?,?,?,?, 'booked', 'x', 'x', ?, 'Havnegade', ?)",
        [citizen["id"], citizen["municipality_id"], "jobcenter", kind, clock.to_db(starts),
         clock.to_db(starts + timedelta(minutes=45)), fmt, f"t-{kind}-{hours}-{fmt}@test", extra.get("ground")])
    return cur.lastrowid


def test_choice_changes_at_once_and_video_gets_a_link(app, db):
    with app.app_context():
        mette = _citizen(db, "Mette Jensen")
        conv = _conversation(db, mette)
        result = service.change_format(db, citizen=mette, conversation_id=conv, to_format="video")
        assert result.status == "changed"
        row = db.execute("SELECT format, video_url, sequence FROM conversations WHERE id = ?", [conv]).fetchone()
        assert row["format"] == "video" and row["video_url"].startswith("https://") and row["sequence"] == 1
        assert db.execute("SELECT action FROM audit_log ORDER BY id DESC").fetchone()[0] == "conversation_format_changed"


def test_first_conversation_wish_is_a_request_and_keeps_the_format(app, db):
    with app.app_context():
        mette = _citizen(db, "Mette Jensen")
        conv = _conversation(db, mette, kind="first")
        result = service.change_format(db, citizen=mette, conversation_id=conv, to_format="phone",
                                       reason="Jeg har brækket benet")
        assert result.status == "requested"
        assert db.execute("SELECT format FROM conversations WHERE id = ?", [conv]).fetchone()[0] == "in_person"
        req = db.execute("SELECT status, to_format, reason FROM format_requests WHERE id = ?", [result.request_id]).fetchone()
        assert tuple(req) == ("pending", "phone", "Jeg har brækket benet")
        with pytest.raises(ConversationError):
            service.change_format(db, citizen=mette, conversation_id=conv, to_format="video")


def test_a_late_change_needs_approval(app, db):
    with app.app_context():
        mette = _citizen(db, "Mette Jensen")
        conv = _conversation(db, mette, hours=5)
        assert service.change_format(db, citizen=mette, conversation_id=conv, to_format="video",
                                     reason="Syg").status == "requested"


def test_a_request_needs_the_citizens_reason(app, db):
    with app.app_context():
        mette = _citizen(db, "Mette Jensen")
        conv = _conversation(db, mette, hours=5)
        with pytest.raises(ConversationError) as caught:
            service.change_format(db, citizen=mette, conversation_id=conv, to_format="video", reason="  ",
                                  reason_required=True)
        assert caught.value.field == "reason"
        assert db.execute("SELECT COUNT(*) FROM format_requests WHERE conversation_id = ?", [conv]).fetchone()[0] == 0
        # A change that takes effect at once needs no reason.
        early = _conversation(db, mette, hours=72)
        assert service.change_format(db, citizen=mette, conversation_id=early, to_format="video",
                                     reason_required=True).status == "changed"


def test_integration_programme_always_asks_the_caseworker(app, db):
    with app.app_context():
        yusuf = _citizen(db, "Yusuf Ahmadi")
        conv = _conversation(db, yusuf)
        assert service.change_format(db, citizen=yusuf, conversation_id=conv, to_format="phone",
                                     reason="Lang vej").status == "requested"


def test_sick_listed_from_a_job_chooses_the_first_follow_up_format(app, db):
    with app.app_context():
        hanne = _citizen(db, "Hanne Larsen")
        conv = _conversation(db, hanne, kind="followup_first")
        assert service.change_format(db, citizen=hanne, conversation_id=conv, to_format="phone").status == "changed"
        db.execute("UPDATE citizens SET employment_status = 'unemployed' WHERE id = ?", [hanne["id"]])
        hanne = _citizen(db, "Hanne Larsen")
        conv2 = _conversation(db, hanne, kind="followup_first", hours=100)
        # Sick-listed while unemployed: a request or the citizen's own choice, as the rules on the
        # conversation's date say (100 hours ahead may be under the next rule set).
        starts = db.execute("SELECT starts_at FROM conversations WHERE id = ?", [conv2]).fetchone()[0]
        policy = format_policy(service.rules_on(hanne, starts), "followup_first", "unemployed")
        assert service.change_format(db, citizen=hanne, conversation_id=conv2, to_format="phone",
                                     reason="Knæet").status == ("requested" if policy.mode == APPROVAL else "changed")


def test_refusals(app, db):
    with app.app_context():
        mette = _citizen(db, "Mette Jensen")
        ali = _citizen(db, "Ali Hassan")
        cv = _conversation(db, mette, kind="cv")
        with pytest.raises(ConversationError):   # the CV conversation is in person, fixed
            service.change_format(db, citizen=mette, conversation_id=cv, to_format="video")
        required = _conversation(db, mette, hours=90, ground="availability")
        with pytest.raises(ConversationError):   # caseworker required attendance
            service.change_format(db, citizen=mette, conversation_id=required, to_format="video")
        other = _conversation(db, ali, hours=95)
        with pytest.raises(service.NotFound):    # another citizen's conversation
            service.change_format(db, citizen=mette, conversation_id=other, to_format="video")
        db.execute("UPDATE citizens SET phone = NULL WHERE id = ?", [mette["id"]])
        mette = _citizen(db, "Mette Jensen")
        plain = _conversation(db, mette, hours=99)
        with pytest.raises(ConversationError) as caught:
            service.change_format(db, citizen=mette, conversation_id=plain, to_format="phone")
        assert caught.value.field == "phone_number"
        assert service.change_format(db, citizen=mette, conversation_id=plain, to_format="phone",
                                     phone_number="12 34 56 78").status == "changed"
        with time_machine.travel(clock.now() + timedelta(days=10), tick=False):
            with pytest.raises(ConversationError):   # it has started / is past
                service.change_format(db, citizen=mette, conversation_id=plain, to_format="video")


# ------------------------------------------------------------------ the page (contract: /samtaler/<id>/form)

from .conftest import login_citizen  # noqa: E402
from .test_conversations_support import english, text  # noqa: E402


def test_the_format_page_contract(client, db):
    english(client)
    mette = _citizen(db, "Mette Jensen")
    conv = _conversation(db, mette, hours=72)
    login_citizen(client, db, "Mette Jensen")
    page = client.get(f"/samtaler/{conv}/form").get_data(as_text=True)
    for index, fmt in enumerate(("in_person", "phone", "video")):
        assert f'id="format-{index}" name="format" value="{fmt}"' in page
    assert 'name="reason"' in page and 'name="phone_number"' in page and 'type="submit"' in page
    assert "The change takes effect at once" in page
    response = client.post(f"/samtaler/{conv}/form", data={"format": "video"})
    # A change at once ends on its receipt, with the registered time.
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/samtaler/{conv}/form/kvittering")
    receipt = text(client.get(response.headers["Location"]))
    assert "Your conversation is changed" in receipt and "Done. Your conversation is now: Video." in receipt
    assert "Registered" in receipt and "Join the video conversation" in receipt
    entry = db.execute("SELECT at FROM audit_log WHERE action = 'conversation_format_changed' AND entity_id = ?",
                       [conv]).fetchone()[0]
    assert f"{clock.local(clock.from_db(entry)):%H:%M}" in receipt
    # No receipt for a conversation whose format was never changed; none for another citizen's.
    assert client.get(f"/samtaler/{_conversation(db, mette, hours=74)}/form/kvittering").status_code == 404
    other = _conversation(db, _citizen(db, "Ali Hassan"), hours=76)
    assert client.get(f"/samtaler/{other}/form/kvittering").status_code == 404


def test_the_format_page_sends_a_request_and_keeps_what_was_typed(client, db):
    english(client)
    db.execute("UPDATE citizens SET phone = NULL WHERE name = 'Mette Jensen'")
    mette = _citizen(db, "Mette Jensen")
    conv = _conversation(db, mette, hours=5)
    login_citizen(client, db, "Mette Jensen")
    assert "must approve a change" in text(client.get(f"/samtaler/{conv}/form"))
    failed = client.post(f"/samtaler/{conv}/form", data={"format": "phone", "reason": "Jeg er forkølet"})
    page = failed.get_data(as_text=True)
    assert failed.status_code == 400 and "There is a problem" in page and 'href="#phone_number"' in page
    assert "Jeg er forkølet" in page and 'value="phone" checked' in page
    # A request without the citizen's reason is refused on the reason field, keeping what was typed.
    no_reason = client.post(f"/samtaler/{conv}/form", data={"format": "phone", "phone_number": "12 34 56 78"})
    page = no_reason.get_data(as_text=True)
    assert no_reason.status_code == 400 and 'href="#reason"' in page
    assert "Tell the municipality why you need another way of meeting" in page
    assert 'value="12 34 56 78"' in page and 'value="phone" checked' in page
    assert db.execute("SELECT COUNT(*) FROM format_requests WHERE conversation_id = ?", [conv]).fetchone()[0] == 0
    response = client.post(f"/samtaler/{conv}/form", data={"format": "phone", "reason": "Jeg er forkølet",
                                                           "phone_number": "12 34 56 78"})
    assert "/form/kvittering/" in response.headers["Location"]
    assert "Registered" in text(client.get(response.headers["Location"]))
    # The same format again takes the wish back.
    client.post(f"/samtaler/{conv}/form", data={"format": "in_person"})
    assert db.execute("SELECT status FROM format_requests WHERE conversation_id = ?", [conv]).fetchone()[0] == "withdrawn"


def test_the_format_page_refusals(client, db):
    english(client)
    mette, ali = _citizen(db, "Mette Jensen"), _citizen(db, "Ali Hassan")
    cv = _conversation(db, mette, kind="cv")
    login_citizen(client, db, "Mette Jensen")
    closed = client.get(f"/samtaler/{cv}/form")
    assert "The rules fix how this conversation is held" in text(closed)
    assert client.post(f"/samtaler/{cv}/form", data={"format": "video"}).status_code == 200
    assert db.execute("SELECT format FROM conversations WHERE id = ?", [cv]).fetchone()[0] == "in_person"
    other = _conversation(db, ali, hours=80)
    assert client.get(f"/samtaler/{other}/form").status_code == 404
    assert client.post(f"/samtaler/{other}/form", data={"format": "video"}).status_code == 404
    plain = _conversation(db, mette, hours=90)
    assert client.post(f"/samtaler/{plain}/form", data={"format": "fax"}).status_code == 400
