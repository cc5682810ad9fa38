"""An orderly stop of the reminder process: a real `flask reminders run` (or `sweep`) process, a
real SMTP server and a real SQLite file. SIGTERM or SIGINT arrives while an e-mail is being handed
over; the process finishes that message, marks it sent, takes no more, and exits. Started again, it
sends the rest: each due reminder arrives exactly once."""
import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import time_machine

from app import clock

from .conftest import personal_data_in
from .test_notify_support import PUBLIC_URL, Inbox, cph, free_port, world  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[1]
CLAIM_SECONDS = 3  # short, so a message left claimed by a killed process would come again in the test


class GatedInbox(Inbox):
    """Holds the reply to the first message until the test opens the gate: the sender is then
    in the middle of handing it over (the server has it; the sender has not heard back)."""

    def __init__(self):
        super().__init__()
        self.holding = threading.Event()
        self.gate = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        if len(self.messages) == 1:
            self.holding.set()
            while not self.gate.is_set():
                await asyncio.sleep(0.02)
        return reply


@pytest.fixture
def gated_smtp():
    from aiosmtpd.controller import Controller
    inbox = GatedInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    inbox.gate.set()
    controller.stop()


def _config(w, port) -> dict:
    return {"ENV_NAME": "test", "SECRET_KEY": "stop-test", "DATABASE": w.app.config["DATABASE"],
            "PUBLIC_URL": PUBLIC_URL, "MAIL_ENABLED": True, "MAIL_HOST": "127.0.0.1", "MAIL_PORT": port,
            "MAIL_TIMEOUT": 10, "SMS_BACKEND": "", "REMINDER_SWEEP_SECONDS": 1,
            "NOTIFY_CLAIM_SECONDS": CLAIM_SECONDS}


