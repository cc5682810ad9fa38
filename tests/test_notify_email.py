"""E-mail over SMTP to a real server in the test (aiosmtpd on 127.0.0.1): the right e-mails,
once, with the right content, in Danish and English; retries, a refused address, and a sweep
killed mid-way and run again."""
import multiprocessing
import os
from datetime import timedelta

import pytest

from app import clock
from app.notify.channels import build_channels, message_id

from .test_notify_support import PUBLIC_URL, cph, free_port, smtp, travel, world  # noqa: F401  (fixtures)


def _mail_world(world, port, **overrides):
    return world(MAIL_ENABLED=True, MAIL_HOST="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=5, **overrides)


def _body(message) -> str:
    return message.get_content().replace("\r\n", "\n")


def test_reminders_by_email_in_danish_and_english_once(world, smtp):
    with travel(cph(2026, 12, 1, 12)) as t:
        w = _mail_world(world, smtp.port)
        mette = w.citizen("Mette", email="mette@example.com")
        john = w.citizen("John", language="en", email="john@example.com")
        karin = w.citizen("Karin", email="karin@example.com")
        w.conversation(mette, cph(2026, 12, 7, 10), fmt="video", video_url="https://video.fjordby.example/m/x1")
        w.conversation(john, cph(2026, 12, 7, 10), fmt="phone", phone_number="23 45 67 89")
        w.conversation(karin, cph(2026, 12, 7, 13), fmt="in_person")
        t.move_to(cph(2026, 12, 6, 13, 0))   # Sunday: the day before both
        w.sweep()
        w.sweep()

    assert [len(smtp.to(a)) for a in ("mette@example.com", "john@example.com", "karin@example.com")] == [1, 1, 1]
    danish, english, place = (smtp.to(a)[0] for a in ("mette@example.com", "john@example.com", "karin@example.com"))

    assert "mandag 7. december kl. 10.00" in danish["Subject"]
    body = _body(danish)
    assert "mandag 7. december kl. 10.00" in body
    assert "https://video.fjordby.example/m/x1" in body
    assert f"{PUBLIC_URL}/samtaler" in body and f"{PUBLIC_URL}/indstillinger" in body
    assert danish["Content-Language"] == "da"

    assert english["Subject"] == "Reminder: conversation Monday 7 December, 10:00"
    body = _body(english)
    assert "Monday 7 December, 10:00" in body
    assert "We will call you on 23 45 67 89." in body
    # The reason, not the timing, makes absence lawful (DOMAIN.md, cancellations and absence).
    assert ("If you cannot come, tell us in Min Plan, and tell us why. A valid reason, such as illness, work or a job "
            "interview, makes your absence lawful.") in body
    assert f"See your conversation, or tell us you can't come:\n{PUBLIC_URL}/samtaler" in body
    assert english["Content-Language"] == "en"
    assert english["From"] == "Min Plan <no-reply@minplan.example>"

    assert "Havnegade 12, 9999 Fjordby" in _body(place) and "kl. 13.00" in _body(place)
    assert all(m["Message-ID"] == message_id(r["key"]) for m, r in
               zip([danish], w.sent(mette, channel="email")))


def test_the_date_header_has_a_real_zone_and_the_mail_says_it_is_automatic(world, smtp):
    sent_at = cph(2026, 12, 7, 10, 0)
    with travel(sent_at):
        w = _mail_world(world, smtp.port)
        cid = w.citizen("Mette", email="mette@example.com")
        w.conversation(cid, cph(2026, 12, 8, 10), created_at="2026-12-01T00:00:00Z")
        w.sweep()
    [mail] = smtp.to("mette@example.com")
    assert "-0000" not in mail["Date"]
    date = mail["Date"].datetime
    assert date.tzinfo is not None and date == sent_at
    assert date.utcoffset() == clock.local(sent_at).utcoffset()  # Copenhagen's offset that day
    assert mail["Auto-Submitted"] == "auto-generated"


def test_booking_confirmation_and_decision_by_email(world, smtp):
    with travel(cph(2026, 12, 1, 12)):
        w = _mail_world(world, smtp.port)
        cid = w.citizen("John", language="en", email="john@example.com")
        conv = w.book(cid, cph(2026, 12, 10, 9, 30), fmt="in_person")
        w.audit("format_request_approved", "format_request", 3, cid, actor_type="caseworker",
                after={"conversation_id": conv, "to_format": "video", "decision_reason": None})
        w.db.execute("UPDATE conversations SET format = 'video', video_url = 'https://video.example/m/z' WHERE id = ?",
                     [conv])
        w.sweep()
    subjects = [m["Subject"] for m in smtp.to("john@example.com")]
    assert subjects == ["Your conversation is booked: Thursday 10 December, 09:30",
                        "Your request is approved: Video"]
    approved = _body(smtp.to("john@example.com")[1])
    assert "https://video.example/m/z" in approved and "Thursday 10 December, 09:30" in approved


def test_a_refused_address_fails_alone_and_is_not_retried(world, smtp):
    with travel(cph(2026, 12, 6, 13, 0)) as t:
        w = _mail_world(world, smtp.port)
        bad = w.citizen("Bad", email="bounce@example.com")
        good = w.citizen("Good", email="good@example.com")
        for cid in (bad, good):
            w.conversation(cid, cph(2026, 12, 7, 12), created_at="2026-12-01T00:00:00Z")
        w.sweep()
        failed = w.outbox(bad, channel="email")[0]
        assert failed["status"] == "failed" and failed["attempts"] == 1 and "550" in failed["last_error"]
        assert len(smtp.to("good@example.com")) == 1
        assert w.sent(bad, channel="inapp")          # the in-app notice still arrives
        t.move_to(cph(2026, 12, 6, 18, 0))
        w.sweep()
    assert w.outbox(bad, channel="email")[0]["attempts"] == 1
    assert smtp.to("bounce@example.com") == []


def test_server_down_is_retried_with_back_off(world):
    from aiosmtpd.controller import Controller

    from .test_notify_support import Inbox
    port = free_port()
    with travel(cph(2026, 12, 6, 13, 0)) as t:
        w = _mail_world(world, port)
        cid = w.citizen("Mette", email="mette@example.com")
        w.conversation(cid, cph(2026, 12, 7, 12), created_at="2026-12-01T00:00:00Z")
        start = clock.now()
        w.sweep()                                   # nothing listens on the port
        row = w.outbox(cid, channel="email")[0]
        assert (row["status"], row["attempts"]) == ("pending", 1)
        assert row["next_attempt_at"] == clock.to_db(start + timedelta(seconds=60))
        assert w.sent(cid, channel="inapp")
        t.move_to(start + timedelta(seconds=60))
        w.sweep()
        row = w.outbox(cid, channel="email")[0]
        assert row["attempts"] == 2 and row["next_attempt_at"] == clock.to_db(start + timedelta(seconds=180))

        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            t.move_to(start + timedelta(seconds=179))
            w.sweep()
            assert inbox.messages == []
            t.move_to(start + timedelta(seconds=180))
            w.sweep()
            w.sweep()
        finally:
            controller.stop()
    assert len(inbox.messages) == 1
    assert w.outbox(cid, channel="email")[0]["status"] == "sent"


def _three_citizens(w):
    people = []
    for i in range(3):
        cid = w.citizen(f"C{i}", language="en" if i % 2 else "da", email=f"c{i}@example.com",
                        phone=f"2345678{i}", notify_sms=True)
        w.conversation(cid, cph(2026, 12, 8, 10), created_at="2026-12-01T00:00:00Z")
        people.append(cid)
    return people


class _Killer:
    """Wraps the real channels; at the n-th hand-over it stops the sweep before handing it over
    (or, with `after`, right after the channel's send returned): SystemExit (unwinds) or
    os._exit (the process dies on the spot)."""

    def __init__(self, channels, n, hard=False, after=False):
        self.count, self.n, self.hard, self.after = 0, n, hard, after
        for channel in channels.values():
            channel.send = self._wrap(channel.send)
        self.channels = channels

    def _wrap(self, send):
        def wrapped(db, delivery):
            self.count += 1
            if self.count != self.n:
                return send(db, delivery)
            if self.after:
                send(db, delivery)
            if self.hard:
                os._exit(3)
            raise SystemExit(f"killed at message {self.n}")
        return wrapped


def _assert_each_once(w, smtp, people):
    assert sorted(m["To"] for m in smtp.messages) == ["c0@example.com", "c1@example.com", "c2@example.com"]
    assert len({m["Message-ID"] for m in smtp.messages}) == 3
    assert len(w.sms()) == 3 and len({s["ref"] for s in w.sms()}) == 3
    assert [len(w.notices(cid)) for cid in people] == [1, 1, 1]
    assert {r["status"] for r in w.outbox()} == {"sent"} and len(w.outbox()) == 9


@pytest.mark.parametrize("n", range(1, 10))
def test_killed_mid_sweep_then_restarted_sends_every_message_once(world, smtp, n):
    with travel(cph(2026, 12, 7, 10, 0)):
        w = _mail_world(world, smtp.port)
        people = _three_citizens(w)
        killer = _Killer(build_channels(w.app), n)
        with pytest.raises(SystemExit):
            w.sweep(channels=killer.channels)
        assert len(smtp.messages) + len(w.sms()) + sum(len(w.notices(c)) for c in people) == n - 1
        w.sweep()
        w.sweep()
    _assert_each_once(w, smtp, people)


def _sweep_and_die(app, n, after=False):
    with travel(cph(2026, 12, 7, 10, 0)):
        from app.notify.sweep import sweep
        sweep(app, channels=_Killer(build_channels(app), n, hard=True, after=after).channels)


def _kill_a_sweep(w, n, after=False):
    child = multiprocessing.get_context("fork").Process(target=_sweep_and_die, args=(w.app, n, after))
    child.start()
    child.join(30)
    assert child.exitcode == 3


# Rows are handed over in this order: each citizen's in-app notice, e-mail, SMS.
@pytest.mark.parametrize("n", [1, 2, 3, 5, 8])
def test_process_killed_mid_sweep_then_restarted_sends_every_message_once(world, smtp, n):
    """Killed at the n-th hand-over, before handing it over. An in-app notice was not written (its
    transaction never committed) and goes at the next sweep; an e-mail or SMS row stays claimed
    ('sending') until its claim runs out, and then goes, once."""
    with travel(cph(2026, 12, 7, 10, 0)):
        w = _mail_world(world, smtp.port)
        people = _three_citizens(w)
    _kill_a_sweep(w, n)
    assert len(w.sent()) == n - 1
    claimed = w.outbox(status="sending")
    assert len(claimed) == (0 if n % 3 == 1 else 1)
    with travel(cph(2026, 12, 7, 10, 1)):
        w.sweep()
    assert w.outbox(status="sending") == claimed       # its claim has not run out yet
    assert len(w.sent()) == 9 - len(claimed)
    with travel(cph(2026, 12, 7, 10, 6)):
        w.sweep()
    _assert_each_once(w, smtp, people)


@pytest.mark.parametrize("n, channel", [(1, "inapp"), (2, "email"), (3, "sms")])
def test_process_killed_right_after_the_hand_over(world, smtp, n, channel):
    """Killed after the channel took the message but before the row was marked sent. In-app: the
    notice and the mark are one transaction, so neither happened and the notice comes once. E-mail
    and SMS: the message went; once the claim runs out it goes again with the SAME Message-ID or
    SMS reference, so the receiver can tell it is a repeat, and the row is then sent, once."""
    with travel(cph(2026, 12, 7, 10, 0)):
        w = _mail_world(world, smtp.port)
        people = _three_citizens(w)
    _kill_a_sweep(w, n, after=True)
    killed = w.outbox(people[0], channel=channel)[0]
    assert killed["status"] == ("pending" if channel == "inapp" else "sending")
    assert len(w.notices(people[0])) == (0 if channel == "inapp" else 1)
    with travel(cph(2026, 12, 7, 10, 1)):
        w.sweep()
    assert len(w.sent()) == (9 if channel == "inapp" else 8)
    with travel(cph(2026, 12, 7, 10, 6)):
        w.sweep()
        w.sweep()
    assert {r["status"] for r in w.outbox()} == {"sent"} and len(w.outbox()) == 9
    assert [len(w.notices(cid)) for cid in people] == [1, 1, 1]
    mails, texts = smtp.messages, w.sms()
    if channel == "email":
        repeated = smtp.to("c0@example.com")
        assert len(mails) == 4 and len(repeated) == 2
        assert repeated[0]["Message-ID"] == repeated[1]["Message-ID"] == message_id(killed["key"])
        assert len({m["Message-ID"] for m in mails}) == 3 and len(texts) == 3
    elif channel == "sms":
        refs = [t["ref"] for t in texts]
        assert len(texts) == 4 and refs.count(killed["key"]) == 2 and len(set(refs)) == 3
        assert len(mails) == 3
    else:
        assert len(mails) == 3 and len(texts) == 3
        assert w.sent(people[0], channel="inapp")[0]["attempts"] == 1
