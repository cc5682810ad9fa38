"""Which instant the suite runs at, and the instants `make test-clock` runs it at.

The suite never reads the machine's clock: every test starts at `run_instant()`, which is the fixed
instant in tests/conftest.py unless MINPLAN_TEST_NOW names another (Copenhagen wall time,
"YYYY-MM-DD HH:MM"). A wall time that does not exist (the hour skipped in spring) or exists twice
(the hour repeated in autumn) is resolved as zoneinfo resolves fold=0: the offset before the
change, so 2027-03-28 02:30 is 01:30 UTC (03:30 summer time) and 2026-10-25 02:30 is its first
occurrence, 00:30 UTC. `python -m tests.instants` is `make test-clock`.
"""
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

CPH = ZoneInfo("Europe/Copenhagen")
ENV = "MINPLAN_TEST_NOW"

# Instants inside one rule set, for tests of that set's own behaviour (@pytest.mark.instant):
# ordinary Tuesday mornings, away from holidays and summer-time changes.
IN_RULES_2026_07 = "2026-11-17 09:40"   # the rule set in force from 1 July 2026
IN_RULES_2027_01 = "2027-02-09 09:40"   # the rule set expected from 1 January 2027

# The instants `make test-clock` runs the suite at, Copenhagen wall time, and why each.
INSTANTS = [
    ("2026-12-24 23:30", "Christmas Eve, late: the next working day is three days away"),
    ("2026-12-31 23:50", "the last minutes of the 2026 rule set"),
    ("2027-01-01 00:10", "the first minutes of the expected 2027 rule set, on a holiday"),
    ("2027-03-26 09:30", "Good Friday, a holiday before Easter Monday"),
    ("2027-03-28 02:30", "a wall time that does not exist (summer time starts)"),
    ("2026-10-25 02:30", "a wall time that exists twice (summer time ends)"),
    ("2027-06-30 23:59", "the last minute before a rule set could change on 1 July"),
]


def parse(text: str) -> datetime:
    """A Copenhagen wall time as an aware UTC instant (fold=0 for a skipped or repeated hour)."""
    wall = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    return wall.replace(tzinfo=CPH).astimezone(timezone.utc)


def run_instant(default: str) -> datetime:
    return parse(os.environ.get(ENV) or default)


# Tests whose timed waits on real child processes libfaketime cannot move with the clock: run at
# the instant through MINPLAN_TEST_NOW alone (they read no clock themselves).
NOT_UNDER_FAKETIME = "timed_waits_across_processes"


def _pytest(command: list[str], env: dict) -> tuple[int, str]:
    done = subprocess.run(command, env=env, cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    # Exit code 5: no test selected (a pass of only marked tests, when there are none).
    return (0 if done.returncode == 5 else done.returncode), (lines[-1] if lines else done.stderr.strip()[-500:]), done.stdout


def _run(instant: str, extra: list[str]) -> tuple[int, float, str, str]:
    """The suite at one instant: MINPLAN_TEST_NOW for the tests, faketime for the whole process,
    so code that reads the clock behind app/clock.py's back is caught too."""
    utc = parse(instant)
    env = {**os.environ, ENV: instant, "TZ": "Europe/Copenhagen"}
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--ignore=tests/browser", *extra]
    started = time.monotonic()
    code, summary, output = _pytest(["faketime", f"@{int(utc.timestamp())}", *pytest,
                                     "-m", f"not {NOT_UNDER_FAKETIME}", "tests"], env)
    code2, summary2, output2 = _pytest([*pytest, "-m", NOT_UNDER_FAKETIME, "tests"], env)
    return (code or code2), time.monotonic() - started, f"{summary}; without faketime: {summary2}", output + output2


def main(argv: list[str]) -> int:
    # Two runs side by side by default (each test has its own database file and ports).
    jobs = int(os.environ.get("TEST_CLOCK_JOBS", "2"))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        runs = [(instant, why, pool.submit(_run, instant, argv)) for instant, why in INSTANTS]
    failed = 0
    for instant, why, run in runs:
        code, seconds, summary, output = run.result()
        verdict = "passed" if code == 0 else "FAILED"
        if code:
            failed += 1
            print(output[-6000:], flush=True)
        print(f"{instant} Copenhagen ({why}): {verdict} in {seconds:.0f} s: {summary}", flush=True)
    print(f"test-clock: {len(INSTANTS) - failed} of {len(INSTANTS)} instants passed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
