"""Own rate tables replace the default fertility and mortality schedules."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from demography.errors import DataError
from demography.fertility import FERTILE_MAX, FERTILE_MIN
from demography.projection import example_population, prepare, project, project_arrays
from demography.ratetables import RateTable, apply_rate_table, read_rate_table


def write_table(
    path: Path, asfr: np.ndarray, mx: np.ndarray, *, decimal_comma: bool = True
) -> Path:
    lines = ["alter;geburtenrate;sterberate_maennlich;sterberate_weiblich"]
    for age in range(101):
        f = asfr[age - FERTILE_MIN] if FERTILE_MIN <= age <= FERTILE_MAX else 0.0
        cells = [f"{f:.14f}", f"{mx[0, age]:.14f}", f"{mx[1, age]:.14f}"]
        if decimal_comma:
            cells = [c.replace(".", ",") for c in cells]
        lines.append(";".join([str(age), *cells]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def default_year0():
    """Fertility and mortality of the default Basis scenario in its first year."""
    from demography.assumptions import load_assumptions
    from demography.lifetable import mortality_for_e0_model

    base = example_population(3, year=2023)
    params, schedules = prepare(base, horizon=5)
    a = load_assumptions()
    mx = np.stack([mortality_for_e0_model(params.e0[0, s], a.mortality_model, s) for s in (0, 1)])
    return base, schedules, schedules.asfr[0].copy(), mx


def test_table_round_trip_reproduces_constant_default_schedules(tmp_path, default_year0):
    base, schedules, asfr, mx = default_year0
    table = read_rate_table(write_table(tmp_path / "raten.csv", asfr, mx))
    np.testing.assert_allclose(table.asfr, asfr, rtol=0, atol=1e-13)  # 14 decimals written
    # Expected: the kernel run on the default schedules with year-0 rates held constant.
    h = schedules.years.size
    held = replace(
        schedules,
        asfr=np.repeat(schedules.asfr[:1], h, axis=0),
        survival=np.repeat(schedules.survival[:1], h, axis=0),
        birth_survival=np.repeat(schedules.birth_survival[:1], h, axis=0),
    )
    expected = project_arrays(base.counts, held)["counts"]
    result = project(base, horizon=5, rates=table)
    np.testing.assert_allclose(result.counts, expected, rtol=1e-8)
    assert np.abs(result.accounting_residual()).max() < 1e-6


def test_doubling_fertility_doubles_first_year_births(tmp_path, default_year0):
    base, _schedules, asfr, mx = default_year0
    one = project(base, horizon=1, rates=read_rate_table(write_table(tmp_path / "a.csv", asfr, mx)))
    two = project(
        base, horizon=1, rates=read_rate_table(write_table(tmp_path / "b.csv", 2 * asfr, mx))
    )
    np.testing.assert_allclose(two.births.sum(), 2 * one.births.sum(), rtol=1e-10)
    # Deaths change only by the infant deaths among the extra births (well under 1 %).
    assert two.deaths.sum() > one.deaths.sum()
    np.testing.assert_allclose(two.deaths.sum(), one.deaths.sum(), rtol=1e-2)


def test_tfr_override_rescales_the_table(tmp_path, default_year0):
    base, schedules, asfr, mx = default_year0
    table = read_rate_table(write_table(tmp_path / "r.csv", asfr, mx))
    adapted = apply_rate_table(schedules, table, tfr=np.full(schedules.years.size, 2.0))
    np.testing.assert_allclose(adapted.asfr.sum(axis=1), 2.0)
    np.testing.assert_allclose(
        adapted.asfr[0] / adapted.asfr[0].sum(), asfr / asfr.sum(), atol=1e-12
    )
    with pytest.raises(ValueError, match="eigenen Sterbetafel"):
        project(base, horizon=2, rates=table, overrides={"e0_male": 80})


def test_life_expectancy_of_the_table(tmp_path, default_year0):
    base, _schedules, asfr, mx = default_year0
    table = RateTable(asfr=asfr, mx=mx, source="x")
    params, _ = prepare(base, horizon=5)
    np.testing.assert_allclose(table.e0, params.e0[0], atol=1e-6)


@pytest.mark.parametrize(
    ("edit", "where", "text"),
    [
        (lambda lines: lines.__setitem__(0, "age;asfr;m;f"), (1, None), "Spaltenüberschriften"),
        (lambda lines: lines.pop(51), (None, None), "fehlen Altersjahre"),
        (lambda lines: lines.__setitem__(61, "60;0,01;0,01;0,01"), (62, 2), "Ungültige Rate"),
        (lambda lines: lines.__setitem__(11, "10;0;-0,1;0,001"), (12, 3), "Ungültige Rate"),
        (lambda lines: lines.__setitem__(11, "zehn;0;0,1;0,001"), (12, 1), "keine ganze Zahl"),
        (lambda lines: lines.__setitem__(12, "10;0;0,001;0,001"), (13, 1), "doppelt"),
    ],
)
def test_bad_tables_name_line_column_and_expectation(tmp_path, default_year0, edit, where, text):
    _base, _s, asfr, mx = default_year0
    path = write_table(tmp_path / "r.csv", asfr, mx)
    lines = path.read_text(encoding="utf-8").splitlines()
    edit(lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_rate_table(path)
    err = info.value
    assert text in err.german() and err.english()
    assert (err.line, err.column) == where


def test_cli_accepts_own_rates_and_assumptions(tmp_path, default_year0):
    from tests.demography.test_cli_project import FILE

    if not FILE.exists():
        pytest.skip(f"Destatis-Datei fehlt: {FILE}")
    _base, _s, asfr, mx = default_year0
    rates = write_table(tmp_path / "raten.csv", asfr, mx)
    shipped = (
        Path(__file__).resolve().parents[2] / "src" / "demography" / "data" / "assumptions_de.json"
    )
    own = json.loads(shipped.read_text(encoding="utf-8"))
    own["fertility"]["tfr"]["value"] = 1.9
    (tmp_path / "annahmen.json").write_text(json.dumps(own), encoding="utf-8")

    from tests.demography.test_cli_project import run as run_cli

    def births(*extra):
        proc = run_cli(FILE, "--start", 2021, "--horizon", 2, *extra)
        assert proc.returncode == 0, proc.stderr
        return sum(r["births"] or 0 for r in json.loads(proc.stdout))

    default = births()
    assert births("--assumptions", tmp_path / "annahmen.json") > default * 1.2
    assert births("--rates", rates) > 0
    bad = run_cli(FILE, "--start", 2021, "--horizon", 2, "--rates", FILE)
    assert (
        bad.returncode == 2
        and "Spaltenüberschriften" in bad.stderr
        and "Traceback" not in bad.stderr
    )
