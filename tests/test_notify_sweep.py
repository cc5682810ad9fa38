"""The reminder sweep with time travel: lead times, summer time, quiet hours, rebooking and
cancellation, catch-up after downtime. In-app notices and the development SMS file are real
channels; e-mail over SMTP is in test_notify_email.py."""
from app import clock

from .test_notify_support import cph, travel, world  # noqa: F401  (fixture)


def _keys(rows):
    return sorted(r["key"] for r in rows)


def test_conversation_reminders_at_each_lead_time_once(world):
    with travel(cph(2026, 12, 1, 12)) as t:
        w = world()
        cid = w.citizen("Mette", phone="12 34 56 78", notify_sms=True)
        conv = w.conversation(cid, cph(2026, 12, 8, 10), fmt="phone", phone_number="12345678")
        starts = w.row(conv)["starts_at"]
        w.sweep()
        assert w.sent(cid) == []

        t.move_to(cph(2026, 12, 7, 9, 59))
        w.sweep()
        assert w.sent(cid) == []

        t.move_to(cph(2026, 12, 7, 10, 0))   # the day before, same clock time
        w.sweep()
        w.sweep()                             # a second sweep adds nothing
        assert _keys(w.sent(cid)) == [f"conv:{conv}:{starts}:1d:inapp", f"conv:{conv}:{starts}:1d:sms"]

        t.move_to(cph(2026, 12, 8, 7, 59))
        w.sweep()
        assert len(w.sent(cid)) == 2

        t.move_to(cph(2026, 12, 8, 8, 0))    # two hours before: in-app at once, SMS at 09:00
        w.sweep()
        assert len(w.sent(cid)) == 3
        t.move_to(cph(2026, 12, 8, 9, 0))
        w.sweep()
        assert _keys(w.sent(cid))[-2:] == [f"conv:{conv}:{starts}:2h:inapp", f"conv:{conv}:{starts}:2h:sms"]

        t.move_to(cph(2026, 12, 8, 11, 0))   # after the start: nothing more, ever
        w.sweep()
    assert len(w.sent(cid)) == 4
    assert len(w.notices(cid)) == 2
    texts = [m["text"] for m in w.sms()]
    assert len(texts) == 2 and all("12345678" in text and "https://minplan.example/samtaler" in text for text in texts)
    assert all(m["to"] == "+4512345678" for m in w.sms())


def test_summer_time_starts_the_night_before(world):
    """Clocks go forward on Sunday 29 March 2026 at 02:00. A conversation that Sunday at 10:00 is
    reminded on Saturday at 10:00 (wall clock), not 24 hours earlier (09:00)."""
    with travel(cph(2026, 3, 20, 12)) as t:
        w = world()
        cid = w.citizen("Mette", phone="12345678", notify_sms=True)
        conv = w.conversation(cid, cph(2026, 3, 29, 10), fmt="in_person")
        t.move_to(cph(2026, 3, 28, 9, 59))
        w.sweep()
        assert w.sent(cid) == []
        t.move_to(cph(2026, 3, 28, 10, 0))
        w.sweep()
        day_before = w.sent(cid)
        assert {r["channel"] for r in day_before} == {"inapp", "sms"}
        assert day_before[0]["due_at"] == "2026-03-28T09:00:00Z"   # 10:00 CET
        t.move_to(cph(2026, 3, 29, 7, 59))
        w.sweep()
        assert len(w.sent(cid)) == 2
        t.move_to(cph(2026, 3, 29, 8, 0))    # two hours before, in summer time (06:00 UTC)
        w.sweep()
        assert w.outbox(cid, key=f"conv:{conv}:2026-03-29T08:00:00Z:2h:inapp")[0]["status"] == "sent"
    first_sms = w.sms()[0]["text"]
    assert "kl. 10.00" in first_sms and "søndag 29. marts" in first_sms


