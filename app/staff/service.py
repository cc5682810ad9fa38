"""What an administrator does to the municipality's accounts, and what a caseworker does to
their own password. Each change is one transaction with its audit entry (never the password,
nor its hash) and its idempotency claim; the sessions a change ends end in the same transaction.

- Disabling an account ends its sessions at once (and app/auth/sessions.py refuses a session of
  a disabled account anyway); the login refuses it with the same message as a wrong password.
- A password set by an administrator ends every session of that account.
- A caseworker's own new password ends their other sessions, not the one they changed it in.
- A new role needs no session to end: the role is read with the account on every request
  (app/auth/sessions.py), so the next page already sees it. A municipality always keeps an
  active administrator, or nobody could manage its accounts again."""
import sqlite3

from flask_babel import lazy_gettext as _l

from .. import audit, clock, idempotency
from ..auth import service as auth_service
from ..auth import sessions
from ..errors import UserError
from . import queries

ROLES = ("caseworker", "administrator")
NAME_MAX = 100


class StaffError(UserError):
    """A refusal the administrator should read (app/errors.py)."""


def _actor(admin) -> str:
    return f"caseworker:{admin.id}"


def _check_new_password(password: str, repeat: str | None, email: str | None, field: str = "password") -> None:
    problem = auth_service.password_problem(password, email)
    if problem:
        raise StaffError(problem, field)
    if repeat is not None and password != repeat:
        raise StaffError(_l("The two passwords are not the same. Type the new password twice."), "repeat")


def create(db, admin, *, name: str, email: str, role: str, password: str, submission_key: str) -> int:
    """A new active account in the administrator's municipality; returns its id."""
    name, email = (name or "").strip(), (email or "").strip()
    if not name or len(name) > NAME_MAX:
        raise StaffError(_l("Enter the name, at most %(num)s characters.", num=NAME_MAX), "name")
    if role not in ROLES:
        raise StaffError(_l("Choose a role."), "role")
    _check_new_password(password, None, email)
    password_hash = auth_service.hash_password(password)  # slow: before the write lock

    def work():
        if queries.email_taken(db, email):
            raise StaffError(_l("There is already an account with this e-mail address."), "email")
        try:
            staff_id = queries.insert_staff(db, admin.municipality_id, name, email, role, password_hash,
                                            clock.to_db(clock.now()))
        except sqlite3.IntegrityError:  # created by someone else since the check above
            raise StaffError(_l("There is already an account with this e-mail address."), "email") from None
        audit.record(db, actor_type="caseworker", actor_id=admin.id, action="staff_created", entity="caseworker",
                     entity_id=staff_id, municipality_id=admin.municipality_id,
                     after={"name": name, "role": role, "active": True})
        return {"id": staff_id}
    return idempotency.once(db, submission_key, _actor(admin), "staff_create", work).result["id"]


def set_active(db, admin, member: dict, *, active: bool, submission_key: str) -> None:
    """Disable (its sessions end now) or re-enable an account of the municipality; never one's own."""
    if member["id"] == admin.id:
        raise StaffError(_l("You cannot disable your own account. Ask another administrator."))
    action = "staff_enabled" if active else "staff_disabled"

    def work():
        current = db.execute("SELECT active FROM caseworkers WHERE id = ?", [member["id"]]).fetchone()[0]
        if bool(current) == active:
            return {"changed": False}  # already so (another administrator, another tab): nothing to record
        queries.set_active(db, member["id"], admin.municipality_id, active, clock.to_db(clock.now()))
        if not active:
            sessions.end_caseworker_sessions(db, member["id"])
        audit.record(db, actor_type="caseworker", actor_id=admin.id, action=action, entity="caseworker",
                     entity_id=member["id"], municipality_id=admin.municipality_id,
                     before={"active": bool(current)}, after={"active": active})
        return {"changed": True}
    idempotency.once(db, submission_key, _actor(admin), f"{action}:{member['id']}", work)


def set_role(db, admin, member: dict, *, role: str, submission_key: str) -> bool:
    """Make an account of the municipality a caseworker or an administrator; one's own too, as long
    as another active administrator remains. True if the role changed."""
    if role not in ROLES:
        raise StaffError(_l("Choose a role."), "role")

    def work():
        # Read again under the write lock: another administrator may have acted since the page.
        current = db.execute("SELECT role, active FROM caseworkers WHERE id = ?", [member["id"]]).fetchone()
        if current["role"] == role:
            return {"changed": False}
        if current["role"] == "administrator" and current["active"] and \
                queries.other_active_administrators(db, admin.municipality_id, member["id"]) == 0:
            if member["id"] == admin.id:
                raise StaffError(_l("You are the last active administrator of the municipality. Make another "
                                    "account an administrator first, then change your own role."), "role")
            raise StaffError(_l("%(name)s is the last active administrator of the municipality. Make another "
                                "account an administrator first.", name=member["name"]), "role")
        queries.set_role(db, member["id"], admin.municipality_id, role, clock.to_db(clock.now()))
        audit.record(db, actor_type="caseworker", actor_id=admin.id, action="staff_role_changed", entity="caseworker",
                     entity_id=member["id"], municipality_id=admin.municipality_id,
                     before={"role": current["role"]}, after={"role": role})
        return {"changed": True}
    return idempotency.once(db, submission_key, _actor(admin), f"staff_role:{member['id']}", work).result["changed"]


def set_password(db, admin, member: dict, *, password: str, repeat: str, submission_key: str) -> None:
    """An administrator sets a new password for an account; every session of it ends."""
    _check_new_password(password, repeat, member["email"])
    password_hash = auth_service.hash_password(password)

    def work():
        queries.set_password_hash(db, member["id"], admin.municipality_id, password_hash, clock.to_db(clock.now()))
        ended = sessions.end_caseworker_sessions(db, member["id"],
                                                 keep_token=None if member["id"] != admin.id else _own_token())
        audit.record(db, actor_type="caseworker", actor_id=admin.id, action="staff_password_set", entity="caseworker",
                     entity_id=member["id"], municipality_id=admin.municipality_id,
                     after={"password": "changed", "sessions_ended": ended})
        return {"done": True}
    idempotency.once(db, submission_key, _actor(admin), f"staff_password:{member['id']}", work)


def change_own_password(db, user, *, current: str, password: str, repeat: str, submission_key: str,
                        keep_token: str | None) -> None:
    """A caseworker's own new password, after the current one; their other sessions end."""
    if idempotency.was_sent(db, submission_key, _actor(user), "own_password"):
        return  # a double click: the current password has changed since, and that is no error
    row = db.execute("SELECT password_hash, email FROM caseworkers WHERE id = ? AND active = 1", [user.id]).fetchone()
    if row is None or not auth_service.verify_password(row["password_hash"], current or ""):
        raise StaffError(_l("The current password is wrong."), "current")
    if password == current:
        raise StaffError(_l("Choose a new password that is not the same as the current one."), "password")
    _check_new_password(password, repeat, row["email"])
    password_hash = auth_service.hash_password(password)

    def work():
        queries.set_password_hash(db, user.id, user.municipality_id, password_hash, clock.to_db(clock.now()))
        ended = sessions.end_caseworker_sessions(db, user.id, keep_token=keep_token)
        audit.record(db, actor_type="caseworker", actor_id=user.id, action="own_password_changed",
                     entity="caseworker", entity_id=user.id, municipality_id=user.municipality_id,
                     after={"password": "changed", "sessions_ended": ended})
        return {"done": True}
    idempotency.once(db, submission_key, _actor(user), "own_password", work)


def _own_token():
    from flask import session
    return session.get(sessions.COOKIE_KEY)
