"""The benchmark: a municipality of SIZE citizens, the app under gunicorn with the production
configuration, and wrk as the load from its own process.

  .venv/bin/python -m bench.run --citizens 100000        (make bench SIZE=100000)

1. bench/generate.py builds the database (bulk SQL) in a temporary folder.
2. gunicorn (gunicorn.conf.py, WEB_CONCURRENCY workers, default 2) serves bench/wsgi.py: the
   production configuration except the test login, which the load uses instead of MitID.
3. Sessions are logged in through the real forms (the test login for citizens, the caseworker
   login with e-mail and password), each with its own cookie and CSRF token.
4. wrk (bench/load.lua, rotating the sessions' cookies) drives each page at each concurrency for
   DURATION seconds: the bare route /healthz, the citizen pages, I dag, the case page, a booking
   POST (a conversation moved between two times of its own and back) and a joblog POST.
5. Worker memory (RSS), database size per citizen, and the reminder sweep for the whole
   municipality against the one raw SQL query that selects the same candidates.

Writes bench/results/latest-<SIZE>.json and prints a Markdown table. It asserts nothing about
speed; targets are read in bench/README.md.
"""
import argparse
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import generate  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
INPUT = re.compile(r"<input\b[^>]*>", re.S)
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')

# page name -> (session pool, what the request file holds); the order is the table's.
PAGES = ["healthz", "min-plan", "samtaler", "joblog", "beskeder", "i-dag", "case-page", "booking-post", "joblog-post"]
KIND = {"healthz": "bare", "min-plan": "min-plan", "samtaler": "citizen", "joblog": "citizen", "beskeder": "citizen",
        "i-dag": "caseworker", "case-page": "caseworker", "booking-post": "citizen", "joblog-post": "citizen"}
TARGET_SHARE = {"min-plan": 0.40, "citizen": 0.30, "caseworker": 0.15}