def test_summer_time_ends_the_night_before(world):
    """Clocks go back on Sunday 25 October 2026 at 03:00: the reminder is Saturday 10:00 (CEST)."""
    with travel(cph(2026, 10, 20, 12)) as t:
        w = world()
        cid = w.citizen("Mette", language="en", phone="12345678", notify_sms=True)
        conv = w.conversation(cid, cph(2026, 10, 25, 10), fmt="video", video_url="https://video.example/m/abc")
        t.move_to(cph(2026, 10, 24, 9, 59))
        w.sweep()
        assert w.sent(cid) == []
        t.move_to(cph(2026, 10, 24, 10, 0))
        w.sweep()
        assert [r["due_at"] for r in w.sent(cid)] == ["2026-10-24T08:00:00Z"] * 2  # 10:00 CEST
        t.move_to(cph(2026, 10, 25, 8, 0))   # 07:00 UTC, in winter time
        w.sweep()
        assert w.outbox(cid, key=f"conv:{conv}:2026-10-25T09:00:00Z:2h:inapp")[0]["status"] == "sent"
    text = w.sms()[0]["text"]
    assert "Sunday 25 October, 10:00" in text and "https://video.example/m/abc" in text


def test_quiet_hours_hold_sms_until_nine_unless_the_conversation_comes_first(world):
    with travel(cph(2026, 12, 1, 12)) as t:
        w = world()
        cid = w.citizen("Mette", phone="12345678", notify_sms=True)
        conv = w.conversation(cid, cph(2026, 12, 8, 8, 0), fmt="in_person")
        t.move_to(cph(2026, 12, 7, 8, 0))    # day-before reminder at 08:00
        w.sweep()
        assert [r["channel"] for r in w.sent(cid)] == ["inapp"]
        waiting = w.outbox(cid, channel="sms")[0]
        assert waiting["status"] == "pending" and waiting["next_attempt_at"] == clock.to_db(cph(2026, 12, 7, 9))
        t.move_to(cph(2026, 12, 7, 8, 59))
        w.sweep()
        assert w.sms() == []
        t.move_to(cph(2026, 12, 7, 9, 0))
        w.sweep()
        assert len(w.sms()) == 1

        t.move_to(cph(2026, 12, 8, 6, 0))    # two hours before an 08:00 conversation: sent at 06:00
        w.sweep()
        assert len(w.sms()) == 2
        assert w.outbox(cid, key=f"conv:{conv}:{w.row(conv)['starts_at']}:2h:sms")[0]["status"] == "sent"

        t.move_to(cph(2026, 12, 8, 22, 30))  # a booking late in the evening: in-app now, SMS at 09:00
        later = w.book(cid, cph(2026, 12, 11, 10))
        w.sweep()
        confirmation = w.outbox(cid, kind="conversation_booked")
        assert {r["channel"]: r["status"] for r in confirmation} == {"inapp": "sent", "sms": "pending"}
        t.move_to(cph(2026, 12, 9, 9, 0))
        w.sweep()
        assert {r["status"] for r in w.outbox(cid, kind="conversation_booked")} == {"sent"}
        assert w.row(later)["status"] == "booked"


def test_rebooking_rearms_and_withdraws_reminders(world):
    with travel(cph(2026, 12, 1, 12)) as t:
        w = world()
        cid = w.citizen("Mette", phone="12345678", notify_sms=True)
        conv = w.book(cid, cph(2026, 12, 10, 10))
        old = w.row(conv)["starts_at"]
        w.sweep()
        assert {r["kind"] for r in w.sent(cid)} == {"conversation_booked"}

        t.move_to(cph(2026, 12, 9, 10, 0))
        w.sweep()
        assert len(w.sent(cid, kind="conversation_reminder")) == 2

        t.move_to(cph(2026, 12, 9, 12, 0))   # moved to Friday 08:00
        w.rebook(conv, cph(2026, 12, 11, 8, 0))
        new = w.row(conv)["starts_at"]
        w.sweep()
        moved = w.sent(cid, kind="conversation_rebooked")
        assert len(moved) == 2
        assert '"old_starts_at": "%s"' % old in moved[0]["params"]

        t.move_to(cph(2026, 12, 10, 8, 0))   # the old time's 2-hour mark, the new time's day before
        w.sweep()
        assert not [r for r in w.outbox(cid, kind="conversation_reminder") if old in r["key"] and ":2h:" in r["key"]]
        fresh = w.outbox(cid, kind="conversation_reminder", occurrence=new)
        assert {r["channel"]: r["status"] for r in fresh} == {"inapp": "sent", "sms": "pending"}  # SMS waits for 09:00

        t.move_to(cph(2026, 12, 10, 8, 30))  # moved again before the SMS went out
        w.rebook(conv, cph(2026, 12, 14, 10, 0))
        t.move_to(cph(2026, 12, 10, 9, 0))
        w.sweep()
        withdrawn = w.outbox(cid, kind="conversation_reminder", occurrence=new, channel="sms")[0]
        assert withdrawn["status"] == "dropped" and "moved" in withdrawn["last_error"]

        t.move_to(cph(2026, 12, 13, 10, 0))
        w.sweep()
    latest = w.row(conv)["starts_at"]
    reminders = w.sent(cid, kind="conversation_reminder")
    # Every reminder sent was for the time that held when it went out.
    assert [r["occurrence"] for r in reminders] == [old, old, new, latest, latest]
    assert all("14. december" in m["text"] for m in w.sms()[-2:])


