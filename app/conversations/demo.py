"""Demo data for conversations: open booking invitations for a couple of self-booking citizens,
a pending format request, a registered cancellation, an interpreter already ordered, and a few
ratings, so both the citizen's and the caseworker's pages have something to show."""
from datetime import timedelta

from .. import clock
from ..workdays import next_working_day
from ..rules import rules_for
from .booking import may_self_book

# Citizens asked to book (chosen where their rules allow self-booking on the demo date).
INVITED = ("Lars Christensen", "Ali Hassan", "Mette Jensen", "Hanne Larsen")


def _citizen(db, citizen_id: int) -> dict:
    return dict(db.execute("SELECT * FROM citizens WHERE id = ?", [citizen_id]).fetchone())


def _conversation(db, citizen_id: int, **where) -> dict | None:
    sql = "SELECT * FROM conversations WHERE citizen_id = ?" + "".join(f" AND {k} = ?" for k in where)
    row = db.execute(sql + " ORDER BY starts_at LIMIT 1", [citizen_id, *where.values()]).fetchone()
    return dict(row) if row else None


def extend(db, ctx: dict) -> None:
    today, now = ctx["today"], ctx["now"]
    now_s = clock.to_db(now)
    ids = ctx["citizen_ids"]
    anne = ctx["worker_ids"]["anne@fjordby.example"]

    # The first conversation (and any kind the rules say the jobcenter summons) is a summons,
    # never self-booked: flag the demo's own so (e.g. Hanne Larsen's first follow-up).
    for citizen_id in ids.values():
        rules = rules_for(_citizen(db, citizen_id)["target_group"], today)
        kinds = sorted(rules.summoned_kinds | {rules.first_conversation_kind})
        db.execute(f"UPDATE conversations SET summoned = 1 WHERE citizen_id = ? AND held_by = 'jobcenter'"
                   f" AND kind IN ({','.join('?' for _ in kinds)})", [citizen_id, *kinds])

    # Open invitations: deadline at least the rules' minimum ahead, times over the next three weeks.
    invited = 0
    for name in INVITED:
        if invited == 2 or name not in ids:
            continue
        citizen = _citizen(db, ids[name])
        rules = rules_for(citizen["target_group"], today)
        if not may_self_book(citizen, rules):
            continue
        kind = "job" if rules.sick is None else "followup"
        deadline = next_working_day(today + timedelta(days=rules.self_booking_min_days + 2))
        db.execute(
            "INSERT INTO booking_invitations (citizen_id, municipality_id, caseworker_id, kind, held_by, deadline,"
            " window_start, window_end, prepare, status, created_at, updated_at)"
            " VALUES (?,?,?,?, 'jobcenter', ?,?,?,?, 'open', ?, ?)",
            [citizen["id"], citizen["municipality_id"], anne, kind, deadline.isoformat(),
             (today + timedelta(days=1)).isoformat(), (today + timedelta(days=20)).isoformat(),
             "Tænk over, hvad du gerne vil tale om.", now_s, now_s])
        invited += 1

    # A pending request: a first conversation wished by phone for an exceptional reason.
    if "Jonas Madsen" in ids:
        first = _conversation(db, ids["Jonas Madsen"], status="booked", kind="first")
        if first:
            db.execute(
                "INSERT INTO format_requests (conversation_id, citizen_id, municipality_id, from_format, to_format,"
                " reason, status, created_at) VALUES (?,?,?, 'in_person', 'phone', ?, 'pending', ?)",
                [first["id"], first["citizen_id"], first["municipality_id"],
                 "Jeg har brækket benet og kan ikke komme ud af huset de næste uger.",
                 clock.to_db(now - timedelta(hours=20))])
            db.execute("UPDATE conversations SET phone_number = (SELECT phone FROM citizens WHERE id = ?) WHERE id = ?",
                       [first["citizen_id"], first["id"]])

    # The registered cancellation (sick, the day before).
    if "Hanne Larsen" in ids:
        cancelled = _conversation(db, ids["Hanne Larsen"], status="cancelled_citizen")
        if cancelled:
            at = clock.to_db(clock.from_db(cancelled["starts_at"]) - timedelta(hours=20))
            db.execute("UPDATE conversations SET cancel_reason = 'sickness', cancelled_at = ?, sequence = 1"
                       " WHERE id = ?", [at, cancelled["id"]])

    # The interpreter for Yusuf's summoned conversation is ordered already.
    if "Yusuf Ahmadi" in ids:
        db.execute("UPDATE conversations SET interpreter = 'arabisk', interpreter_ordered_at = ?"
                   " WHERE citizen_id = ? AND status = 'booked'", [now_s, ids["Yusuf Ahmadi"]])

    # Ratings of held conversations: the caseworker sees only the totals.
    for rating, (name, comment) in zip((5, 4, 6), (("Mette Jensen", "Godt at få en plan."), ("Mette Jensen", None),
                                                  ("Ali Hassan", "Rar og konkret samtale."))):
        if name not in ids:
            continue
        row = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'held' AND rating IS NULL"
                         " ORDER BY starts_at LIMIT 1", [ids[name]]).fetchone()
        if row:
            db.execute("UPDATE conversations SET rating = ?, rating_comment = ?, rated_at = ? WHERE id = ?",
                       [rating, comment, clock.to_db(now - timedelta(days=2)), row["id"]])
