"""``python -m demography indicators FILE`` run as a subprocess on real files."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The dispatcher imports every sub-command; until all exist, call this command directly.
_RUNNER = (
    "import sys, argparse; from demography.cli import indicators as m; "
    "p = argparse.ArgumentParser(); m.add_arguments(p); sys.exit(m.run(p.parse_args(sys.argv[1:])))"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    complete = all(importlib.util.find_spec(f"demography.cli.{c}") for c in ("project", "bench"))
    cmd = (
        [sys.executable, "-m", "demography", "indicators"]
        if complete
        else [sys.executable, "-c", _RUNNER]
    )
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=REPO, timeout=120)


def test_json_for_the_kreise_file(kreise_2020: Path) -> None:
    result = run(str(kreise_2020))
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    de = next(r for r in rows if r["region"] == "DG")
    assert de["name"] == "Deutschland" and de["year"] == 2020
    assert de["population"] == 83_155_031
    # Altenquotient: 65+ per 100 aged 20–64, from the published rows of the file
    assert de["old_age_dependency_ratio"] == pytest.approx(36.876, abs=1e-3)
    assert de["median_age"] == pytest.approx(45.9, abs=0.05)
    assert {"mean_age", "youth_dependency_ratio", "share_80_plus", "oldest_old_share"} <= de.keys()
    berlin_mitte = next(r for r in rows if r["region"] == "11001001")
    assert berlin_mitte["population"] is None  # '.' in the file: unknown, not 0


def test_changes_over_years_and_csv_output(shared_data: Path) -> None:
    result = run(
        str(shared_data / "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"),
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=";"))
    bw = {int(r["year"]): r for r in rows if r["region"] == "08"}
    assert bw[2016]["population_change_1y"] == str(
        round((10_951_893 - 10_879_618) / 10_879_618 * 100, 4)
    )
    assert bw[2015]["population_change_1y"] == ""  # no earlier year in the file
    assert bw[2020]["population_change_5y"] != ""


def test_births_per_year(shared_data: Path) -> None:
    result = run(str(shared_data / "destatis_12612-0002_geburten_monate_1950-2022.csv"))
    rows = {r["year"]: r for r in json.loads(result.stdout)}
    assert rows[1950]["births"] == 1_116_701
    assert rows[2022]["births"] is None  # months not yet available


def test_errors_are_bilingual_without_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "leer.csv"
    empty.write_bytes(b"")
    result = run(str(empty))
    assert result.returncode == 2
    assert "Fehler" in result.stderr and "Error" in result.stderr
    assert "leer" in result.stderr and "empty" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_several_files_an_unreadable_one_is_skipped_with_summary(
    shared_data: Path, tmp_path: Path
) -> None:
    """Issue 21 item 10: the command goes on after a bad file and exits 2 at the end."""
    broken = tmp_path / "kaputt.csv"
    broken.write_bytes(
        (shared_data / "reilingen_08226068/reilingen_zuzuege.csv")
        .read_bytes()
        .replace(b";852;", b";-852;")
    )
    result = run(
        str(shared_data / "reilingen_08226068/reilingen_birth_death.csv"),
        str(broken),
        str(tmp_path / "fehlt.csv"),
        str(shared_data / "reilingen_08226068/reilingen_fortzuege.csv"),
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Negative Anzahl" in result.stderr and "nicht gefunden" in result.stderr
    assert "2 von 4 Dateien ausgewertet" in result.stderr
    rows = json.loads(result.stdout)
    by_year = {(r["year"], k): r[k] for r in rows for k in r if k.startswith("migration")}
    assert by_year[(2015, "migration_in")] == 852  # from the birth/death table
    assert by_year[(2015, "migration_out")] == 792


def test_gemeinde_age_table_cut_to_one_land(shared_data: Path, tmp_path: Path) -> None:
    """Measured in issue 15: the table failed ("age in rows and columns"), its one-Land cut
    with "no reference date"."""
    name = "gemeinden_2008-2015/regio_12411-02-03-5-B_gemeinden_17altersgruppen_geschlecht_2015.csv"
    lines = (shared_data / name).read_bytes().split(b"\n")
    footer = next(k for k, ln in enumerate(lines) if ln.startswith(b"__________"))
    cut = lines[:10] + [ln for ln in lines[10:footer] if ln.startswith(b"08")] + lines[footer:]
    path = tmp_path / "bw.csv"
    path.write_bytes(b"\n".join(cut))
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    reilingen = next(r for r in json.loads(result.stdout) if r["region"] == "08226068")
    assert reilingen["population"] == 7_437 and reilingen["date"] == "2015-12-31"
    assert reilingen["share_under_18"] == pytest.approx(
        (200 + 210 + 257 + 345 + 243) / 74.37, abs=0.05
    )


def test_changes_stop_at_a_break_of_the_population_basis(shared_data: Path) -> None:
    """README "Population bases": StaLa-BW 12411_0012 is on VZ87 until 2010, Zensus 2011
    for 2011–2021 and Zensus 2022 from 2022; a change across a break would mix bases."""
    result = run(str(shared_data / "reilingen_08226068/reilingen_demo_20_y_brackets.csv"))
    assert result.returncode == 0, result.stderr
    rows = {r["year"]: r for r in json.loads(result.stdout)}
    assert [rows[y]["basis"] for y in (2010, 2015, 2022)] == ["vz1987", "zensus2011", "zensus2022"]
    assert rows[2022]["population_change_1y"] is None  # 2021 is on the Zensus 2011 basis
    assert rows[2023]["population_change_1y"] == round((8_328 - 8_135) / 8_135 * 100, 4)
    assert rows[2015]["population_change_5y"] is None and rows[2020]["population_change_5y"]
