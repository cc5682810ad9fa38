"""The benchmark keeps working: `bench/run.py` once at a tiny size, end to end (the database
built, gunicorn started, sessions logged in through the forms, wrk driving every page at two
concurrencies, worker memory, the sweep). It asserts that every row was measured, never how fast."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import PAGES

ROOT = Path(__file__).resolve().parents[1]

# The benchmark runs gunicorn and wrk as child processes on the machine's own clock (they build
# and read the database themselves, so the test's pinned instant never meets the server's).
pytestmark = [pytest.mark.timed_waits_across_processes,
              pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is installed by `make test` (make wrk)")]


def test_the_benchmark_runs_at_a_tiny_size_and_measures_every_page(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--citizens", "60", "--sessions", "6", "--caseworkers", "2",
         "--duration", "1", "--concurrency", "1,2", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["database"]["citizens"] >= 60
    assert result["sessions"]["citizens"] == 6 and result["sessions"]["caseworkers"] == 2
    assert result["sessions"]["booking"] > 0 and result["sessions"]["joblog"] > 0
    assert set(result["pages"]) == set(PAGES)
    for page, cells in result["pages"].items():
        assert set(cells) == {"1", "2"}, page
        for concurrency, cell in cells.items():
            assert cell["requests"] > 0, (page, concurrency)
            # Every answer a success or a redirect (a POST's receipt), none refused or failed.
            assert cell["errors"] == 0 and cell["socket_errors"] == 0, (page, concurrency, cell)
            assert cell["p99_ms"] >= cell["p50_ms"] > 0
            assert 0 < cell["ratio_to_bare"]
    assert len(result["worker_rss_mb"]) == 2 and all(mb > 0 for mb in result["worker_rss_mb"])
    assert result["db_bytes_per_citizen"] > 0
    assert result["sweep"]["sweep_s"] > 0 and result["sweep"]["raw_query_s"] >= 0
    # The table names every page.
    for page in PAGES:
        assert f"| {page} |" in done.stdout
