"""A municipality-sized database, built fast with bulk SQL (INSERT ... SELECT over a numbers table).

One municipality ("901", the demo's Fjordby, with the demo data kept) gets N generated citizens
with the target groups in roughly the shares a Danish jobcenter has, and for each of them: a
plan with goals, activities, conversations over the last two years and one to come for most,
joblog entries for the groups with a joblog duty, notices, audit entries, a sick-leave case for
the sick-listed. `prepare_sessions` then gives the citizens the load logs in as a booked
conversation and two published times of their own, so the booking POST can move it back and forth.

Usage: .venv/bin/python -m bench.generate PATH N
"""
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app import clock, demo  # noqa: E402
from app.auth.service import hash_password  # noqa: E402
from app.db import connect, migrate  # noqa: E402
from app.rules import rules_for  # noqa: E402

# Target groups in per-mille of a municipality's citizens (rough shares of STAR's jobindsats
# figures for a mid-sized municipality; SETTING for the benchmark, not a rule).
GROUP_SHARES = [
    ("dagpenge", 250), ("sygedagpenge", 250), ("kontanthjaelp_aktivitetsparat", 120),
    ("kontanthjaelp_jobparat", 70), ("kontanthjaelp_uddannelsesparat", 40),
    ("kontanthjaelp_aabenlyst_uddannelsesparat", 10), ("uddannelseshjaelp", 30),
    ("ledighedsydelse", 60), ("ressourceforloeb", 50), ("jobafklaringsforloeb", 50),
    ("revalidering", 10), ("integration", 60),
]
EXTRA_CASEWORKERS = 40
PASSWORD = demo.DEMO_PASSWORD


def _groups_sql() -> str:
    """A CASE over id % 1000 that hands out the groups in their shares."""
    parts, upto = [], 0
    for group, share in GROUP_SHARES:
        upto += share
        parts.append(f"WHEN (c.n * 7919) % 1000 < {upto} THEN '{group}'")
    return "CASE " + " ".join(parts) + " ELSE 'dagpenge' END"


