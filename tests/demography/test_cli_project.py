"""``python -m demography project``: output shape, scenarios, overrides, German errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(
    os.environ.get("ZWK_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data")
)
FILE = DATA / "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "demography", "project", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def data_file():
    if not FILE.exists():
        pytest.skip(f"Destatis-Datei fehlt: {FILE} (ZWK_SHARED_DATA setzen)")
    return FILE


def test_json_has_one_record_per_region_and_year(data_file):
    proc = run(data_file, "--start", 2021, "--horizon", 3, "--set", "net_migration=290000")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) == 16 * 4
    first = rows[0]
    assert first["year"] == 2021 and first["births"] is None
    assert len(first["single_years"]["male"]) == 101
    assert set(first["age_groups"]) == {
        "0-2",
        "3-5",
        "6-9",
        "10-15",
        "16-18",
        "19-24",
        "25-44",
        "45-64",
        "65-79",
        "80+",
    }
    assert sum(first["age_groups"].values()) == pytest.approx(first["total"])
    later = rows[1]
    assert later["total"] == pytest.approx(
        first["total"] + later["births"] - later["deaths"] + later["net_migration"], abs=1e-6
    )
    assert sum(r["net_migration"] for r in rows if r["year"] == 2022) == pytest.approx(290000)


def test_csv_and_named_scenario(data_file):
    proc = run(
        data_file,
        "--start",
        2021,
        "--horizon",
        1,
        "--format",
        "csv",
        "--scenario",
        "längeres Leben",
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("region;name;year;total;male;female")
    assert len(lines) == 1 + 16 * 2


def test_override_changes_births(data_file):
    low = json.loads(run(data_file, "--start", 2021, "--horizon", 1, "--set", "tfr=1.2").stdout)
    high = json.loads(run(data_file, "--start", 2021, "--horizon", 1, "--set", "tfr=1,8").stdout)
    assert high[1]["births"] == pytest.approx(low[1]["births"] * 1.8 / 1.2, rel=1e-6)


def test_set_value_at_year_is_reached_linearly(data_file):
    rows = json.loads(
        run(data_file, "--start", 2021, "--horizon", 4, "--set", "tfr=1.98@2023").stdout
    )
    births = {r["year"]: r["births"] for r in rows if r["region"] == rows[0]["region"]}
    const = json.loads(run(data_file, "--start", 2021, "--horizon", 4, "--set", "tfr=1.98").stdout)
    births_const = {r["year"]: r["births"] for r in const if r["region"] == rows[0]["region"]}
    # 2022 halfway between the 2021 level (1.58) and 1.98; from 2023 on the same as constant
    assert births[2022] < births_const[2022] * 0.92
    assert births[2023] == pytest.approx(births_const[2023], rel=0.01)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", 2030, "--horizon", 2], "Kein Bevölkerungsstand 31.12.2030"),
        (["--start", 2021, "--horizon", 2, "--set", "foo=1"], "Unbekannter Parameter"),
        (["--start", 2021, "--horizon", 2, "--set", "tfr=abc"], "keine Zahl"),
        (["--start", 2021, "--horizon", 2, "--set", "tfr=1.5@x"], "kein Jahr"),
        (["--start", 2021, "--horizon", 2, "--scenario", "Utopia"], "Unbekanntes Szenario"),
    ],
)
def test_errors_are_german_with_exit_code_2(data_file, args, message):
    proc = run(data_file, *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unreadable_file_is_reported_without_traceback(tmp_path):
    bad = tmp_path / "kaputt.csv"
    bad.write_text("das ist keine Tabelle\n", encoding="utf-8")
    proc = run(bad, "--start", 2021, "--horizon", 2)
    assert proc.returncode == 2
    assert "Fehler:" in proc.stderr and "Traceback" not in proc.stderr
