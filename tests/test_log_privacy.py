"""No CPR number, e-mail address or phone number in any log. conftest.py keeps every record of the
whole run and checks them when the run ends; this test drives a representative run and checks its
own records: logins, the caseworker's searches by CPR number, e-mail and phone on a real server,
a booking, and reminders with an address refused and a server down."""
import http.cookiejar
import json
import logging
import urllib.parse
import urllib.request

import pytest

from app import clock, demo
from app.notify.sweep import sweep

from .conftest import LogKeeper, personal_data_in, serving
from .instants import IN_RULES_2026_07
from .test_notify_support import Inbox, free_port

SEARCHES = ["0203901235", "020390-1235", "ali@example.com", "23456789", "+45 23 45 67 89"]


def test_the_keeper_finds_personal_data_a_logger_lets_through():
    keeper, logger = LogKeeper(), logging.getLogger("tests.unmasked")
    logger.propagate = False  # not into the run's own check
    logger.addHandler(keeper)
    try:
        for line in ("cpr 0101851234", "cpr 010185-1234", "to mette@example.com", "sms +45 12 34 56 78",
                     "sms 12345678", "GET /x?q=12%2034%2056%2078", "GET /x?q=%2B4512345678",
                     "GET /x?q=mette%40example.com", "fine: 010185-XXXX at 2026-12-07T09:00:00Z from 10.12.34.56 [phone] [e-mail]"):
            logger.warning(line)
    finally:
        logger.removeHandler(keeper)
    assert len(personal_data_in(keeper.lines)) == 8
    assert personal_data_in(keeper.lines[-1:]) == []


@pytest.mark.instant(IN_RULES_2026_07, "daytime: e-mail and SMS go out at once instead of waiting for the morning")
def test_a_representative_run_logs_no_personal_data(tmp_path):
    from aiosmtpd.controller import Controller

    from app import create_app
    from app.db import connect
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    app = create_app({"TESTING": True, "ENV_NAME": "test", "SECRET_KEY": "logs", "WTF_CSRF_ENABLED": False,
                      "DATABASE": str(tmp_path / "logs.sqlite"), "MAIL_ENABLED": True, "MAIL_HOST": "127.0.0.1",
                      "MAIL_PORT": controller.port, "SMS_BACKEND": "file", "SMS_FILE": str(tmp_path / "sms.log")})
    db = connect(app.config["DATABASE"])
    demo.load(db)
    # One address the server refuses, one citizen whose mail server is down (a second app below).
    db.execute("UPDATE citizens SET email = 'bounce.mette@example.com', notify_sms = 1 WHERE name = 'Mette Jensen'")
    keeper, root = LogKeeper(), logging.getLogger()
    root.addHandler(keeper)
    level = root.level
    root.setLevel(logging.INFO)
    try:
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with serving(app) as url:
            login = urllib.parse.urlencode({"email": "anne@fjordby.example", "password": demo.DEMO_PASSWORD})
            browser.open(f"{url}/log-ind/medarbejder", data=login.encode(), timeout=30).read()
            for text in SEARCHES:
                browser.open(f"{url}/sagsbehandler/borgere?{urllib.parse.urlencode({'q': text})}", timeout=30).read()
                browser.open(f"{url}/log-ind/mitid?{urllib.parse.urlencode({'q': text})}", timeout=30).read()
            browser.open(f"{url}/log-af", data=b"", timeout=30).read()
            ali = db.execute("SELECT id FROM citizens WHERE name = 'Ali Hassan'").fetchone()[0]
            browser.open(f"{url}/log-ind/mitid", data=f"citizen={ali}".encode(), timeout=30).read()
            for page in ("/min-plan", "/samtaler", "/joblog", "/beskeder", "/indstillinger"):
                browser.open(url + page, timeout=30).read()
        for name in ("Mette Jensen", "Ali Hassan"):  # their bookings confirmed by e-mail and SMS
            row = db.execute("SELECT v.id, v.citizen_id, v.municipality_id, v.starts_at, v.format FROM conversations v"
                             " JOIN citizens c ON c.id = v.citizen_id WHERE c.name = ? AND v.status = 'booked'",
                             [name]).fetchone()
            db.execute("INSERT INTO audit_log (at, actor_type, actor_id, action, entity, entity_id, citizen_id,"
                       " municipality_id, after) VALUES (?, 'citizen', ?, 'conversation_booked', 'conversation', ?,"
                       " ?, ?, ?)", [clock.to_db(clock.now()), row[1], row[0], row[1], row[2],
                                     json.dumps({"starts_at": row[3], "format": row[4], "status": "booked"})])
        sweep(app)
        controller.stop()
        down = create_app({**app.config, "MAIL_PORT": free_port()})
        db.execute("UPDATE notify_outbox SET status = 'pending', next_attempt_at = '2000-01-01T00:00:00Z'"
                   " WHERE channel = 'email'")
        sweep(down)
    finally:
        root.removeHandler(keeper)
        root.setLevel(level)
        db.conn.close()
        if controller._thread is not None:
            controller.stop()
    log = "\n".join(keeper.lines)
    # The run did log what it should: the requests, the searches (masked), the reminders' outcomes.
    assert log.count("/sagsbehandler/borgere?q=") == len(SEARCHES)
    assert "q=[e-mail]" in log and "q=[phone]" in log and "q=020390-XXXX" in log
    assert "notify: sent" in log and "failed" in log and "retry" in log
    assert personal_data_in(keeper.lines) == []
