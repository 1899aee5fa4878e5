"""One number per territory: on hierarchical input (Land, Kreis and Gemeinde rows, as the
Regionalstatistik tables have them) the projected Kreis is the sum of its Gemeinden and
the Land the sum of its Kreise, in every year, sex and age group; input without
aggregates comes out exactly as before. Real row subsets: the Saarland (Land 10, six
Kreise, 52 Gemeinden) of the Zensus 2011 table and of the table of 31.12.2015."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from demography import consistency
from demography.__main__ import main
from demography.consistency import parents, sum_to_aggregates
from tests.demography.genesis_rows import cut_rows

FOLDER = "gemeinden_2008-2015"
ZENSUS = "regio_12111-02-01-5_gemeinden_zensus2011_altersgruppen.csv"
B2015 = "regio_12411-02-03-5-B_gemeinden_17altersgruppen_geschlecht_2015.csv"
TOTALS = "regio_12411-01-01-5-B_gemeinden_bevoelkerung_geschlecht_2008-2015.csv"
LAND = "10"
KREIS = "10045"  # Saarpfalz-Kreis, seven Gemeinden


def _aggregate_rows(src: Path, keep) -> list[str]:
    """Land and Kreis rows of the 2015 table (which lists only Gemeinden): the sums of the
    Gemeinden that pass ``keep``, as the external check's files have them."""
    sums: dict[str, np.ndarray] = {}
    for line in src.read_text(encoding="utf-8").splitlines():
        code, *rest = line.split(";")
        if len(code) == 8 and code.isdigit() and keep(code):
            values = np.array([0 if c == "-" else int(c) for c in rest[1:]])
            for key in (code[:2], code[:5]):
                sums[key] = sums.get(key, 0) + values
    return [f"{k};Region {k};" + ";".join(map(str, v)) + "\n" for k, v in sorted(sums.items())]


