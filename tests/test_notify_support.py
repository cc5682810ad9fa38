"""Shared helpers for the notify tests: an app on a fresh database with only what a test
creates (SQL, as the other areas would write it), a real SMTP server, and a sweep runner."""
import email
import json
import secrets
import socket
from datetime import date, datetime, timedelta
from email.policy import default as default_policy

import pytest
import time_machine

from app import clock, create_app
from app.db import connect
from app.notify.sweep import sweep

CPH = clock.LOCAL_TZ
PUBLIC_URL = "https://minplan.example"


def cph(year, month, day, hour=0, minute=0) -> datetime:
    """Copenhagen wall time as an aware datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=CPH)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps every message; refuses recipients starting with 'bounce'."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


def make_app(tmp_path, **overrides):
    config = {"TESTING": True, "ENV_NAME": "test", "SECRET_KEY": "notify-test", "WTF_CSRF_ENABLED": False,
              "DATABASE": str(tmp_path / "notify.sqlite"), "PUBLIC_URL": PUBLIC_URL,
              "MAIL_ENABLED": False, "SMS_BACKEND": "file", "SMS_FILE": str(tmp_path / "sms.log")}
    config.update(overrides)
    return create_app(config)


class World:
    """Rows written the way the conversations and joblog areas write them."""

    def __init__(self, app):
        self.app = app
        self.db = connect(app.config["DATABASE"])
        stamp = "2026-01-01T00:00:00Z"
        self.municipality_id = self.db.execute(
            "INSERT INTO municipalities (code, name, jobcenter_name, phone, address) VALUES"
            " ('901', 'Fjordby Kommune', 'Jobcenter Fjordby', '70 10 20 30', 'Havnegade 12, 9999 Fjordby')").lastrowid
        self._stamp = stamp

    def close(self):
        self.db.conn.close()

    def now(self) -> str:
        return clock.to_db(clock.now())

    def citizen(self, name, *, group="kontanthjaelp_aktivitetsparat", language="da", email=None, phone=None,
                notify_email=True, notify_sms=False) -> int:
        return self.db.execute(
            "INSERT INTO citizens (municipality_id, cpr, name, target_group, group_since, email, phone,"
            " preferred_language, notify_email, notify_sms, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [self.municipality_id, f"{secrets.randbelow(10**10):010d}", name, group, "2026-01-01", email, phone,
             language, int(notify_email), int(notify_sms), self._stamp, self._stamp]).lastrowid

    def conversation(self, citizen_id, starts: datetime, *, fmt="in_person", status="booked", kind="job",
                     location="Jobcenter Fjordby, Havnegade 12, 9999 Fjordby", video_url=None, phone_number=None,
                     created_at=None) -> int:
        return self.db.execute(
            "INSERT INTO conversations (citizen_id, municipality_id, held_by, kind, starts_at, ends_at, format,"
            " location, video_url, phone_number, status, uid, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [citizen_id, self.municipality_id, "jobcenter", kind, clock.to_db(starts),
             clock.to_db(starts + timedelta(minutes=45)), fmt, location if fmt == "in_person" else None,
             video_url, phone_number, status, f"c-{secrets.token_hex(6)}@test",
             created_at or self.now(), self.now()]).lastrowid

    def audit(self, action, entity, entity_id, citizen_id, *, after, before=None, actor_type="citizen") -> int:
        return self.db.execute(
            "INSERT INTO audit_log (at, actor_type, actor_id, action, entity, entity_id, citizen_id,"
            " municipality_id, before, after) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [self.now(), actor_type, None, action, entity, entity_id, citizen_id, self.municipality_id,
             json.dumps(before) if before else None, json.dumps(after)]).lastrowid

    def book(self, citizen_id, starts: datetime, **kwargs) -> int:
        """A self-booking, as conversations.book writes it: the row and its audit entry."""
        conversation_id = self.conversation(citizen_id, starts, **kwargs)
        row = self.row(conversation_id)
        self.audit("conversation_booked", "conversation", conversation_id, citizen_id,
                   after={"starts_at": row["starts_at"], "format": row["format"], "status": "booked"})
        return conversation_id

    def rebook(self, conversation_id, new_starts: datetime):
        old = self.row(conversation_id)
        self.db.execute("UPDATE conversations SET starts_at = ?, ends_at = ?, sequence = sequence + 1 WHERE id = ?",
                        [clock.to_db(new_starts), clock.to_db(new_starts + timedelta(minutes=45)), conversation_id])
        self.audit("conversation_rebooked", "conversation", conversation_id, old["citizen_id"],
                   before={"starts_at": old["starts_at"]},
                   after={"starts_at": clock.to_db(new_starts), "format": old["format"], "status": "booked"})

    def cancel(self, conversation_id, *, by_jobcenter=False):
        row = self.row(conversation_id)
        status = "cancelled_jobcenter" if by_jobcenter else "cancelled_citizen"
        self.db.execute("UPDATE conversations SET status = ?, cancelled_at = ? WHERE id = ?",
                        [status, self.now(), conversation_id])
        after = {"starts_at": row["starts_at"], "format": row["format"], "status": status}
        if not by_jobcenter:
            after.update(cancel_reason="sick", cancel_text=None, cancelled_at=self.now())
        self.audit("conversation_cancelled_by_jobcenter" if by_jobcenter else "conversation_cancelled",
                   "conversation", conversation_id, row["citizen_id"], after=after,
                   actor_type="caseworker" if by_jobcenter else "citizen")

    def invitation(self, citizen_id, deadline: date, *, status="open") -> int:
        return self.db.execute(
            "INSERT INTO booking_invitations (citizen_id, municipality_id, kind, deadline, window_start,"
            " window_end, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            [citizen_id, self.municipality_id, "job", deadline.isoformat(), deadline.isoformat(),
             (deadline + timedelta(days=14)).isoformat(), status, self.now(), self.now()]).lastrowid

    def joblog_entry(self, citizen_id, applied_on: date):
        self.db.execute(
            "INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, created_at, updated_at)"
            " VALUES (?, 'advertised', 'Fjordby Lager', 'Lagermedarbejder', ?, ?, ?)",
            [citizen_id, applied_on.isoformat(), self.now(), self.now()])

    def row(self, conversation_id) -> dict:
        return dict(self.db.execute("SELECT * FROM conversations WHERE id = ?", [conversation_id]).fetchone())

    # ------------------------------------------------------------ what was sent
    def sweep(self, channels=None):
        return sweep(self.app, channels=channels)

    def outbox(self, citizen_id=None, **where) -> list[dict]:
        clauses, args = [], []
        if citizen_id is not None:
            clauses.append("citizen_id = ?")
            args.append(citizen_id)
        for column, value in where.items():
            clauses.append(f"{column} = ?")
            args.append(value)
        sql = "SELECT * FROM notify_outbox" + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY id"
        return [dict(r) for r in self.db.query(sql, args)]

    def sent(self, citizen_id=None, **where) -> list[dict]:
        return self.outbox(citizen_id, status="sent", **where)

    def notices(self, citizen_id) -> list[dict]:
        return [dict(r) for r in self.db.query("SELECT * FROM notices WHERE citizen_id = ? ORDER BY id", [citizen_id])]

    def sms(self) -> list[dict]:
        path = self.app.config["SMS_FILE"]
        try:
            with open(path, encoding="utf-8") as handle:
                return [json.loads(line) for line in handle if line.strip()]
        except FileNotFoundError:
            return []


@pytest.fixture
def world(tmp_path):
    created = []

    def build(**overrides):
        w = World(make_app(tmp_path / f"w{len(created)}", **overrides) if created else make_app(tmp_path, **overrides))
        created.append(w)
        return w

    yield build
    for w in created:
        w.close()


def travel(when: datetime):
    return time_machine.travel(when, tick=False)
