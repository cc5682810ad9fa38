"""The sweep under strain: one citizen who cannot be handled does not stop the others; no write
lock is held while reading or while talking to an SMS gateway; no joblog reminder for a period
before the duty began; the send hours are a rule; the outbox migration keeps what it holds."""
import logging
import sqlite3
from dataclasses import replace

from app import clock
from app.db import connect, migrate
from app.notify import deliver, queries, views
from app.notify.kinds import joblog as joblog_kind
from app.notify.channels import build_channels
from app.rules import GROUPS, RULE_SETS

from .test_notify_support import cph, travel, world  # noqa: F401  (fixture)


def test_no_joblog_reminder_for_a_period_before_the_duty_began(world):
    """Week 7-13 December 2026 has its deadline on Monday 14 December (reminder from Saturday).
    Someone whose duty begins that Monday is not reminded of the week before it."""
    with travel(cph(2026, 12, 14, 9, 0)):
        w = world()
        new = w.citizen("New", group="dagpenge")
        w.db.execute("UPDATE citizens SET group_since = '2026-12-14' WHERE id = ?", [new])
        old = w.citizen("Old", group="dagpenge")
        w.sweep()
    assert w.outbox(new) == []
    assert [r["occurrence"] for r in w.sent(old, kind="joblog_reminder")] == ["2026-12-07"]


def test_one_citizen_who_cannot_be_handled_does_not_stop_the_sweep(world, caplog):
    """Saturday 12 December 2026, 10:00: a conversation tomorrow at 10:00 and the joblog deadline
    on Monday are due for reminders. One citizen has a target group no rule set knows."""
    caplog.set_level(logging.INFO, logger="minplan.notify")
    with travel(cph(2026, 12, 12, 10, 0)):
        w = world()
        good = w.citizen("Good", group="dagpenge", phone="12345678", notify_sms=True)
        bad = w.citizen("Bad", group="dagpenge", phone="23456789", notify_sms=True)
        for cid in (bad, good):
            w.conversation(cid, cph(2026, 12, 13, 10), created_at="2026-12-01T00:00:00Z")
        w.book(bad, cph(2026, 12, 15, 10))   # queued as a confirmation while the group is unknown
        broken = w.audit("booking_invitation_created", "booking_invitation", 999, bad,
                         after={"deadline": "31-12-2026"}, actor_type="caseworker")  # not a date
        w.book(good, cph(2026, 12, 16, 10))  # after the broken entry: still handled
        w.db.execute("UPDATE citizens SET target_group = 'no_such_group' WHERE id = ?", [bad])
        counts = w.sweep()
        w.sweep()
    assert {(r["kind"], r["channel"]) for r in w.sent(good)} == {
        (kind, channel) for kind in ("conversation_reminder", "joblog_reminder", "conversation_booked")
        for channel in ("inapp", "sms")}
    assert w.outbox(bad, kind="conversation_reminder") == [] and w.outbox(bad, kind="joblog_reminder") == []
    sms = w.outbox(bad, kind="conversation_booked", channel="sms")[0]
    assert sms["status"] == "failed" and "UnknownGroup" in sms["last_error"] and sms["attempts"] == 1
    assert w.sent(bad, kind="conversation_booked", channel="inapp")   # needs no rule
    failed = w.outbox(bad, key=f"audit:{broken}:inapp")[0]
    assert failed["status"] == "failed" and "ValueError" in failed["last_error"]
    assert counts["failed"] == 1
    cpr = w.db.execute("SELECT cpr FROM citizens WHERE id = ?", [bad]).fetchone()[0]
    assert "UnknownGroup" in caplog.text and cpr not in caplog.text and cpr[:6] not in caplog.text


def _can_write(path) -> bool:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_no_write_lock_is_held_while_reading_or_handing_over(world, monkeypatch):
    with travel(cph(2026, 12, 12, 10, 0)):
        w = world()
        cid = w.citizen("Mette", group="dagpenge", phone="12345678", notify_sms=True)
        w.conversation(cid, cph(2026, 12, 13, 10), created_at="2026-12-01T00:00:00Z")
        path = w.app.config["DATABASE"]
        checks = []
        status_for = joblog_kind.status_for

        def reading(*args, **kwargs):
            checks.append(("read", _can_write(path)))
            return status_for(*args, **kwargs)
        monkeypatch.setattr(joblog_kind, "status_for", reading)
        # The joblog reminders are read set-wise (app/notify/kinds/joblog.py): that read too.
        candidates = queries.joblog_reminder_candidates

        def reading_candidates(*args, **kwargs):
            checks.append(("read", _can_write(path)))
            return candidates(*args, **kwargs)
        monkeypatch.setattr(queries, "joblog_reminder_candidates", reading_candidates)
        channels = build_channels(w.app)
        gateway_send = channels["sms"].gateway.send

        def handing_over(to, text, reference):
            checks.append(("sms", _can_write(path)))
            gateway_send(to, text, reference)
        channels["sms"].gateway.send = handing_over
        w.sweep(channels=channels)
    assert ("read", True) in checks and ("sms", True) in checks
    assert all(ok for _what, ok in checks), checks
    assert len(w.sms()) == 2 and {r["status"] for r in w.outbox(cid)} == {"sent"}


