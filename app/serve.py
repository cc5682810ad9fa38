"""`make run`: the database migrated once, then the web server (gunicorn, gunicorn.conf.py) and
the reminder scheduler (`flask reminders run`) as two processes of their own, and with LITESTREAM=1
Litestream replicating the database (litestream.yml) as a third.

Ctrl-C (SIGINT) or SIGTERM stops both; when either ends by itself, the other is stopped too, and
the exit status tells. `python -m app.serve` runs it without make.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STOP_GRACE_SECONDS = 15  # then SIGKILL


def _env() -> dict:
    return {**os.environ, "FLASK_APP": "wsgi.py", "MINPLAN_MIGRATE_ON_START": "0"}


def _flask(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", *args]


def litestream_command() -> list[str] | None:
    """Litestream replicating the database (litestream.yml) when LITESTREAM=1, else None."""
    if os.environ.get("LITESTREAM") != "1":
        return None
    return [str(Path(sys.executable).parent / "litestream"), "replicate", "-config", str(ROOT / "litestream.yml")]


def _litestream_env(env: dict) -> dict:
    database = env.get("MINPLAN_DATABASE") or str(ROOT / "instance" / "minplan.sqlite")
    return {**env, "MINPLAN_DATABASE": database,
            "LITESTREAM_REPLICA_URL": env.get("LITESTREAM_REPLICA_URL") or f"file://{ROOT / 'instance' / 'replica'}"}


def _stop(children: list[subprocess.Popen]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def main() -> int:
    stopping = []

    def on_signal(signum, _frame):
        stopping.append(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    env = _env()
    upgrade = subprocess.run(_flask("db", "upgrade"), cwd=ROOT, env=env)
    if upgrade.returncode or stopping:
        return upgrade.returncode or 130
    web = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
                           cwd=ROOT, env=env)
    scheduler = subprocess.Popen(_flask("reminders", "run"), cwd=ROOT, env=env)
    children = [web, scheduler]
    replicate = litestream_command()
    if replicate:
        children.append(subprocess.Popen(replicate, cwd=ROOT, env=_litestream_env(env)))
    print(f"Min Plan: web server (pid {web.pid}) and reminder scheduler (pid {scheduler.pid}); "
          "Ctrl-C stops both.", flush=True)
    ended = []
    try:
        while not stopping and not ended:
            time.sleep(0.2)
            ended = [child for child in children if child.poll() is not None]
    finally:
        _stop(children)
    if stopping:
        return 0
    ended = ended[0]
    name = "web server" if ended is web else "reminder scheduler" if ended is scheduler else "replication"
    print(f"Min Plan: the {name} ended (exit {ended.returncode}); stopped the other.", file=sys.stderr)
    return ended.returncode or 1


if __name__ == "__main__":
    sys.exit(main())
