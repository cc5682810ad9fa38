"""The citizen's pages: /beskeder (notices, unread count in the header) and /indstillinger
(language, contact details, channels, opt-outs, download), and what the caseworker sees."""
import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from app import clock, create_app, demo
from app.db import connect

from .conftest import citizen_id, csrf_token_from, login_caseworker, login_citizen
from .invariants import check_page


def _menu_entry(html: str) -> str:
    """The text of the Messages entry in the main menu, as a screen reader reads it."""
    link = BeautifulSoup(html, "html.parser").select_one('nav.app-nav a[href="/beskeder"]')
    return " ".join(link.get_text().split())


def _notices(db, cid):
    return [dict(r) for r in db.query("SELECT * FROM notices WHERE citizen_id = ? ORDER BY id", [cid])]


def _add_notice(db, cid, kind="conversation_booked", **params):
    base = {"starts_at": "2026-12-07T09:00:00Z", "format": "phone", "phone_number": "12345678",
            "conversation_kind": "job", "held_by": "jobcenter", "jobcenter": "Jobcenter Fjordby"}
    base.update(params)
    return db.execute("INSERT INTO notices (citizen_id, kind, params, created_at) VALUES (?,?,?,?)",
                      [cid, kind, json.dumps(base), clock.to_db(clock.now())]).lastrowid


@pytest.mark.parametrize("locale", ["da", "en"])
def test_pages_are_valid_in_both_languages(client, db, locale):
    login_citizen(client, db)
    client.post(f"/sprog/{locale}")
    notice = _notices(db, citizen_id(db, "Mette Jensen"))[0]["id"]
    for url in ("/beskeder", f"/beskeder/{notice}", "/indstillinger"):
        response = client.get(url)
        assert response.status_code == 200, url
        check_page(response.data, locale)


def test_messages_newest_first_unread_marked_and_opening_marks_read(client, db):
    mette = citizen_id(db, "Mette Jensen")
    newer = _add_notice(db, mette, "joblog_reminder", deadline="2026-12-14", remaining=1, registered=1, count=2)
    # Newer than the demo's notices, whatever instant the suite runs at.
    db.execute("UPDATE notices SET created_at = ? WHERE id = ?", [clock.to_db(clock.now() + timedelta(minutes=1)), newer])
    login_citizen(client, db)
    client.post("/sprog/en")
    page = client.get("/beskeder").get_data(as_text=True)
    assert _menu_entry(page) == "Messages (2 unread)"
    assert page.index("Register 1 more job application by Monday 14 December") < page.index("Your conversation is booked")
    assert page.count("Unread") == 2

    opened = client.get(f"/beskeder/{newer}").get_data(as_text=True)
    assert "You have registered 1 of 2 for this period." in opened
    assert 'href="/joblog"' in opened
    assert [n["read_at"] is not None for n in _notices(db, mette)] == [False, True]
    page = client.get("/beskeder").get_data(as_text=True)
    assert _menu_entry(page) == "Messages (1 unread)" and page.count("Unread") == 1


def test_a_notice_shows_the_conversation_details(client, db):
    mette = citizen_id(db, "Mette Jensen")
    notice = _add_notice(db, mette, "conversation_reminder", format="video", video_url="https://video.example/m/q")
    login_citizen(client, db)
    client.post("/sprog/en")
    page = client.get(f"/beskeder/{notice}").get_data(as_text=True)
    assert "Reminder: conversation Monday 7 December, 10:00" in page
    assert '<a href="https://video.example/m/q">' in page
    assert "If you cannot come, tell us in Min Plan, and tell us why." in page and "cancel before the conversation starts" not in page


def test_another_citizens_notice_is_not_found(client, db):
    ali = citizen_id(db, "Ali Hassan")
    theirs = _add_notice(db, ali)
    login_citizen(client, db, "Mette Jensen")
    assert client.get(f"/beskeder/{theirs}").status_code == 404
    assert _notices(db, ali)[-1]["read_at"] is None


def test_caseworker_has_no_messages_page(client, db):
    login_caseworker(client)
    assert client.get("/beskeder").status_code == 403
    assert client.get("/indstillinger").status_code == 403