def build(path: str, citizens: int) -> dict:
    started = time.perf_counter()
    Path(path).unlink(missing_ok=True)
    db = connect(path)
    migrate(db)
    demo.load(db)
    conn = db.conn
    mun = conn.execute("SELECT id FROM municipalities WHERE code = '901'").fetchone()[0]
    now = clock.now()
    now_s = clock.to_db(now)
    today = clock.today().isoformat()
    password_hash = hash_password(PASSWORD)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    # A bulk load, as an import would do it: the triggers that keep the counts and the caseworker
    # indexes up to date row by row are set aside, and what they keep is computed once at the end.
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                            " AND (name LIKE '%watch%' OR name LIKE 'citizen_group_counts%')").fetchall()
    for name, _sql in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO caseworkers (municipality_id, name, email, password_hash, active, created_at)"
        " VALUES (?,?,?,?,1,?)",
        [(mun, f"Bench Sagsbehandler {i}", f"bench{i}@fjordby.example", password_hash, now_s)
         for i in range(EXTRA_CASEWORKERS)])
    workers = [r[0] for r in conn.execute("SELECT id FROM caseworkers WHERE municipality_id = ?", [mun])]
    conn.execute("CREATE TEMP TABLE n (n INTEGER PRIMARY KEY)")
    conn.execute(f"WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < {citizens - 1})"
                 " INSERT INTO n SELECT n FROM s")
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM citizens").fetchone()[0]
    # Citizens: ids first .. first+N-1 in order, so c.id - first is the citizen's number.
    conn.execute(
        "INSERT INTO citizens (id, municipality_id, cpr, name, target_group, group_since, email, phone,"
        " preferred_language, notify_email, notify_sms, created_at, updated_at, employment_status)"
        f" SELECT {first} + c.n, ?, printf('%010d', 8000000000 + c.n), 'Bench Borger ' || c.n, {_groups_sql()},"
        " date(?, '-' || ((c.n * 31) % 700) || ' days'),"
        " CASE WHEN c.n % 5 THEN 'borger' || c.n || '@example.com' END, printf('2%07d', c.n),"
        " CASE WHEN c.n % 10 = 0 THEN 'en' ELSE 'da' END, 1, c.n % 3 = 0, ?, ?,"
        " CASE WHEN c.n % 4 THEN 'employed' ELSE 'unemployed' END"
        " FROM n c", [mun, today, now_s, now_s])
    last = first + citizens - 1
    rng = f"c.id BETWEEN {first} AND {last}"
    conn.execute(f"INSERT INTO plans (citizen_id, next_step, updated_at) SELECT c.id,"
                 f" CASE WHEN c.id % 3 = 0 THEN 'Søg to job om ugen.' END, ? FROM citizens c WHERE {rng}", [now_s])
    conn.execute("INSERT INTO goals (plan_id, kind, title, note, position) SELECT p.id,"
                 " CASE WHEN p.id % 7 = 0 THEN 'education' ELSE 'job' END, 'Lagermedarbejder', NULL, 0"
                 f" FROM plans p JOIN citizens c ON c.id = p.citizen_id WHERE {rng}")
    conn.execute(
        "INSERT INTO activities (citizen_id, kind, title, provider, status, starts_on, ends_on, hours_per_week)"
        " SELECT c.id, 'kursus', 'Kursus ' || k.n, 'AMU Fjordby',"
        " CASE (c.id + k.n) % 3 WHEN 0 THEN 'planned' WHEN 1 THEN 'active' ELSE 'completed' END,"
        " date(?, ((c.id * 13 + k.n * 40) % 300 - 200) || ' days'),"
        " date(?, ((c.id * 13 + k.n * 40) % 300 - 140) || ' days'), 20"
        f" FROM citizens c JOIN n k ON k.n < (c.id % 4) WHERE {rng}", [today, today])
    # Past conversations over two years (2-11 a citizen), and one to come for 60 %.
    workers_sql = "CASE (c.id + k.n) % {0} {1} END".format(
        len(workers), " ".join(f"WHEN {i} THEN {w}" for i, w in enumerate(workers)))
    conv_cols = ("citizen_id, municipality_id, caseworker_id, held_by, kind, starts_at, ends_at, format,"
                 " status, summoned, summary, next_step, sequence, created_at, updated_at, uid")
    starts = "strftime('%Y-%m-%dT%H:%M:%SZ', ?, '-' || (1 + (c.id * 37 + k.n * 71) % 730) || ' days', '-' || ((c.id + k.n) % 6) || ' hours')"
    conn.execute(
        f"INSERT INTO conversations ({conv_cols}) SELECT c.id, ?, {workers_sql}, 'jobcenter',"
        " CASE WHEN c.target_group = 'sygedagpenge' THEN 'followup' ELSE 'job' END,"
        f" {starts}, strftime('%Y-%m-%dT%H:%M:%SZ', {starts}, '+45 minutes'),"
        " CASE (c.id + k.n) % 3 WHEN 0 THEN 'in_person' WHEN 1 THEN 'phone' ELSE 'video' END,"
        " CASE (c.id * 3 + k.n) % 10 WHEN 0 THEN 'missed' WHEN 1 THEN 'cancelled_citizen' ELSE 'held' END,"
        " 0, 'Vi talte om dine mål og aftalte næste skridt.', 'Søg job.', 0, ?, ?, 'bench-' || c.id || '-' || k.n"
        f" FROM citizens c JOIN n k ON k.n < 2 + (c.id % 10) WHERE {rng}",
        [mun, now_s, now_s, now_s, now_s])
    upcoming = ("strftime('%Y-%m-%dT%H:%M:%SZ', date(?, '+' || (2 + c.id % 50) || ' days'),"
                " '+' || (7 + c.id % 6) || ' hours')")
    conn.execute(
        f"INSERT INTO conversations ({conv_cols}) SELECT c.id, ?, {workers_sql.replace('k.n', '0')}, 'jobcenter',"
        " CASE WHEN c.target_group = 'sygedagpenge' THEN 'followup' ELSE 'job' END,"
        f" {upcoming}, strftime('%Y-%m-%dT%H:%M:%SZ', {upcoming}, '+45 minutes'),"
        " CASE c.id % 3 WHEN 0 THEN 'in_person' WHEN 1 THEN 'phone' ELSE 'video' END,"
        " 'booked', 0, NULL, NULL, 0, ?, ?, 'bench-' || c.id || '-next'"
        f" FROM citizens c WHERE {rng} AND c.id % 5 < 3", [mun, today, today, now_s, now_s])
    # Joblog entries for the groups with a joblog duty: 0-59 over the last year.
    duty = [g for g, _ in GROUP_SHARES if rules_for(g, clock.today()).joblog is not None]
    groups_in = ", ".join(f"'{g}'" for g in duty)
    conn.execute(
        "INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, source, status,"
        " created_at, updated_at) SELECT c.id, CASE k.n % 4 WHEN 0 THEN 'unsolicited' ELSE 'advertised' END,"
        " 'Firma ' || ((c.id + k.n) % 500) || ' A/S', 'Medarbejder', date(?, '-' || ((c.id * 7 + k.n * 6) % 365) || ' days'),"
        " 'Jobnet', CASE (c.id + k.n) % 5 WHEN 0 THEN 'rejected' WHEN 1 THEN 'interview' ELSE 'sent' END, ?, ?"
        f" FROM citizens c JOIN n k ON k.n < (c.id * 11) % 60 WHERE {rng} AND c.target_group IN ({groups_in})",
        [today, now_s, now_s])
    conn.execute(
        "INSERT INTO sick_cases (citizen_id, municipality_id, first_sick_day, employment_status, partial,"
        " expected_duration, return_within, created_at, updated_at) SELECT c.id, c.municipality_id, c.group_since,"
        " c.employment_status, c.id % 7 = 0, NULL, CASE c.id % 3 WHEN 0 THEN 'yes' WHEN 1 THEN 'no' ELSE 'dont_know' END, ?, ?"
        f" FROM citizens c WHERE {rng} AND c.target_group = 'sygedagpenge'", [now_s, now_s])
    # Audit entries: logins and past bookings (0-9 a citizen), all below the notify cursor.
    conn.execute(
        "INSERT INTO audit_log (at, actor_type, actor_id, action, entity, entity_id, citizen_id, municipality_id, after)"
        " SELECT strftime('%Y-%m-%dT%H:%M:%SZ', ?, '-' || (1 + (c.id * 17 + k.n * 29) % 700) || ' days'),"
        " 'citizen', c.id, CASE k.n % 3 WHEN 0 THEN 'joblog_entry_added' ELSE 'login' END, 'citizen', c.id, c.id, c.municipality_id,"
        " '{\"provider\": \"bench\"}'"
        f" FROM citizens c JOIN n k ON k.n < c.id % 10 WHERE {rng}", [now_s])
    conn.execute("INSERT OR REPLACE INTO notify_state (name, value) VALUES ('audit_cursor', (SELECT max(id) FROM audit_log))")
    # Notices (0-7 a citizen), most of them read.
    at = "strftime('%Y-%m-%dT%H:%M:%SZ', ?, '-' || (1 + (c.id * 19 + k.n * 23) % 700) || ' days')"
    conn.execute(
        "INSERT INTO notices (citizen_id, outbox_id, kind, params, created_at, read_at)"
        f" SELECT c.id, NULL, 'conversation_booked', json_object('conversation_id', 0, 'starts_at', {at}), {at},"
        f" CASE WHEN k.n > 0 THEN ? END FROM citizens c JOIN n k ON k.n < c.id % 8 WHERE {rng}", [now_s, now_s, now_s])
    conn.execute("DELETE FROM citizen_group_counts")
    conn.execute("INSERT INTO citizen_group_counts (municipality_id, target_group, citizens)"
                 " SELECT municipality_id, target_group, COUNT(*) FROM citizens GROUP BY municipality_id, target_group")
    for _name, sql in triggers:
        conn.execute(sql)
    conn.execute("DELETE FROM joblog_watch_days")
    conn.execute("DELETE FROM followup_watch_days")
    conn.execute("COMMIT")
    conn.execute("PRAGMA synchronous = NORMAL")
    # As the scheduler's housekeeping does before the first caseworker of the day asks.
    from app.followup import watch as followup_watch
    from app.joblog import watch as joblog_watch
    joblog_watch.refresh(db, mun)
    followup_watch.refresh(db, mun)
    # As the scheduler's housekeeping does in production (PRAGMA optimize runs ANALYZE as needed).
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("citizens", "conversations", "joblog_entries", "activities", "notices", "audit_log", "sick_cases")}
    counts["seconds"] = round(time.perf_counter() - started, 1)
    counts["first_bench_citizen"] = first
    conn.close()
    return counts


