"""Server-side sessions: the cookie carries only a session id, and logging out, a disabled
account, the idle timeout and the absolute lifetime end the session for every copy of the cookie."""
from datetime import timedelta

import time_machine

from app import clock, scheduler
from app.auth import sessions

from .conftest import login_caseworker, login_citizen

COOKIE = "minplan_session"


def _cookie(client) -> str:
    return client.get_cookie(COOKIE).value


def _replay(app, value: str):
    """A second browser holding a copy of the cookie (kept, or stolen)."""
    other = app.test_client()
    other.set_cookie(COOKIE, value)
    return other


def _session_count(db) -> int:
    return db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]


def test_the_cookie_carries_only_the_session_id(app, client, db):
    login_caseworker(client)
    data = app.session_interface.get_signing_serializer(app).loads(_cookie(client))
    assert sessions.COOKIE_KEY in data
    # No user id, no timestamps: what the session stands for is in the database.
    assert set(data) <= {sessions.COOKIE_KEY, "lang", "csrf_token", "_flashes"}
    row = db.execute("SELECT * FROM sessions").fetchone()
    anne = db.execute("SELECT id FROM caseworkers WHERE email = 'anne@fjordby.example'").fetchone()[0]
    assert (row["caseworker_id"], row["citizen_id"]) == (anne, None)
    assert data[sessions.COOKIE_KEY] not in row["id"]  # only its digest is stored


def test_a_cookie_kept_from_before_logout_is_refused(app, client, db):
    login_caseworker(client)
    kept = _cookie(client)
    assert _replay(app, kept).get("/sagsbehandler/").status_code == 200
    client.post("/log-af")
    response = _replay(app, kept).get("/sagsbehandler/")
    assert response.status_code == 302 and "/log-ind/medarbejder" in response.headers["Location"]
    assert _session_count(db) == 0


def test_logout_ends_the_session_in_every_browser_holding_it(app, client, db):
    login_citizen(client, db)
    copy = _replay(app, _cookie(client))
    assert copy.get("/min-plan").status_code == 200
    copy.post("/log-af")  # logged out in one place ...
    assert client.get("/min-plan").status_code == 302  # ... ends it in the other too


def test_a_new_login_gets_a_new_session_id(app, client, db):
    login_citizen(client, db)
    first = _cookie(client)
    client.post("/log-af")
    login_citizen(client, db)
    second = _cookie(client)
    assert second != first
    assert _replay(app, first).get("/min-plan").status_code == 302
    login_citizen(client, db, "Ali Hassan")  # logging in again, without logging out first
    assert _replay(app, second).get("/min-plan").status_code == 302
    assert _session_count(db) == 1


def test_a_disabled_caseworkers_session_ends_and_stays_ended(app, client, db):
    login_caseworker(client)
    kept = _cookie(client)
    assert client.get("/sagsbehandler/").status_code == 200
    db.execute("UPDATE caseworkers SET active = 0 WHERE email = 'anne@fjordby.example'")
    response = client.get("/sagsbehandler/")
    assert response.status_code == 302 and "/log-ind/medarbejder" in response.headers["Location"]
    assert _session_count(db) == 0
    db.execute("UPDATE caseworkers SET active = 1 WHERE email = 'anne@fjordby.example'")
    assert _replay(app, kept).get("/sagsbehandler/").status_code == 302  # re-enabling revives nothing


def test_the_idle_timeout_ends_a_kept_copy_too(app, client, db):
    idle = app.config["IDLE_TIMEOUT"]
    with time_machine.travel(clock.now(), tick=False) as traveller:
        login_caseworker(client)
        kept = _cookie(client)
        traveller.shift(idle + timedelta(seconds=1))
        assert _replay(app, kept).get("/sagsbehandler/").status_code == 302
        assert client.get("/sagsbehandler/").status_code == 302
    assert _session_count(db) == 0


def test_a_login_form_posted_after_the_session_ended_logs_in(app, client, db):
    """A browser still holding the cookie of an idle session logs in again with one POST: the old
    session is gone, and the new one begins (citizen and caseworker alike)."""
    idle = app.config["IDLE_TIMEOUT"]
    worker = app.test_client()
    with time_machine.travel(clock.now(), tick=False) as traveller:
        login_citizen(client, db)
        login_caseworker(worker)
        old = _cookie(client)
        traveller.shift(idle + timedelta(seconds=1))
        assert login_citizen(client, db).headers["Location"].endswith("/min-plan")
        assert client.get("/min-plan").status_code == 200
        assert login_caseworker(worker).status_code == 302
        assert worker.get("/sagsbehandler/").status_code == 200
        assert _replay(app, old).get("/min-plan").status_code == 302
    assert _session_count(db) == 2


def test_the_absolute_lifetime_ends_even_an_active_session(app, client, db):
    lifetime, idle = app.config["SESSION_ABSOLUTE_LIFETIME"], app.config["IDLE_TIMEOUT"]
    step = idle / 2
    client.post("/sprog/en")
    with time_machine.travel(clock.now(), tick=False) as traveller:
        login_caseworker(client)
        elapsed = timedelta(0)
        while elapsed + step < lifetime:  # busy all day: a request every half idle timeout
            traveller.shift(step)
            elapsed += step
            assert client.get("/sagsbehandler/").status_code == 200, elapsed
        traveller.shift(step)
        response = client.get("/sagsbehandler/")
        assert response.status_code == 302 and "/log-ind/medarbejder" in response.headers["Location"]
        page = client.get(response.headers["Location"]).get_data(as_text=True)
    hours = int(lifetime.total_seconds() // 3600)
    assert f"You were logged out because you had been logged in for {hours} hours." in page
    assert _session_count(db) == 0


def test_the_lifetime_message_in_danish(app, client, db):
    lifetime = app.config["SESSION_ABSOLUTE_LIFETIME"]
    login_citizen(client, db)
    db.execute("UPDATE sessions SET created_at = ?",  # logged in long ago, active until now
               [clock.to_db(clock.now() - lifetime - timedelta(minutes=1))])
    response = client.get("/min-plan")
    assert response.headers["Location"].endswith("/log-ind")
    hours = int(lifetime.total_seconds() // 3600)
    assert f"logget ind i {hours} timer" in client.get("/log-ind").get_data(as_text=True)


def test_housekeeping_forgets_sessions_that_ended_by_time(app, client, db):
    login_citizen(client, db)
    other = app.test_client()
    login_caseworker(other)
    db.execute("UPDATE sessions SET last_seen = ? WHERE citizen_id IS NOT NULL",
               [clock.to_db(clock.now() - app.config["IDLE_TIMEOUT"] - timedelta(minutes=1))])
    scheduler.housekeeping(app)
    assert [tuple(r) for r in db.execute("SELECT caseworker_id IS NOT NULL FROM sessions")] == [(1,)]
    assert other.get("/sagsbehandler/").status_code == 200