def test_no_unread_count_when_everything_is_read(client, db):
    db.execute("UPDATE notices SET read_at = 'x'")
    login_citizen(client, db)
    client.post("/sprog/en")
    assert _menu_entry(client.get("/min-plan").get_data(as_text=True)) == "Messages"


def _settings(**changes):
    data = {"language": "da", "email": "mette@example.com", "phone": "12345678", "notify_email": "y",
            "notify_sms": "y", "remind_joblog": "y"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_settings_save_channels_contact_and_the_joblog_opt_out(client, db):
    client.application.config["MAIL_ENABLED"] = True   # e-mail runs, so it can be chosen
    mette = citizen_id(db, "Mette Jensen")
    login_citizen(client, db)
    client.post("/sprog/en")
    page = client.get("/indstillinger").get_data(as_text=True)
    assert 'value="mette@example.com"' in page
    assert "Before the joblog deadline" in page and 'id="remind_joblog"' in page
    assert 'id="remind_conversation"' not in page   # the rules do not let anyone switch this off
    assert "1 day and 2 hours before" in page

    response = client.post("/indstillinger", data=_settings(
        language="en", email="m@example.org", phone="87 65 43 21", notify_email=None, remind_joblog=None,
        remind_conversation=None))
    assert response.status_code == 302
    row = db.execute("SELECT * FROM citizens WHERE id = ?", [mette]).fetchone()
    assert (row["email"], row["phone"], row["notify_email"], row["notify_sms"]) == ("m@example.org", "87 65 43 21", 0, 1)
    assert [r["reminder"] for r in db.query("SELECT reminder FROM notify_optouts WHERE citizen_id = ?", [mette])] == ["joblog"]
    entry = db.execute("SELECT * FROM audit_log WHERE action = 'notify_settings_changed'").fetchone()
    assert entry["citizen_id"] == mette and json.loads(entry["after"])["reminders_off"] == ["joblog"]
    page = client.get(response.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert "Your settings are saved." in page

    client.post("/indstillinger", data=_settings(language="en"))
    assert db.execute("SELECT COUNT(*) FROM notify_optouts WHERE citizen_id = ?", [mette]).fetchone()[0] == 0


def test_settings_errors_keep_what_was_typed(client, db):
    client.application.config["MAIL_ENABLED"] = True
    login_citizen(client, db)
    client.post("/sprog/en")
    response = client.post("/indstillinger", data=_settings(email="not-an-address", phone=""))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    check_page(page, "en")
    assert "There is a problem" in page
    assert "Enter an e-mail address like name@example.com" in page
    assert "Enter your mobile number to get messages by SMS" in page
    assert 'value="not-an-address"' in page
    assert client.post("/indstillinger", data=_settings(phone="12")).status_code == 400


def test_changing_the_language_switches_the_pages_too(client, db):
    mette = citizen_id(db, "Mette Jensen")
    login_citizen(client, db)
    response = client.post("/indstillinger", data=_settings(language="en"))
    assert response.status_code == 302 and "/sprog/en" in response.headers["Location"]
    page = client.get(response.headers["Location"], follow_redirects=True)
    assert '<html lang="en"' in page.get_data(as_text=True)
    assert db.execute("SELECT preferred_language FROM citizens WHERE id = ?", [mette]).fetchone()[0] == "en"


def test_download_my_data(client, db):
    login_citizen(client, db)
    response = client.get("/indstillinger/mine-data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = response.get_json()
    assert data["citizen"]["name"] == "Mette Jensen"
    assert data["citizen"]["cpr"] == "010185-XXXX"
    assert "0101851234" not in response.get_data(as_text=True)
    assert data["conversations"] and data["notices"]
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data_downloaded'").fetchone()[0] == 1


def test_settings_form_needs_a_csrf_token(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "s", "DATABASE": str(tmp_path / "c.sqlite")})
    db = connect(app.config["DATABASE"])
    demo.load(db)
    client = app.test_client()
    token = csrf_token_from(client.get("/log-ind/mitid").data)
    client.post("/log-ind/mitid", data={"citizen": citizen_id(db, "Mette Jensen"), "csrf_token": token})
    page = client.get("/indstillinger").get_data(as_text=True)
    assert page.count("<form") == page.count('name="csrf_token"')
    assert client.post("/indstillinger", data=_settings()).status_code == 400
    db.conn.close()


def test_caseworker_sees_messages_and_undelivered_ones(client, db):
    mette = citizen_id(db, "Mette Jensen")
    db.execute(
        "INSERT INTO notify_outbox (key, citizen_id, kind, channel, due_at, next_attempt_at, status, attempts,"
        " last_error, created_at) VALUES ('x:1:email', ?, 'conversation_reminder', 'email', ?, ?, 'failed', 1,"
        " 'recipient refused: [550]', ?)",
        [mette, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", clock.to_db(clock.now())])
    login_caseworker(client)
    client.post("/sprog/en")
    today = client.get("/sagsbehandler/").get_data(as_text=True)
    assert "Messages that could not be delivered" in today and "Mette Jensen" in today
    case = client.get(f"/sagsbehandler/borger/{mette}")
    check_page(case.data, "en")
    text = case.get_data(as_text=True)
    assert "Messages to the citizen" in text and "Not delivered" in text
    elsewhere = client.application.test_client()
    login_caseworker(elsewhere, "lise@skovlund.example")
    elsewhere.post("/sprog/en")
    assert "Messages that could not be delivered" not in elsewhere.get("/sagsbehandler/").get_data(as_text=True)


def test_settings_explain_the_send_hours_in_the_readers_language(client, db):
    login_citizen(client, db)
    client.post("/sprog/en")
    assert "between 09:00 and 22:00" in client.get("/indstillinger").get_data(as_text=True)
    client.post("/sprog/da")
    assert "kl. 09.00" in client.get("/indstillinger").get_data(as_text=True)


def _checkbox(page: str, name: str):
    return BeautifulSoup(page, "html.parser").select_one(f'input[name="{name}"]')


def test_a_channel_that_does_not_run_is_shown_disabled_and_the_choice_is_kept(client, db):
    """E-mail is off unless MAIL_ENABLED (off here); SMS needs a gateway (SMS_BACKEND)."""
    mette = citizen_id(db, "Mette Jensen")
    db.execute("UPDATE citizens SET notify_email = 1, notify_sms = 0 WHERE id = ?", [mette])
    login_citizen(client, db)
    client.post("/sprog/en")
    page = client.get("/indstillinger").get_data(as_text=True)
    email, sms = _checkbox(page, "notify_email"), _checkbox(page, "notify_sms")
    assert email.has_attr("disabled") and email.has_attr("checked")   # shown as chosen, not changeable
    assert "Not available: Min Plan does not send e-mail at the moment." in page
    assert email["aria-describedby"] == "notify_email-hint"
    assert not sms.has_attr("disabled") and "does not send SMS" not in page
    check_page(page, "en")

    # A browser sends nothing for a disabled box: the stored choice stays, and needs no address.
    response = client.post("/indstillinger", data=_settings(language="en", email="", notify_email=None,
                                                            notify_sms=None))
    assert response.status_code == 302
    row = db.execute("SELECT email, notify_email, notify_sms FROM citizens WHERE id = ?", [mette]).fetchone()
    assert tuple(row) == (None, 1, 0)
    # Nor can a hand-made submit switch on a channel that does not run.
    db.execute("UPDATE citizens SET notify_email = 0 WHERE id = ?", [mette])
    client.post("/indstillinger", data=_settings(language="en", notify_email="y", notify_sms=None))
    assert db.execute("SELECT notify_email FROM citizens WHERE id = ?", [mette]).fetchone()[0] == 0

    client.application.config["SMS_BACKEND"] = ""     # no SMS gateway
    page = client.get("/indstillinger").get_data(as_text=True)
    assert _checkbox(page, "notify_sms").has_attr("disabled")
    assert "Not available: Min Plan does not send SMS at the moment." in page
    client.application.config["MAIL_ENABLED"] = True
    page = client.get("/indstillinger").get_data(as_text=True)
    assert not _checkbox(page, "notify_email").has_attr("disabled") and "does not send e-mail" not in page