def prepare_sessions(path: str, citizen_ids: list[int]) -> dict:
    """For each citizen the load uses: their booked conversation (made if missing) and two open
    published times of their own some three weeks ahead, for the booking POST to move it between.
    Returns {citizen_id: (conversation_id, slot_a, slot_b)}."""
    db = connect(path)
    conn = db.conn
    now_s = clock.to_db(clock.now())
    out = {}
    conn.execute("BEGIN")
    for number, cid in enumerate(citizen_ids):
        mun = conn.execute("SELECT municipality_id FROM citizens WHERE id = ?", [cid]).fetchone()[0]
        workers = [r[0] for r in conn.execute("SELECT id FROM caseworkers WHERE municipality_id = ? ORDER BY id", [mun])]
        worker = workers[number % len(workers)]
        slots = []
        # Times of its own: no two sessions share a time (nor a caseworker's hour), so the moves
        # of different sessions never meet.
        for days in (20, 22):
            day = clock.today() + timedelta(days=days + 4 * (number // 32))
            while day.weekday() >= 5:
                day += timedelta(days=1)
            # In the afternoon: the generated conversations are between 8 and 14, so the
            # caseworker is never already booked at the time (a move there would be refused).
            starts = clock.local_datetime(day, 14 + (number % 16) // 4, (number % 4) * 15)
            slots.append(conn.execute(
                "INSERT INTO slots (municipality_id, caseworker_id, starts_at, ends_at, formats, location, status,"
                " created_at) VALUES (?,?,?,?,'in_person,phone,video','Havnegade 12','open',?)",
                [mun, worker, clock.to_db(starts), clock.to_db(starts + timedelta(minutes=30)), now_s]).lastrowid)
        conn.execute("UPDATE conversations SET status = 'cancelled_jobcenter' WHERE citizen_id = ? AND status = 'booked'", [cid])
        row = conn.execute("SELECT starts_at, ends_at FROM slots WHERE id = ?", [slots[0]]).fetchone()
        conv = conn.execute(
            "INSERT INTO conversations (citizen_id, municipality_id, caseworker_id, slot_id, held_by, kind, starts_at,"
            " ends_at, format, phone_number, status, created_at, updated_at, uid)"
            " VALUES (?,?,?,?,'jobcenter','job',?,?,'phone','21234567','booked',?,?,?)",
            [cid, mun, worker, slots[0], row[0], row[1], now_s, now_s, f"bench-session-{cid}@minplan"]).lastrowid
        out[cid] = (conv, slots[0], slots[1])
    conn.execute("COMMIT")
    conn.close()
    return out


if __name__ == "__main__":
    print(build(sys.argv[1], int(sys.argv[2])))