def test_cancelled_conversation_gets_a_notice_and_no_more_reminders(world):
    with travel(cph(2026, 12, 1, 12)) as t:
        w = world()
        cid = w.citizen("Mette", phone="12345678", notify_sms=True)
        other = w.citizen("Ali", language="en")
        by_jobcenter = w.conversation(cid, cph(2026, 12, 8, 10))
        by_citizen = w.conversation(other, cph(2026, 12, 8, 13))
        t.move_to(cph(2026, 12, 7, 13, 0))
        w.sweep()
        assert len(w.sent(cid, kind="conversation_reminder")) == 2
        t.move_to(cph(2026, 12, 7, 14, 0))
        w.cancel(by_jobcenter, by_jobcenter=True)
        w.cancel(by_citizen)
        w.sweep()
        assert {r["channel"] for r in w.sent(cid, kind="conversation_cancelled_by_jobcenter")} == {"inapp", "sms"}
        assert len(w.sent(other, kind="conversation_cancelled")) == 1
        t.move_to(cph(2026, 12, 8, 11, 0))
        w.sweep()
    assert len(w.sent(cid, kind="conversation_reminder")) == 2
    assert w.outbox(other, kind="conversation_reminder", status="sent")[0]["key"].endswith(":1d:inapp")
    assert not w.outbox(other, kind="conversation_reminder", status="pending")
    assert len(w.sms()) == 2 and "tirsdag 8. december kl. 10.00" in w.sms()[-1]["text"]


def test_catch_up_after_downtime_sends_what_is_still_useful(world):
    with travel(cph(2026, 12, 6, 23, 0)) as t:
        w = world()
        cid = w.citizen("Mette", phone="12345678", notify_sms=True)
        later = w.conversation(cid, cph(2026, 12, 9, 10))
        begun = w.conversation(cid, cph(2026, 12, 9, 8))
        soon = w.book(cid, cph(2026, 12, 7, 9, 30))   # booked late at night: SMS waits for 09:00
        w.sweep()
        assert w.outbox(cid, kind="conversation_booked", channel="sms")[0]["status"] == "pending"

        t.move_to(cph(2026, 12, 9, 9, 5))    # the sweep was down for two and a half days
        w.sweep()
    later_rows = {r["key"].split(":")[-2] + ":" + r["channel"]: r for r in w.outbox(cid, entity_id=later,
                                                                                   kind="conversation_reminder")}
    assert {k: r["status"] for k, r in later_rows.items()} == {
        "1d:inapp": "dropped", "1d:sms": "dropped", "2h:inapp": "sent", "2h:sms": "sent"}
    assert "superseded" in later_rows["1d:inapp"]["last_error"]
    assert w.outbox(cid, entity_id=begun, kind="conversation_reminder") == []  # began during the downtime
    late = w.outbox(cid, entity_id=soon, kind="conversation_booked", channel="sms")[0]
    assert late["status"] == "dropped" and "too late" in late["last_error"]
    assert len(w.sms()) == 1