@pytest.fixture(scope="module")
def files(shared_data: Path, tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("aggregates")
    zensus, b2015 = shared_data / FOLDER / ZENSUS, shared_data / FOLDER / B2015
    saar = lambda c: c.startswith(LAND)  # noqa: E731
    gemeinden = lambda c: saar(c) and len(c) == 8  # noqa: E731
    all_but_one = lambda c: gemeinden(c) and c != KREIS + "117"  # noqa: E731 (St. Ingbert)
    return {
        "zensus": cut_rows(zensus, tmp / "zensus.csv", saar),
        "gemeinden": cut_rows(b2015, tmp / "gemeinden.csv", gemeinden),
        "hierarchy": cut_rows(b2015, tmp / "hier.csv", gemeinden, _aggregate_rows(b2015, saar)),
        # the Kreis and Land rows of the whole Saarland, one Gemeinde of the Kreis missing
        "partial": cut_rows(b2015, tmp / "part.csv", all_but_one, _aggregate_rows(b2015, saar)),
        "one_place": cut_rows(b2015, tmp / "one.csv", {"10041100"}.__contains__),
        "one_place_zensus": cut_rows(zensus, tmp / "one_z.csv", {"10041100"}.__contains__),
        "totals": cut_rows(shared_data / FOLDER / TOTALS, tmp / "totals.csv", saar),
    }


def _run(capsys, *paths: Path, horizon: int = 8) -> tuple[list[dict], str]:
    args = ["project", *map(str, paths), "--start", "2015", "--horizon", str(horizon)]
    assert main(args) == 0
    out = capsys.readouterr()
    return json.loads(out.out), out.err


def _children(codes, code: str) -> list[str]:
    """Kreise of a Land, Gemeinden of a Kreis."""
    length = 5 if len(code) == 2 else 8
    return [c for c in codes if len(c) == length and c.startswith(code)]


def _assert_sums(rows: list[dict]) -> None:
    """Every Land/Kreis row = sum of its children: totals, sexes, age groups, components."""
    by = {(r["region"], r["year"]): r for r in rows}
    codes = sorted({r["region"] for r in rows})
    years = sorted({r["year"] for r in rows})
    aggregates = [c for c in codes if len(c) in (2, 5)]
    assert aggregates
    for code in aggregates:
        kids = _children(codes, code)
        assert kids, code
        for year in years:
            row = by[(code, year)]
            for key in ("total", "male", "female", "births", "deaths", "net_migration"):
                if row[key] is None:
                    continue
                assert row[key] == pytest.approx(sum(by[(k, year)][key] for k in kids), rel=1e-9), (
                    code,
                    year,
                    key,
                )
            for label, value in row["age_groups"].items():
                got = sum(by[(k, year)]["age_groups"][label] for k in kids)
                assert value == pytest.approx(got, rel=1e-9, abs=1e-6), (code, year, label)
            for sex in ("male", "female"):
                single = np.sum([by[(k, year)]["single_years"][sex] for k in kids], axis=0)
                # the output rounds single years to 3 decimals
                np.testing.assert_allclose(row["single_years"][sex], single, atol=1e-3 * len(kids))


def test_kreis_and_land_are_the_sums_of_their_gemeinden_and_kreise(files, capsys) -> None:
    rows, err = _run(capsys, files["zensus"], files["hierarchy"])
    assert "Summe ihrer Gemeinden" in err
    _assert_sums(rows)
    # the Gemeinden come out as from the file without the Land and Kreis rows
    plain, _ = _run(capsys, files["zensus"], files["gemeinden"])
    got = {(r["region"], r["year"]): r["total"] for r in rows}
    for r in plain:
        assert got[(r["region"], r["year"])] == pytest.approx(r["total"], rel=1e-9)


def test_each_row_on_its_own_gives_two_numbers_for_one_territory(files) -> None:
    """What the consistency repairs: projected on its own, a Kreis row differs from the
    sum of its Gemeinden (the test above would fail without it)."""
    from demography.history_projection import project_history, stocks_from_grouped
    from demography.readers.history import read_history

    history = read_history([files["zensus"], files["hierarchy"]])
    codes, _, stocks = stocks_from_grouped([s.population for s in history.stocks])
    own, _ = project_history(stocks, codes=codes, horizon=8, base_year=2015, aggregates="own")
    summed, _ = project_history(stocks, codes=codes, horizon=8, base_year=2015)
    totals_own, totals_sum = own.totals[-1], summed.totals[-1]
    gaps = []
    for code in (c for c in codes if len(c) == 5):
        kids = [i for i, c in enumerate(codes) if len(c) == 8 and c.startswith(code)]
        kreis = codes.index(code)
        gaps.append(abs(totals_own[kreis] - totals_own[kids].sum()))
        assert totals_sum[kreis] == pytest.approx(totals_sum[kids].sum(), rel=1e-12)
        np.testing.assert_array_equal(totals_sum[kids], totals_own[kids])
    assert max(gaps) > 400  # Regionalverband Saarbrücken: 330,217 against 330,704


def test_one_stichtag_with_totals_and_one_stichtag_alone_are_consistent(files, capsys) -> None:
    """The other two paths of the command: one age Stichtag with the totals 2008–2015
    (``project_from_totals``) and one Stichtag alone (the plain projection)."""
    rows, _ = _run(capsys, files["hierarchy"], files["totals"])
    _assert_sums(rows)
    rows, _ = _run(capsys, files["hierarchy"])
    _assert_sums(rows)


def test_a_kreis_missing_a_gemeinde_keeps_that_part(files, capsys) -> None:
    """A cut file without one Gemeinde of the Kreis: the Kreis is the sum of the listed
    Gemeinden plus the missing part projected like the Kreis itself – its base stays the
    Kreis row, and a note names how much the listed Gemeinden cover."""
    rows, err = _run(capsys, files["zensus"], files["partial"])
    by = {(r["region"], r["year"]): r["total"] for r in rows}
    codes = {r["region"] for r in rows}
    kids = _children(codes, KREIS)
    base = {r["region"]: r["total"] for r in rows if r["year"] == 2015}
    full = _run(capsys, files["zensus"], files["hierarchy"])[0]
    kreis_row = next(r["total"] for r in full if (r["region"], r["year"]) == (KREIS, 2015))
    assert base[KREIS] == pytest.approx(kreis_row, rel=1e-12)
    share = sum(base[k] for k in kids) / base[KREIS]
    assert 0.5 < share < 0.99
    assert f"{KREIS} ({100 * share:.1f} %)" in err
    for year in (2016, 2023):
        listed = sum(by[(k, year)] for k in kids)
        assert listed < by[(KREIS, year)] < listed / share * 1.02


@pytest.mark.parametrize(
    "names", [("zensus", "gemeinden"), ("one_place_zensus", "one_place"), ("one_place",)]
)
def test_input_without_aggregates_is_bit_identical(files, capsys, monkeypatch, names) -> None:
    """Gemeinden only, a single place with two Stichtage, a single place alone: the output
    is byte for byte the one without the consistency step."""
    paths = [files[n] for n in names]
    args = ["project", *map(str, paths), "--start", "2015", "--horizon", "8"]
    assert main(args) == 0
    now = capsys.readouterr().out
    monkeypatch.setattr(consistency, "sum_to_aggregates", lambda result, **_: result)
    assert main(args) == 0
    assert capsys.readouterr().out == now


def test_parents_follow_the_key_prefixes() -> None:
    codes = ["DG", "10", "10041", "10041100", "10042113", "08226068"]
    assert [codes[p] if p >= 0 else None for p in parents(codes)] == [
        None,
        "DG",
        "10",
        "10041",
        "10",
        "DG",
    ]
    assert (parents(["10041100", "08226068"]) == -1).all()


def test_raking_scales_the_gemeinden_to_the_kreis(files) -> None:
    """The top-down variant (measured against the sum, not the default): every projected
    year, sex and single age of the Gemeinden adds up to the Kreis, the base year stays."""
    from demography.history_projection import project_history, stocks_from_grouped
    from demography.readers.history import read_history

    history = read_history([files["zensus"], files["hierarchy"]])
    codes, _, stocks = stocks_from_grouped([s.population for s in history.stocks])
    own, _ = project_history(stocks, codes=codes, horizon=5, base_year=2015, aggregates="own")
    raked = consistency.rake_to_aggregates(own)
    kids = [i for i, c in enumerate(codes) if len(c) == 8 and c.startswith(KREIS)]
    kreis = codes.index(KREIS)
    counts = raked.single_years()
    np.testing.assert_allclose(counts[1:, kids].sum(axis=1), counts[1:, kreis], rtol=1e-9)
    np.testing.assert_array_equal(counts[0], own.single_years()[0])
    assert sum_to_aggregates(raked).totals[-1, kreis] == pytest.approx(raked.totals[-1, kreis])