def test_the_send_hours_are_a_rule_the_same_in_every_set():
    assert {rules.notify_send_hours for _set, by_group in RULE_SETS for rules in by_group.values()} == {(9, 22)}
    assert all(group in by_group for _set, by_group in RULE_SETS for group in GROUPS)


def test_e_mail_and_sms_wait_for_the_send_hours_of_the_citizens_rules(world, monkeypatch):
    rules_for = deliver.rules_for

    def later_hours(group, on_date=None):
        return replace(rules_for(group, on_date), notify_send_hours=(10, 20))
    monkeypatch.setattr(deliver, "rules_for", later_hours)
    with travel(cph(2026, 12, 7, 9, 30)) as t:
        w = world()
        cid = w.citizen("Mette", phone="12345678", notify_sms=True)
        w.book(cid, cph(2026, 12, 10, 10))
        w.sweep()
        waiting = w.outbox(cid, channel="sms")[0]
        assert waiting["status"] == "pending" and waiting["next_attempt_at"] == clock.to_db(cph(2026, 12, 7, 10))
        t.move_to(cph(2026, 12, 7, 10, 0))
        w.sweep()
    assert w.outbox(cid, channel="sms")[0]["status"] == "sent"


def test_the_settings_page_shows_the_hours_of_the_citizens_rules(client, db, monkeypatch):
    from .conftest import login_citizen
    rules_for = views.rules_for
    monkeypatch.setattr(views, "rules_for",
                        lambda group, on_date=None: replace(rules_for(group, on_date), notify_send_hours=(8, 21)))
    login_citizen(client, db)
    client.post("/sprog/en")
    assert "between 08:00 and 21:00" in client.get("/indstillinger").get_data(as_text=True)


def test_the_outbox_migration_keeps_rows_and_notices(tmp_path):
    db = connect(str(tmp_path / "old.sqlite"))
    migrate(db, target=8)
    db.execute("INSERT INTO municipalities (code, name, jobcenter_name) VALUES ('1', 'K', 'J')")
    db.execute("INSERT INTO citizens (municipality_id, cpr, name, target_group, group_since, created_at, updated_at)"
               " VALUES (1, '0101010101', 'Old Citizen', 'dagpenge', '2026-01-01', 'x', 'x')")
    db.execute("INSERT INTO notify_outbox (key, citizen_id, kind, channel, due_at, next_attempt_at, status,"
               " attempts, created_at, sent_at) VALUES ('k:1:inapp', 1, 'conversation_booked', 'inapp', 'd', 'n',"
               " 'sent', 1, 'c', 's')")
    db.execute("INSERT INTO notices (citizen_id, outbox_id, kind, params, created_at) VALUES (1, 1, 'x', '{}', 'c')")
    assert 9 in migrate(db)
    row = dict(db.execute("SELECT * FROM notify_outbox").fetchone())
    assert (row["key"], row["status"], row["attempts"], row["sent_at"], row["claimed_at"]) == (
        "k:1:inapp", "sent", 1, "s", None)
    assert tuple(db.execute("SELECT id, outbox_id FROM notices").fetchone()) == (1, 1)
    db.execute("UPDATE notify_outbox SET status = 'sending', claimed_at = 'now' WHERE id = 1")
    try:
        db.execute("UPDATE notify_outbox SET status = 'lost' WHERE id = 1")
        raise AssertionError("the status check is gone")
    except sqlite3.IntegrityError:
        pass
    try:
        db.execute("INSERT INTO notices (citizen_id, outbox_id, kind, created_at) VALUES (1, 99, 'x', 'c')")
        raise AssertionError("the foreign key to the outbox is gone")
    except sqlite3.IntegrityError:
        pass
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.conn.close()