def test_joblog_reminder_before_the_deadline_only_while_entries_are_missing(world):
    # Week 7-13 December 2026; deadline Monday 14 December; reminder two days before.
    with travel(cph(2026, 12, 7, 12)) as t:
        w = world()
        short = w.citizen("Ali", group="dagpenge", phone="23456789", notify_sms=True)
        done = w.citizen("Mette", group="dagpenge")
        off = w.citizen("Peter", group="dagpenge")
        w.db.execute("INSERT INTO notify_optouts (citizen_id, reminder, created_at) VALUES (?, 'joblog', 'x')", [off])
        w.joblog_entry(short, clock.today())
        for _ in range(2):
            w.joblog_entry(done, clock.today())
        t.move_to(cph(2026, 12, 11, 23, 59))
        w.sweep()
        assert w.outbox(kind="joblog_reminder") == []
        t.move_to(cph(2026, 12, 12, 0, 0))
        w.sweep()
        rows = w.outbox(kind="joblog_reminder")
        assert {(r["citizen_id"], r["channel"], r["status"]) for r in rows} == {
            (short, "inapp", "sent"), (short, "sms", "pending")}
        assert '"remaining": 1' in w.notices(short)[0]["params"]
        assert rows[0]["key"] == f"joblog:{short}:2026-12-07:2d:inapp"
        t.move_to(cph(2026, 12, 12, 8, 0))   # registered the missing one before the SMS went out
        w.joblog_entry(short, clock.today())
        t.move_to(cph(2026, 12, 12, 9, 0))
        w.sweep()
        sms = w.outbox(short, kind="joblog_reminder", channel="sms")[0]
        assert sms["status"] == "dropped" and "met" in sms["last_error"]
    assert w.sms() == []


def test_joblog_reminder_follows_the_rules_in_force(world):
    """From 2027 (expected rules): monthly, a reminder one week before the deadline."""
    with travel(cph(2027, 1, 20, 12)) as t:
        w = world()
        cid = w.citizen("Ali", group="dagpenge", language="en", phone="23456789", notify_sms=True)
        t.move_to(cph(2027, 1, 24, 23, 0))
        w.sweep()
        assert w.outbox(cid) == []
        t.move_to(cph(2027, 1, 25, 9, 0))    # deadline Monday 1 February (31 January is a Sunday)
        w.sweep()
    assert {r["channel"] for r in w.sent(cid, kind="joblog_reminder")} == {"inapp", "sms"}
    text = w.sms()[0]["text"]
    assert "Register 6 more job applications by Monday 1 February" in text and "/joblog" in text


def test_self_booking_deadline_reminder_while_nothing_is_booked(world):
    with travel(cph(2026, 12, 1, 12)) as t:
        w = world()
        cid = w.citizen("Mette", phone="12345678", notify_sms=True)
        booked_meanwhile = w.citizen("Ali")
        open_one = w.invitation(cid, clock.today().replace(day=11))
        already = w.invitation(booked_meanwhile, clock.today().replace(day=11), status="booked")
        t.move_to(cph(2026, 12, 8, 23, 59))
        w.sweep()
        assert w.outbox(kind="self_booking_reminder") == []
        t.move_to(cph(2026, 12, 9, 0, 0))     # two days before Friday 11 December
        w.sweep()
        assert {(r["channel"], r["status"]) for r in w.outbox(cid, kind="self_booking_reminder")} == {
            ("inapp", "sent"), ("sms", "pending")}
        w.db.execute("UPDATE booking_invitations SET status = 'booked' WHERE id = ?", [open_one])
        t.move_to(cph(2026, 12, 9, 9, 0))
        w.sweep()
    assert w.outbox(cid, kind="self_booking_reminder", channel="sms")[0]["status"] == "dropped"
    assert w.outbox(booked_meanwhile) == [] and already