# ------------------------------------------------------------------ a tiny HTTP client with cookies
class Client:
    """One browser: its own cookies (set by hand: the production cookie is Secure, and this is
    plain HTTP to 127.0.0.1), no redirects followed."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, dict]:
        conn = HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie_header()} if self.cookies else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                if val in ("", '""') or "Max-Age=0" in value or "expires=Thu, 01 Jan 1970" in value:
                    self.cookies.pop(key.strip(), None)
                else:
                    self.cookies[key.strip()] = val
        location = response.getheader("Location") or ""
        conn.close()
        return response.status, text, {"location": location}


def form_fields(page: str) -> dict:
    """The values a browser would send from the page's form as it is shown: hidden and text
    inputs with their values, the checked radio buttons."""
    fields = {}
    for tag in INPUT.findall(page):
        attrs = dict(ATTR.findall(tag))
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if not name:
            continue
        if kind in ("radio", "checkbox"):
            if "checked" in tag:
                fields[name] = html.unescape(attrs.get("value", "on"))
        elif kind not in ("submit", "button"):
            fields[name] = html.unescape(attrs.get("value", ""))
    return fields


def login_citizen(port: int, citizen_id: int) -> Client:
    client = Client(port)
    status, page, _ = client.request("GET", "/log-ind/mitid")
    token = CSRF.search(page)
    status, _, info = client.request("POST", "/log-ind/mitid", {"csrf_token": token.group(1), "citizen": citizen_id})
    if status != 302:
        raise RuntimeError(f"citizen login answered {status}")
    return client


def login_caseworker(port: int, email: str) -> Client:
    client = Client(port)
    status, page, _ = client.request("GET", "/log-ind/medarbejder")
    token = CSRF.search(page).group(1)
    status, _, info = client.request("POST", "/log-ind/medarbejder",
                                     {"csrf_token": token, "email": email, "password": generate.PASSWORD})
    if status != 302:
        raise RuntimeError(f"caseworker login answered {status}")
    return client


def post_body(fields: dict) -> str:
    fields = dict(fields, submission_key="SUBMISSIONKEY")
    return urllib.parse.urlencode(fields)


def citizen_session(port: int, number: int, citizen_id: int, booking: tuple | None, joblog: bool) -> dict:
    client = login_citizen(port, citizen_id)
    out = {"number": number, "cookie": client.cookie_header(), "booking": None, "joblog": None}
    if booking:
        conv, slot_a, slot_b = booking
        moves = []
        for slot in (slot_b, slot_a):
            status, page, _ = client.request("GET", f"/samtaler/{conv}/flyt/{slot}")
            if status != 200 or "submission_key" not in page:
                moves = []
                break
            moves.append((f"/samtaler/{conv}/flyt/{slot}", post_body(form_fields(page))))
        # The first move has to work for the pair to go back and forth; the second is read from
        # the page shown after it (the times differ, the form is the same).
        out["booking"] = moves or None
    if joblog:
        status, page, _ = client.request("GET", "/joblog/ny")
        if status == 200:
            fields = form_fields(page)
            fields.update(employer="Bench Lager A/S", job_title="Lagermedarbejder")
            out["joblog"] = ("/joblog/ny", post_body(fields))
    out["cookie"] = client.cookie_header()
    return out


def reset_booking(port: int, session: dict) -> None:
    """Move the session's conversation back to its first time (it may be on either after a run
    that ended between the two moves), so the next run starts with the move to the second."""
    client = Client(port)
    client.cookies = dict(pair.split("=", 1) for pair in session["cookie"].split("; ") if "=" in pair)
    path, body = session["booking"][1]
    form = dict(urllib.parse.parse_qsl(body), submission_key=os.urandom(12).hex())
    client.request("POST", path, form)  # 302 when moved; 400 when it was there already


# ------------------------------------------------------------------ the server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_path: str, port: int, workers: int, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "MINPLAN_CONFIG": "production", "SECRET_KEY": "bench-" + os.urandom(8).hex(),
           "MINPLAN_DATABASE": db_path, "MINPLAN_MIGRATE_ON_START": "0", "WEB_CONCURRENCY": str(workers),
           "HOST": "127.0.0.1", "PORT": str(port)}
    log = open(log_path, "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--access-logfile", "/dev/null",
         "bench.wsgi:app"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn ended: {log_path.read_text()[-2000:]}")
        try:
            if Client(port).request("GET", "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def drain(port: int) -> None:
    """Wait until the requests wrk left queued in the listen backlog when it stopped are served
    (gunicorn's sync workers take connections in order: /healthz answers after them), so the
    next page's run does not pay for this one's."""
    Client(port).request("GET", "/healthz")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def worker_rss_mb(server: subprocess.Popen) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        ppid = re.search(r"^PPid:\s+(\d+)", status, re.M)
        rss = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        if ppid and rss and int(ppid.group(1)) == server.pid:
            found.append(round(int(rss.group(1)) / 1024, 1))
    return sorted(found)


# ------------------------------------------------------------------ wrk
def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    raise SystemExit("wrk is not installed: `make bench` installs Debian's wrk (apt-get install wrk)")


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(wrk: str, port: int, lines: list[str], concurrency: int, duration: float, workdir: Path) -> dict:
    threads = min(2, concurrency)
    requests_file = workdir / f"requests-{os.getpid()}.tsv"
    requests_file.write_text("\n".join(lines) + "\n")
    env = {**os.environ, "BENCH_REQUESTS": str(requests_file), "BENCH_THREADS": str(threads)}
    result = subprocess.run(
        [wrk, "-t", str(threads), "-c", str(concurrency), "-d", f"{max(duration, 1):.0f}s", "--timeout", "10s",
         "--latency", "-s", str(ROOT / "bench" / "load.lua"), f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True, env=env, timeout=duration + 60)
    out = result.stdout
    if os.environ.get("BENCH_DEBUG"):
        Path(os.environ["BENCH_DEBUG"]).write_text(result.stderr)
    if result.returncode:
        raise RuntimeError(f"wrk failed: {result.stderr or out}")
    percentiles = {p: _ms(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M)}
    total = re.search(r"(\d+) requests in", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": round(percentiles.get("50", 0), 2), "p99_ms": round(percentiles.get("99", 0), 2),
            "requests": int(total.group(1)) if total else 0,
            "errors": int(errors.group(1)) if errors else 0,
            "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
            "error_samples": [line for line in result.stderr.splitlines() if re.match(r"\d{3} ", line)][:6]}


# ------------------------------------------------------------------ the sweep
RAW_SWEEP_SQL = """
WITH periods(target_group, start, finish, required) AS (VALUES {periods})
SELECT 'conversation' AS what, c.id, c.citizen_id FROM conversations c
 WHERE c.status = 'booked' AND c.starts_at > :now AND c.starts_at <= :horizon
UNION ALL
SELECT 'joblog', z.id, z.id FROM citizens z JOIN periods p ON p.target_group = z.target_group
 LEFT JOIN joblog_requirements r ON r.citizen_id = z.id
 WHERE (SELECT COUNT(*) FROM joblog_entries e WHERE e.citizen_id = z.id AND e.applied_on BETWEEN p.start AND p.finish)
       < COALESCE(r.count_per_period, p.required)
UNION ALL
SELECT 'invitation', i.id, i.citizen_id FROM booking_invitations i WHERE i.status = 'open' AND i.deadline >= :today
"""


def next_reminder_day(today):
    """The next day (from `today`) inside a joblog period's reminder window, when the sweep has
    citizens to remind: the other days it has none."""
    from app.joblog.periods import period_for
    from app.rules import GROUPS, rules_for

    for ahead in range(0, 40):
        day = today + timedelta(days=ahead)
        for group in GROUPS:
            rule = rules_for(group, day).joblog
            period = period_for(group, day) if rule is not None else None
            if period is not None and period.deadline - timedelta(days=rule.reminder_days_before) <= day <= period.deadline:
                return day
    return None


def time_sweep(db_path: str, now: datetime | None = None) -> dict:
    """The reminder sweep (app/notify/sweep.py) for the whole municipality, steady state (run
    once first, so the outbox holds what is due), against the single raw SQL query selecting the
    rows it looks at: booked conversations within the reminder horizon, the citizens whose joblog
    period is inside its reminder window today and not yet met, and open booking invitations."""
    import sqlite3

    from app import clock, create_app
    from app.joblog.periods import period_for
    from app.notify import sweep
    from app.notify.kinds.conversations import longest_lead
    from app.rules import GROUPS, rules_for

    app = create_app({"ENV_NAME": "production-bench", "DATABASE": db_path, "MAIL_ENABLED": False,
                      "SMS_BACKEND": "", "SECRET_KEY": "bench", "MIGRATE_ON_START": False})
    now = now or clock.now()
    sweep.sweep(app, now=now)
    started = time.perf_counter()
    counts = sweep.sweep(app, now=now)
    sweep_s = time.perf_counter() - started
    today = clock.local(now).date()
    # The periods inside their reminder window today, as the sweep judges them (app/notify/kinds/joblog.py):
    # the raw query selects the same rows, not every citizen short of their number.
    periods = []
    for group in GROUPS:
        current = period_for(group, today) if rules_for(group, today).joblog is not None else None
        if current is None:
            continue
        candidates = [current]
        if (today - current.start).days <= 7 and (previous := period_for(group, current.start - timedelta(days=1))):
            candidates.insert(0, previous)
        for period in candidates:
            rule = rules_for(group, period.start).joblog
            if rule is None or not period.deadline - timedelta(days=rule.reminder_days_before) <= today <= period.deadline:
                continue
            periods.append(f"('{group}', '{period.start.isoformat()}', '{period.end.isoformat()}', {int(rule.count)})")
    sql = RAW_SWEEP_SQL.format(periods=", ".join(periods) or "(NULL, NULL, NULL, 0)")
    horizon = now + longest_lead() + timedelta(days=1)
    conn = sqlite3.connect(db_path)
    params = {"now": clock.to_db(now), "horizon": clock.to_db(horizon), "today": today.isoformat()}
    conn.execute(sql, params).fetchall()
    started = time.perf_counter()
    rows = conn.execute(sql, params).fetchall()
    raw_s = time.perf_counter() - started
    conn.close()
    return {"at": clock.to_db(now), "sweep_s": round(sweep_s, 3), "raw_query_s": round(raw_s, 3), "raw_rows": len(rows),
            "ratio": round(sweep_s / raw_s, 1) if raw_s else None, "sweep_counts": dict(counts)}


# ------------------------------------------------------------------ the run
def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--citizens", type=int, default=int(os.environ.get("SIZE") or 10000))
    parser.add_argument("--sessions", type=int, default=200, help="citizens logged in")
    parser.add_argument("--caseworkers", type=int, default=10, help="caseworkers logged in")
    parser.add_argument("--concurrency", default="1,10,50")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds of load per page and concurrency")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY") or 2))
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--out", default=None, help="JSON file (default bench/results/latest-<SIZE>.json)")
    parser.add_argument("--db", default=None, help="build the database here (default: a temporary folder)")
    parser.add_argument("--no-sweep", action="store_true")
    args = parser.parse_args(argv)
    # SIGTERM ends the run like Ctrl-C: the server is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    wrk = ensure_wrk()
    levels = [int(c) for c in args.concurrency.split(",")]
    pages = [p for p in args.pages.split(",") if p]
    workdir = Path(tempfile.mkdtemp(prefix="minplan-bench-"))
    db_path = args.db or str(workdir / "bench.sqlite")
    result = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "citizens_generated": args.citizens,
              "workers": args.workers, "duration_s": args.duration, "concurrency": levels,
              "load_average_before": os.getloadavg(), "cpus": os.cpu_count()}
    server = None
    try:
        print(f"bench: building {args.citizens:,} citizens ...", flush=True)
        result["database"] = generate.build(db_path, args.citizens)
        first = result["database"]["first_bench_citizen"]
        last = first + args.citizens - 1
        import sqlite3
        conn = sqlite3.connect(db_path)
        # The sessions: citizens picked across the municipality in a scrambled order (a fixed
        # stride would line up with the generator's arithmetic and pick a few groups only).
        rows = conn.execute("SELECT id, target_group FROM citizens WHERE id BETWEEN ? AND ?"
                            " ORDER BY (id * 2654435761) % 1000003 LIMIT ?", [first, last, args.sessions]).fetchall()
        caseworkers = [r[0] for r in conn.execute(
            "SELECT email FROM caseworkers WHERE municipality_id = (SELECT municipality_id FROM citizens WHERE id = ?)"
            " ORDER BY id LIMIT ?", [first, args.caseworkers])]
        conn.close()
        from app import clock
        from app.rules import rules_for
        duty = {g for _, g in rows if rules_for(g, clock.today()).joblog is not None}
        bookings = generate.prepare_sessions(db_path, [cid for cid, _ in rows])
        result["db_bytes_per_citizen"] = round(Path(db_path).stat().st_size / result["database"]["citizens"])
        port = free_port()
        print(f"bench: gunicorn with {args.workers} workers on port {port} ...", flush=True)
        server = start_server(db_path, port, args.workers, workdir / "gunicorn.log")
        started = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            citizens = list(pool.map(lambda item: citizen_session(port, item[0], item[1][0], bookings[item[1][0]],
                                                                 item[1][1] in duty), enumerate(rows)))
            workers = list(pool.map(lambda email: login_caseworker(port, email), caseworkers))
        result["logins_s"] = round(time.perf_counter() - started, 1)
        result["sessions"] = {"citizens": len(citizens), "caseworkers": len(workers),
                              "booking": sum(1 for c in citizens if c["booking"]),
                              "joblog": sum(1 for c in citizens if c["joblog"])}
        print(f"bench: logged in {result['sessions']}", flush=True)
        cases = [cid for cid, _ in rows]

        def lines_for(page: str) -> list[str]:
            if page == "healthz":
                return ["0\tGET\t/healthz\t\t"]
            if page in ("min-plan", "samtaler", "beskeder"):
                return [f"{c['number']}\tGET\t/{page}\t{c['cookie']}\t" for c in citizens]
            if page == "joblog":
                return [f"{c['number']}\tGET\t/joblog\t{c['cookie']}\t" for c in citizens if c["joblog"]]
            if page == "i-dag":
                return [f"{n}\tGET\t/sagsbehandler/\t{w.cookie_header()}\t" for n, w in enumerate(workers)]
            if page == "case-page":
                return [f"{n}\tGET\t/sagsbehandler/borger/{cid}\t{workers[n % len(workers)].cookie_header()}\t"
                        for n, cid in enumerate(cases)]
            if page == "booking-post":
                with_booking = [c for c in citizens if c["booking"]]
                return ([f"{c['number']}\tPOST\t{c['booking'][0][0]}\t{c['cookie']}\t{c['booking'][0][1]}" for c in with_booking]
                        + [f"{c['number']}\tPOST\t{c['booking'][1][0]}\t{c['cookie']}\t{c['booking'][1][1]}" for c in with_booking])
            if page == "joblog-post":
                return [f"{c['number']}\tPOST\t{c['joblog'][0]}\t{c['cookie']}\t{c['joblog'][1]}" for c in citizens if c["joblog"]]
            raise ValueError(page)

        # Warm both workers (imports, templates, SQLite's page cache).
        for page in pages:
            if page != "booking-post" and lines_for(page):
                run_wrk(wrk, port, lines_for(page), min(4, max(levels)), 1, workdir)
                drain(port)
        table = {}
        for concurrency in levels:
            for page in pages:
                lines = lines_for(page)
                if not lines:
                    continue
                if page == "booking-post":
                    with ThreadPoolExecutor(8) as pool:
                        list(pool.map(lambda c: reset_booking(port, c), [c for c in citizens if c["booking"]]))
                cell = run_wrk(wrk, port, lines, concurrency, args.duration, workdir)
                drain(port)
                table.setdefault(page, {})[str(concurrency)] = cell
                print(f"bench: c={concurrency:<3} {page:<13} {cell['rps']:>8.1f} req/s  p50 {cell['p50_ms']:>7.1f} ms"
                      f"  p99 {cell['p99_ms']:>7.1f} ms  errors {cell['errors'] + cell['socket_errors']}", flush=True)
            bare = table.get("healthz", {}).get(str(concurrency), {}).get("rps")
            for page in pages:
                cell = table.get(page, {}).get(str(concurrency))
                if cell and bare:
                    cell["ratio_to_bare"] = round(cell["rps"] / bare, 3)
        result["pages"] = table
        result["worker_rss_mb"] = worker_rss_mb(server)
    finally:
        if server is not None:
            stop_server(server)
    if not args.no_sweep:
        print("bench: the reminder sweep ...", flush=True)
        result["sweep"] = time_sweep(db_path)
        from app import clock
        day = next_reminder_day(clock.today())
        if day is not None and day != clock.today():
            # The same at noon of the next day with joblog reminders due (the outbox then fills).
            result["sweep_reminder_day"] = time_sweep(db_path, clock.local_datetime(day, 12))
    result["load_average_after"] = os.getloadavg()
    out = Path(args.out) if args.out else ROOT / "bench" / "results" / f"latest-{args.citizens}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(markdown(result))
    print(f"bench: written {out}")
    if not args.db:
        shutil.rmtree(workdir, ignore_errors=True)
    return result


def markdown(result: dict) -> str:
    levels = [str(c) for c in result["concurrency"]]
    head = "| page | " + " | ".join(f"c={c}: req/s (× bare), p50 / p99 ms" for c in levels) + " |"
    lines = [head, "|---|" + "---|" * len(levels)]
    for page, cells in result.get("pages", {}).items():
        parts = []
        for c in levels:
            cell = cells.get(c)
            if not cell:
                parts.append("–")
                continue
            ratio = f" ({cell['ratio_to_bare'] * 100:.1f} %)" if page != "healthz" and "ratio_to_bare" in cell else ""
            errors = cell["errors"] + cell["socket_errors"]
            parts.append(f"{cell['rps']:,.0f}{ratio}, {cell['p50_ms']:.1f} / {cell['p99_ms']:.1f}"
                         + (f", {errors} errors" if errors else ""))
        lines.append(f"| {page} | " + " | ".join(parts) + " |")
    db = result.get("database", {})
    lines.append("")
    lines.append(f"{db.get('citizens', 0):,} citizens (built in {db.get('seconds')} s), "
                 f"{result.get('db_bytes_per_citizen', 0):,} bytes of database per citizen; "
                 f"worker RSS {result.get('worker_rss_mb')} MB; load average before {result['load_average_before']}")
    for name, label in (("sweep", "today"), ("sweep_reminder_day", "on a joblog reminder day")):
        if name in result:
            s = result[name]
            lines.append(f"Reminder sweep {label} ({s['at']}): {s['sweep_s']} s against the raw query "
                         f"{s['raw_query_s']} s ({s['raw_rows']:,} rows): {s['ratio']}×")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