class Reminders:
    """`flask reminders <command>` as a process of its own, at the test's instant."""

    def __init__(self, config: dict, log: Path, command: str):
        env = {**os.environ, "FLASK_APP": f"app:create_app({config!r})", "PYTHONUNBUFFERED": "1"}
        self.log = log
        self.handle = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.flask_at", clock.now().isoformat(), "reminders", command],
            cwd=ROOT, env=env, stdout=self.handle, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log.read_text()

    def wait_for_output(self, text: str, timeout: float = 30):
        """Until the process has written `text`, or has ended."""
        _wait_until(lambda: text in self.output() or self.process.poll() is not None, timeout, self.output)

    def stop(self, signum) -> int:
        self.process.send_signal(signum)
        return self.wait()

    def wait(self, timeout: float = 30) -> int:
        try:
            return self.process.wait(timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.handle.close()


def _wait_until(condition, timeout: float = 60, explain=lambda: ""):
    """Poll `condition` for up to `timeout` seconds (counted in sleeps: no clock is read)."""
    step = 0.05
    for _ in range(int(timeout / step)):
        if condition():
            return
        time.sleep(step)
    assert condition(), explain()


@pytest.mark.timed_waits_across_processes
@pytest.mark.parametrize("command, signum", [("run", signal.SIGTERM), ("run", signal.SIGINT),
                                             ("sweep", signal.SIGTERM)])
def test_stopped_mid_hand_over_then_restarted_sends_each_reminder_once(world, gated_smtp, tmp_path,
                                                                       command, signum):
    with time_machine.travel(cph(2026, 12, 7, 10, 0), tick=True):  # reminders for tomorrow are due
        w = world(MAIL_ENABLED=True, MAIL_HOST="127.0.0.1", MAIL_PORT=gated_smtp.port)
        people = [w.citizen(f"C{i}", email=f"c{i}@example.com") for i in range(3)]
        for cid in people:
            w.conversation(cid, cph(2026, 12, 8, 10), created_at="2026-12-01T00:00:00Z")
        config = _config(w, gated_smtp.port)

        first = Reminders(config, tmp_path / "first.log", command)
        assert gated_smtp.holding.wait(30), first.output()  # the first e-mail is being handed over
        first.process.send_signal(signum)
        first.wait_for_output("finishing the message in hand")  # or it has died on the spot
        gated_smtp.gate.set()
        first_exit = first.wait()
        after_first = {(r["citizen_id"], r["channel"]): r["status"] for r in w.outbox()}
        mails_after_first = [m["To"] for m in gated_smtp.messages]

        second = Reminders(config, tmp_path / "second.log", command)
        if command == "run":
            # Until every row is sent: a claim left behind by a killed process would run out
            # (CLAIM_SECONDS) and its e-mail go again meanwhile.
            _wait_until(lambda: {r["status"] for r in w.outbox()} == {"sent"})
            second_exit = second.stop(signal.SIGTERM)
        else:
            second_exit = second.wait()

    # Each due reminder arrived exactly once.
    assert sorted(m["To"] for m in gated_smtp.messages) == ["c0@example.com", "c1@example.com", "c2@example.com"]
    assert len({m["Message-ID"] for m in gated_smtp.messages}) == 3
    assert [len(w.notices(cid)) for cid in people] == [1, 1, 1]
    assert {r["status"] for r in w.outbox()} == {"sent"} and len(w.outbox()) == 6
    # The first process stopped in an orderly way: it finished the message in hand, took no more.
    assert first_exit == 0 and second_exit == 0, first.output() + second.output()
    assert mails_after_first == ["c0@example.com"]
    assert after_first[(people[0], "email")] == "sent" and "sending" not in after_first.values()
    assert {after_first[(cid, channel)] for cid in people[1:] for channel in ("inapp", "email")} == {"pending"}


@pytest.mark.timed_waits_across_processes
def test_killed_mid_hand_over_then_restarted_repeats_at_most_that_message_with_its_message_id(
        world, gated_smtp, tmp_path):
    """SIGKILL (no orderly stop) while the first e-mail is being handed over: the SMTP server has
    it, the row stays claimed. The next process sends the others once, and the claimed one again
    only after its claim runs out, with the same Message-ID, so at most once more."""
    with time_machine.travel(cph(2026, 12, 7, 10, 0), tick=True):
        w = world(MAIL_ENABLED=True, MAIL_HOST="127.0.0.1", MAIL_PORT=gated_smtp.port)
        people = [w.citizen(f"C{i}", email=f"c{i}@example.com") for i in range(3)]
        for cid in people:
            w.conversation(cid, cph(2026, 12, 8, 10), created_at="2026-12-01T00:00:00Z")
        config = _config(w, gated_smtp.port)

        first = Reminders(config, tmp_path / "first.log", "run")
        assert gated_smtp.holding.wait(30), first.output()
        first.process.send_signal(signal.SIGKILL)
        assert first.wait() == -signal.SIGKILL
        gated_smtp.gate.set()
        killed = [r for r in w.outbox(people[0]) if r["channel"] == "email"][0]
        assert killed["status"] == "sending"  # handed over, never marked

        second = Reminders(config, tmp_path / "second.log", "run")
        _wait_until(lambda: {r["status"] for r in w.outbox()} == {"sent"})
        assert second.stop(signal.SIGTERM) == 0, second.output()

    by_address = {address: [m for m in gated_smtp.messages if m["To"] == address]
                  for address in ("c0@example.com", "c1@example.com", "c2@example.com")}
    assert len(by_address["c1@example.com"]) == 1 and len(by_address["c2@example.com"]) == 1
    repeated = by_address["c0@example.com"]
    assert 1 <= len(repeated) <= 2                                  # at most once more after the kill
    assert len({m["Message-ID"] for m in repeated}) == 1            # ... with the same Message-ID
    assert len({m["Message-ID"] for m in gated_smtp.messages}) == 3
    assert [len(w.notices(cid)) for cid in people] == [1, 1, 1]     # in-app: exactly once
    assert len(w.outbox()) == 6
    assert "notify: sent" in second.output()
    assert personal_data_in((first.output() + second.output()).splitlines()) == []  # the scheduler's log
