"""Trend weight by the size of the input's top aggregate (the default since 08.12.2026;
``trend_weight="size"``, CLI ``--trend-weight size``): a single place keeps "the input
stays", a Land or Germany carries its migration trend on; ``trend_weight=0`` (CLI
``--trend-weight 0``) gives the old w = 0 for every input."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from demography.__main__ import main
from demography.core import N_AGES, Population
from demography.history_projection import (
    TREND_SIZE,
    GroupedStock,
    group_sums,
    national_shape,
    project_history,
    top_trend_weight,
)
from demography.projection import prepare, project_arrays
from tests.demography.genesis_rows import cut_rows

L17 = (0, 3, 6, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 75)


def test_weight_rises_with_the_log_of_the_size_from_100_000_to_10_million():
    assert TREND_SIZE == (100_000.0, 10_000_000.0)
    assert top_trend_weight(7_000) == 0.0  # Reilingen
    assert top_trend_weight(85_000) == 0.0  # Konstanz
    assert top_trend_weight(1_000_000) == pytest.approx(0.5)  # Saarland
    assert top_trend_weight(2_500_000) == pytest.approx(0.70, abs=0.01)
    assert top_trend_weight(13_000_000) == 1.0  # Bayern
    assert top_trend_weight(83_000_000) == 1.0  # Germany
    sizes = np.geomspace(1e4, 1e8, 50)
    assert np.all(np.diff([top_trend_weight(s) for s in sizes]) >= 0)


def _place(scale: float) -> list[GroupedStock]:
    """One place of ``scale`` persons (German age structure 2010) run five years with a net
    migration of +1 % a year at every age."""
    shape = national_shape(2010)
    base = shape / shape.sum() * scale
    pop = Population(("08226068",), ("Ort",), 2010, base[None])
    _, sch = prepare(pop, horizon=5, overrides={"net_migration": 0})
    rates = np.full((1, 2, N_AGES), 0.01)
    later = project_arrays(base[None], sch, net_counts=np.zeros((1, 2, N_AGES)), out_rates=-rates)
    return [
        GroupedStock(2010, L17, group_sums(base[None], L17)),
        GroupedStock(2015, L17, group_sums(later["counts"][5], L17)),
    ]


def _total(stocks, **kw) -> float:
    res, _ = project_history(stocks, codes=["08226068"], horizon=5, **kw)
    return float(res.single_years()[5].sum())


@pytest.mark.parametrize(
    ("scale", "weight"), [(5_000.0, 0.0), (1_000_000.0, 0.5), (20_000_000.0, 1.0)]
)
def test_a_place_stays_a_land_keeps_half_germany_its_whole_trend(scale, weight):
    stocks = _place(scale)
    stay, trend = _total(stocks, trend_weight=0.0), _total(stocks, trend_weight=1.0)
    assert trend > stay * 1.03  # the trend (+1 % a year) is visible
    by_size = _total(stocks, trend_weight="size")
    assert (by_size - stay) / (trend - stay) == pytest.approx(weight, abs=0.02)
    # the default is the weight by size: a place stays, a Land half, Germany its trend
    assert _total(stocks) == pytest.approx(by_size, rel=1e-12)


FOLDER = "gemeinden_2008-2015"
ZENSUS = "regio_12111-02-01-5_gemeinden_zensus2011_altersgruppen.csv"
B2015 = "regio_12411-02-03-5-B_gemeinden_17altersgruppen_geschlecht_2015.csv"


def _run(capsys, *args: str) -> tuple[dict, str]:
    """Totals by (region, year) and the notes (stderr) of one CLI run."""
    assert main(["project", *args, "--start", "2015", "--horizon", "8"]) == 0
    out = capsys.readouterr()
    rows = json.loads(out.out)
    return {(r["region"], r["year"]): r["total"] for r in rows}, out.err


def test_cli_trend_weight_size_moves_the_saarland_half_way_to_its_trend(
    shared_data, tmp_path, capsys
):
    """Saarland (about 1 million people, 52 Gemeinden), Zensus 2011 + 31.12.2015: with
    ``--trend-weight size`` (the default) the Land gets w = 0.5 – half way between
    "stays" and its trend 2011–2015; ``--trend-weight 0`` gives the old "stays"."""
    f1 = cut_rows(shared_data / FOLDER / ZENSUS, tmp_path / "z.csv", "10")
    f2 = cut_rows(shared_data / FOLDER / B2015, tmp_path / "b.csv", "10")
    default, notes = _run(capsys, str(f1), str(f2))
    zero, zero_notes = _run(capsys, str(f1), str(f2), "--trend-weight", "0")
    full, _ = _run(capsys, str(f1), str(f2), "--trend-weight", "1")
    size, _ = _run(capsys, str(f1), str(f2), "--trend-weight", "size")
    assert size == default
    assert zero != default
    # the notes say which weight each run used
    assert re.search(r"Trendgewicht der ganzen Eingabe 0,(4[6-9]|5[0-4]) nach ihrer Größe", notes)
    assert "Trendgewicht der ganzen Eingabe 0,00 (vorgegeben)" in zero_notes
    gemeinden = [c for (c, y) in default if y == 2023 and len(c) == 8]
    assert len(gemeinden) > 40

    def land(d):
        return sum(d[(c, 2023)] for c in gemeinden)

    assert abs(land(full) - land(zero)) > 1_000  # the trend matters
    share = (land(size) - land(zero)) / (land(full) - land(zero))
    assert share == pytest.approx(0.5, abs=0.06)  # totals are nearly linear in w


def test_cli_refuses_a_trend_weight_outside_0_to_1(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["project", "x.csv", "--start", "2015", "--horizon", "5", "--trend-weight", "2"])
    assert exc.value.code == 2
    assert "size" in capsys.readouterr().err
