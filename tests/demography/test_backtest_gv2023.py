"""The data set of the backtest Zensus 2011 + 31.12.2015 → Gemeindeverzeichnis 31.12.2023
(bench/backtest_gemeinden.py ``gv2023``) on small real subsets: which Gemeinden count as
unchanged territory, the 2023 totals, and the per-Land files the CLI reads."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import numpy as np

from demography.history_projection import stocks_from_grouped
from demography.readers.history import read_history

GV_2023 = "destatis_gv_gemeinden_31122023_derived.csv"


@cache
def _bench():
    path = Path(__file__).resolve().parents[2] / "bench" / "backtest_gemeinden.py"
    spec = importlib.util.spec_from_file_location("backtest_gemeinden", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _totals_2015(bench, kreise: tuple[str, ...]) -> dict[str, float]:
    """AGS → total 31.12.2015 of the Gemeinden of ``kreise`` (12411-02-03-5-B)."""
    _, body, _ = bench._data_lines(bench.B_LAYOUT)
    out = {}
    for row in body:
        code, name, *cells = row.rstrip("\n").split(";")
        ags = bench._ags(code, name)
        if ags and ags[:5] in kreise and cells[17] not in ("-", "."):
            out[ags] = float(cells[17])
    return out


def test_a_merger_drops_its_whole_kreis_and_kept_gemeinden_get_their_2023_totals(shared_data):
    """Bromskirchen (06635005) joined Allendorf (Eder) between 2015 and 2023; Allendorf kept
    its AGS but not its territory (5,665 → 7,649 inhabitants). The rule drops it with the
    whole Kreis Waldeck-Frankenberg; the Schwalm-Eder-Kreis (no AGS changed) stays whole,
    and its Gemeinden have 2023 totals close to their 2015 ones (same territory)."""
    bench = _bench()
    gv = bench.gv_totals(shared_data / GV_2023)
    before = _totals_2015(bench, ("06634", "06635"))
    after = [a for a, v in gv.items() if v > 0 and a[:5] in ("06634", "06635")]
    kept = bench.unchanged_territory([a for a, v in before.items() if v > 0], after)

    assert "06635005" in before and "06635005" not in gv  # Bromskirchen is gone
    assert gv["06635001"] / before["06635001"] > 1.3  # Allendorf absorbed it
    assert "06635001" not in kept and not any(a.startswith("06635") for a in kept)
    schwalm_eder = {a for a in before if a.startswith("06634")}
    assert kept == schwalm_eder and len(kept) > 20
    ratio = sum(gv[a] for a in kept) / sum(before[a] for a in kept)
    assert 0.95 < ratio < 1.05
    assert gv["08226068"] == 8_320  # Reilingen, Gemeindeverzeichnis 31.12.2023 (README)


def test_a_kreisfreie_stadt_gets_its_zensus_stock_in_the_land_files(shared_data, tmp_path):
    """The Zensus table lists Bremen and Bremerhaven only as Kreise (04011, 04012), the
    2015 table as Gemeinden 04011000/04012000: the Land file adds the Gemeinde rows, so the
    CLI's reader finds both Stichtage for them; the 2015 file gets Land and Kreis rows
    that are the sums of its Gemeinden."""
    bench = _bench()
    f1 = bench.zensus_land_file(tmp_path / "zensus.csv", "04")
    f2 = bench.b_land_file(tmp_path / "b2015.csv", "04")
    history = read_history([f1, f2])
    pops = [s.population for s in history.stocks if s.grid.n > 1]
    codes, _, stocks = stocks_from_grouped(pops)
    assert [round(s.year, 2) for s in stocks] == [2010.35, 2015.0]
    zensus_rows = {
        line.split(";")[0]: float(line.split(";")[2])
        for line in bench._data_lines(bench.ZENSUS_2011)[1]
        if line.startswith("040")
    }
    for city in ("04011", "04012"):
        i = codes.index(city + "000")
        assert stocks[0].counts[i].sum() == zensus_rows[city]
    base = stocks[1].counts.sum(axis=(1, 2))
    land, cities = codes.index("04"), [codes.index(c) for c in ("04011000", "04012000")]
    assert base[land] == base[cities].sum() and np.isfinite(base[cities]).all()
