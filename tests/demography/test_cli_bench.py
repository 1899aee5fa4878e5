"""``python -m demography bench``: JSON keys of DESIGN.md (small sizes, not a timed test)."""

from __future__ import annotations

import json
import subprocess
import sys

KEYS = {
    "regions",
    "years",
    "seconds_all_regions",
    "speedup_vs_reference",
    "ms_single_region",
    "seconds_read_table",
    "peak_mb",
}


def test_bench_json_has_design_keys():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "demography",
            "bench",
            "--format",
            "json",
            "--regions",
            "200",
            "--years",
            "5",
            "--reference-regions",
            "5",
            "--skip-read",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    assert set(figures) >= KEYS
    assert figures["regions"] == 200 and figures["years"] == 5
    assert figures["speedup_vs_reference"] > 0
    assert any("identisch: ja" in note for note in figures["notes"])
