"""A short run of scripts/loadtest.py: gunicorn with production settings under concurrent load
while the index is rebuilt, with no errors, no failed answers and no empty result pages."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_short_load_test_during_rebuilds_has_no_errors(tmp_path):
    out = tmp_path / "report.json"
    result = subprocess.run(
        [
            sys.executable,
            "scripts/loadtest.py",
            "--seconds",
            "3",
            "--clients",
            "5",
            "--workers",
            "2",
            "--during-rebuild",
            "--json-out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.exists(), result.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["requests"] > 0
    assert report["queries_with_results"] > 0, "the load test must search for things that exist"
    assert report["errors"] == 0, report
    assert report["non_2xx"] == 0, report
    assert report["empty_result_pages"] == 0, report
    assert report["rebuild_failures"] == 0, report
    assert report["latency_ms"]["p50"] is not None
    assert result.returncode == 0, result.stderr[-3000:]
