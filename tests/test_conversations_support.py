"""Helpers for the conversations tests (no tests here): published times, invitations, pages."""
import secrets
from datetime import date, datetime, timedelta

from bs4 import BeautifulSoup

from app import clock
from app.auth.queries import citizen_by_id

from .conftest import citizen_id, csrf_token_from


def english(client):
    """Switch to English as the footer does: a POST, with the page's CSRF token (some apps check it)."""
    token = csrf_token_from(client.get("/tilgaengelighed").data)
    client.post("/sprog/en", data={"next": "/log-ind", "csrf_token": token})


def citizen(db, name: str) -> dict:
    return dict(citizen_by_id(db, citizen_id(db, name)))


def key() -> str:
    return secrets.token_urlsafe(18)


def text(response) -> str:
    soup = BeautifulSoup(response.data, "html.parser")
    main = soup.find("main") or soup
    return " ".join(main.get_text(" ").split())


def municipality_id(db, code: str = "901") -> int:
    return db.execute("SELECT id FROM municipalities WHERE code = ?", [code]).fetchone()[0]


def worker_id(db, email: str = "anne@fjordby.example") -> int:
    return db.execute("SELECT id FROM caseworkers WHERE email = ?", [email]).fetchone()[0]


def make_slot(db, starts: datetime, *, code: str = "901", formats: str = "in_person,phone,video",
              minutes: int = 45, status: str = "open", worker: str = "anne@fjordby.example") -> int:
    return db.execute(
        "INSERT INTO slots (municipality_id, caseworker_id, starts_at, ends_at, formats, location, status, created_at)"
        " VALUES (?,?,?,?,?, 'Havnegade 12, 9999 Fjordby', ?, ?)",
        [municipality_id(db, code), worker_id(db, worker) if worker else None, clock.to_db(starts),
         clock.to_db(starts + timedelta(minutes=minutes)), formats, status, clock.to_db(clock.now())]).lastrowid


def at_local(days: int, hour: int, minute: int = 0) -> datetime:
    return clock.local_datetime(clock.today() + timedelta(days=days), hour, minute)


def invite(db, person: dict, *, start: date | None = None, end: date | None = None, deadline: date | None = None,
           kind: str = "job") -> int:
    """A fresh open invitation (closing the demo's own open ones for this citizen)."""
    today = clock.today()
    db.execute("UPDATE booking_invitations SET status = 'withdrawn' WHERE citizen_id = ? AND status = 'open'",
               [person["id"]])
    return db.execute(
        "INSERT INTO booking_invitations (citizen_id, municipality_id, kind, held_by, deadline, window_start,"
        " window_end, status, created_at, updated_at) VALUES (?,?,?, 'jobcenter', ?,?,?, 'open', 'x', 'x')",
        [person["id"], person["municipality_id"], kind, (deadline or today + timedelta(days=10)).isoformat(),
         (start or today).isoformat(), (end or today + timedelta(days=21)).isoformat()]).lastrowid


def only_slot(db, starts: datetime, **kwargs) -> int:
    """Withdraw every published time, then publish just this one."""
    db.execute("UPDATE slots SET status = 'withdrawn'")
    return make_slot(db, starts, **kwargs)


def audit_actions(db, entity_id: int, entity: str = "conversation") -> list[str]:
    return [r[0] for r in db.execute("SELECT action FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id",
                                     [entity, entity_id])]


def free_calendar(db, person: dict) -> None:
    """Cancel the citizen's upcoming demo conversations. A test that publishes times at hours
    relative to its instant would otherwise meet one of them on some days ("You already have a
    conversation at that time"), whatever the code does."""
    db.execute("UPDATE conversations SET status = 'cancelled_jobcenter' WHERE citizen_id = ? AND status = 'booked'",
               [person["id"]])


def day_of(db, slot_id: int) -> str:
    """The Copenhagen day of a published time, as the booking day list links it (?dag=)."""
    starts = db.execute("SELECT starts_at FROM slots WHERE id = ?", [slot_id]).fetchone()[0]
    return clock.local(clock.from_db(starts)).date().isoformat()