def test_audit_entries_become_notices_once(world):
    with travel(cph(2026, 12, 1, 12)):
        w = world()
        cid = w.citizen("Mette", phone="12345678", notify_sms=False)
        conv = w.conversation(cid, cph(2026, 12, 10, 10), fmt="phone", phone_number="12345678")
        starts = w.row(conv)["starts_at"]
        w.audit("conversation_summoned", "conversation", conv, cid, actor_type="caseworker",
                after={"starts_at": starts, "format": "phone", "status": "booked"})
        w.audit("format_request_refused", "format_request", 7, cid, actor_type="caseworker",
                after={"conversation_id": conv, "to_format": "video", "decision_reason": "We need to meet you."})
        invitation = w.invitation(cid, clock.today().replace(day=15))
        w.audit("booking_invitation_created", "booking_invitation", invitation, cid, actor_type="caseworker",
                after={"deadline": "2026-12-15", "window_start": "2026-12-15", "window_end": "2026-12-29"})
        w.audit("conversation_held", "conversation", conv, cid, after={"summary": "x", "next_step": "y"})
        w.audit("set_joblog_requirement", "joblog_requirement", cid, cid, after={"count_per_period": 3})
        first = w.sweep()
        w.sweep()
    kinds = [n["kind"] for n in w.notices(cid)]
    # A changed joblog requirement is told as "Your plan has been updated" (issue 10).
    assert kinds == ["conversation_summoned", "format_request_refused", "booking_invitation_created", "plan_updated"]
    assert first["sent"] == 4
    refused = w.notices(cid)[1]
    assert "We need to meet you." in refused["params"] and '"to_format": "video"' in refused["params"]
    cursor = w.db.execute("SELECT value FROM notify_state WHERE name = 'audit_cursor'").fetchone()[0]
    assert int(cursor) == w.db.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]


class _Crash:
    """Wraps the real channels; stops the process (SystemExit) at the n-th hand-over."""

    def __init__(self, channels, n):
        self.count, self.n = 0, n
        self.channels = {name: self._wrap(channel) for name, channel in channels.items()}

    def _wrap(self, channel):
        crash = self
        original = channel.send

        def send(db, delivery):
            crash.count += 1
            if crash.count == crash.n:
                raise SystemExit(f"killed at message {crash.n}")
            return original(db, delivery)
        channel.send = send
        return channel


def test_crash_in_the_middle_of_a_sweep_then_restart_delivers_each_once(world):
    import pytest

    from app.notify.channels import build_channels
    for n in range(1, 7):
        with travel(cph(2026, 12, 7, 10, 0)):
            w = world()
            people = [w.citizen(f"C{i}", phone=f"1234567{i}", notify_sms=True) for i in range(3)]
            for cid in people:
                w.conversation(cid, cph(2026, 12, 8, 10), created_at="2026-12-01T00:00:00Z")
            crash = _Crash(build_channels(w.app), n)
            with pytest.raises(SystemExit):
                w.sweep(channels=crash.channels)
            assert len(w.sent()) == n - 1
            w.sweep()
            w.sweep()
        assert len(w.sent()) == 6, n
        assert sorted(len(w.notices(cid)) for cid in people) == [1, 1, 1]
        assert sorted(m["ref"] for m in w.sms()) == sorted({m["ref"] for m in w.sms()})
        assert len(w.sms()) == 3


def test_flask_reminders_sweep_runs_one_sweep(world):
    with travel(cph(2026, 12, 7, 10, 0)):
        w = world()
        cid = w.citizen("Mette")
        w.conversation(cid, cph(2026, 12, 8, 10), created_at="2026-12-01T00:00:00Z")
        result = w.app.test_cli_runner().invoke(args=["reminders", "sweep"])
        assert result.exit_code == 0, result.output
        assert "sent: 1" in result.output
        again = w.app.test_cli_runner().invoke(args=["reminders", "sweep"])
    assert "sent" not in again.output
    assert len(w.notices(cid)) == 1


def test_the_scheduler_runs_the_sweep_beside_housekeeping(world):
    from app import scheduler
    w = world(REMINDER_SWEEP_SECONDS=60)
    jobs = {job.id: job for job in scheduler.build(w.app).get_jobs()}
    assert set(jobs) >= {"housekeeping", "reminder_sweep"}
    sweep_job = jobs["reminder_sweep"]
    assert sweep_job.trigger.interval.total_seconds() == 60
    assert sweep_job.max_instances == 1 and sweep_job.coalesce
    assert scheduler.reminder_sweep(w.app) is not None
