"""Benchmark: Min Plan and the caseworker pages on a municipality-sized database.

Prints figures; it asserts nothing (speed targets are read, not tested, so nothing flakes).
Usage: .venv/bin/python bench/run.py [--citizens 20000] [--requests 300]
"""
import argparse
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import clock, create_app, demo  # noqa: E402
from app.db import connect, migrate  # noqa: E402
from app.rules import GROUPS  # noqa: E402


def generate(path: str, citizens: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    db = connect(path)
    migrate(db)
    demo.load(db)
    mun = db.execute("SELECT id FROM municipalities WHERE code = '901'").fetchone()[0]
    workers = [r[0] for r in db.execute("SELECT id FROM caseworkers WHERE municipality_id = ?", [mun])]
    now = clock.now()
    today = clock.today()
    started = time.perf_counter()
    db.conn.execute("BEGIN")
    for i in range(citizens):
        group = rng.choice(GROUPS)
        since = today - timedelta(days=rng.randint(0, 400))
        cid = db.execute(
            "INSERT INTO citizens (municipality_id, cpr, name, target_group, group_since, phone,"
            " preferred_language, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            [mun, f"{9000000000 + i}", f"Bench Borger {i}", group, since.isoformat(), "12345678",
             rng.choice(["da", "en"]), "x", "x"]).lastrowid
        plan = db.execute("INSERT INTO plans (citizen_id, updated_at) VALUES (?, 'x')", [cid]).lastrowid
        db.execute("INSERT INTO goals (plan_id, kind, title) VALUES (?, 'job', 'Lagermedarbejder')", [plan])
        for _ in range(rng.randint(0, 3)):
            db.execute("INSERT INTO activities (citizen_id, kind, title, status, starts_on) VALUES (?,?,?,?,?)",
                       [cid, "kursus", "Kursus", rng.choice(["planned", "active", "completed"]), today.isoformat()])
        for k in range(rng.randint(2, 12)):
            starts = now + timedelta(days=rng.randint(-300, 60), hours=rng.randint(0, 8))
            status = "booked" if starts > now else rng.choice(["held", "held", "missed", "cancelled_citizen"])
            db.execute(
                "INSERT INTO conversations (citizen_id, municipality_id, caseworker_id, held_by, kind, starts_at,"
                " ends_at, format, status, created_at, updated_at, uid, summary) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [cid, mun, rng.choice(workers), "jobcenter", "job", clock.to_db(starts),
                 clock.to_db(starts + timedelta(minutes=45)), rng.choice(["in_person", "phone", "video"]),
                 status, "x", "x", f"bench-{cid}-{k}@minplan", "Opsummering" if status == "held" else None])
        for _ in range(rng.randint(0, 40)):
            day = today - timedelta(days=rng.randint(0, 365))
            db.execute("INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, status,"
                       " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                       [cid, "advertised", "Firma A/S", "Medarbejder", day.isoformat(), "sent", "x", "x"])
    db.conn.execute("COMMIT")
    # As the scheduler's housekeeping does in production (PRAGMA optimize runs ANALYZE as needed).
    db.execute("PRAGMA optimize=0x10002")
    counts = {t: db[t].count for t in ("citizens", "conversations", "joblog_entries", "activities")}
    counts["generate_seconds"] = round(time.perf_counter() - started, 1)
    counts["db_megabytes"] = round(Path(path).stat().st_size / 1e6, 1)
    db.conn.close()
    return counts


def timed(client, url: str, n: int) -> dict:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1), "n": n}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench.sqlite")
        print("generated:", generate(path, args.citizens))
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "DATABASE": path})
        db = connect(path)
        ids = [r[0] for r in db.execute("SELECT id FROM citizens WHERE name LIKE 'Bench%' ORDER BY RANDOM() LIMIT ?",
                                        [args.requests])]
        tracemalloc.start()
        samples = []
        for cid in ids:
            client = app.test_client()
            client.post("/log-ind/mitid", data={"citizen": cid})
            start = time.perf_counter()
            assert client.get("/min-plan").status_code == 200
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print("min-plan (random citizens):", {"p50_ms": round(statistics.median(samples), 1),
                                               "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1),
                                               "n": len(samples), "peak_traced_mb": round(peak / 1e6, 1)})
        caseworker = app.test_client()
        caseworker.post("/log-ind/medarbejder", data={"email": "anne@fjordby.example", "password": demo.DEMO_PASSWORD})
        print("caseworker today:", timed(caseworker, "/sagsbehandler/", max(args.requests // 30, 5)))
        print("caseworker citizen search:", timed(caseworker, "/sagsbehandler/borgere?q=Borger%201", max(args.requests // 10, 5)))
        print("caseworker case page:", timed(caseworker, f"/sagsbehandler/borger/{ids[0]}", max(args.requests // 10, 5)))


if __name__ == "__main__":
    main()
