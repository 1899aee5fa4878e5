"""A kreisfreie Stadt in two files: the Zensus 2011 table (12111-02-01-5) lists Flensburg
only as Kreis ``01001``, the table of 31.12.2015 (12411-02-03-5-B) as Gemeinde
``01001000``. Projected from both, the city must use its Zensus stock (as if the Zensus
row were labelled ``01001000``), and nothing may be counted twice where a file lists the
Kreis and its Gemeinden. Real row subsets: Flensburg and the Landkreis Dithmarschen
(01051) with its Gemeinden."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from demography.__main__ import main
from demography.history_shrink import leaves
from demography.readers.history import read_history
from tests.demography.genesis_rows import cut_rows

FOLDER = "gemeinden_2008-2015"
ZENSUS = "regio_12111-02-01-5_gemeinden_zensus2011_altersgruppen.csv"
B2015 = "regio_12411-02-03-5-B_gemeinden_17altersgruppen_geschlecht_2015.csv"
CITY, KREIS = "01001", "01051"  # Flensburg (kreisfrei), Dithmarschen (Landkreis)


def _kreis_rows(src: Path) -> list[str]:
    """Kreis rows ``01001`` and ``01051`` of the 2015 table: sums of their Gemeinden."""
    sums: dict[str, np.ndarray] = {}
    for line in src.read_text(encoding="utf-8").splitlines():
        code, *rest = line.split(";")
        if len(code) == 8 and code.isdigit() and code[:5] in (CITY, KREIS):
            cells = rest[1:]
            values = np.array([0 if c == "-" else int(c) for c in cells])
            sums[code[:5]] = sums.get(code[:5], 0) + values
    return [f"{k};Kreis {k};" + ";".join(map(str, v)) + "\n" for k, v in sums.items()]


@pytest.fixture(scope="module")
def files(shared_data: Path, tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("same_territory")
    region = lambda c: c == CITY or c.startswith(KREIS)  # noqa: E731
    gemeinden = lambda c: c == CITY + "000" or (c.startswith(KREIS) and len(c) == 8)  # noqa: E731
    out = {
        "zensus": cut_rows(shared_data / FOLDER / ZENSUS, tmp / "zensus.csv", region),
        "b2015": cut_rows(shared_data / FOLDER / B2015, tmp / "b2015.csv", gemeinden),
        # the Zensus row of the city relabelled by hand (what the engine has to do itself)
        "relabelled": cut_rows(
            shared_data / FOLDER / ZENSUS, tmp / "relabelled.csv", lambda c: c.startswith(KREIS)
        ),
        # Zensus: only the Landkreis row, none of its Gemeinden
        "kreis_only": cut_rows(
            shared_data / FOLDER / ZENSUS, tmp / "kreis.csv", {KREIS}.__contains__
        ),
    }
    city_row = next(
        line
        for line in (shared_data / FOLDER / ZENSUS).read_text(encoding="utf-8").splitlines()
        if line.startswith(CITY + ";")
    )
    relabelled = out["relabelled"].read_text(encoding="utf-8")
    first = re.search(r"^01051;", relabelled, flags=re.M).start()
    row = CITY + "000;Flensburg;" + city_row.split(";", 2)[2] + "\n"
    out["relabelled"].write_text(relabelled[:first] + row + relabelled[first:], encoding="utf-8")
    # the 2015 table with Kreis rows as well: Flensburg as Kreis 01001 and Gemeinde 01001000
    b = out["b2015"]
    kreis_rows = _kreis_rows(b)
    out["b2015_kreise"] = cut_rows(b, tmp / "b2015_kreise.csv", lambda c: True, kreis_rows)
    return out


def _project(capsys, *paths: Path) -> tuple[dict[tuple[str, int], float], str]:
    args = ["project", *map(str, paths), "--start", "2015", "--horizon", "8"]
    assert main(args) == 0
    out = capsys.readouterr()
    rows = json.loads(out.out)
    return {(r["region"], r["year"]): r["total"] for r in rows}, out.err


def test_the_city_is_projected_from_its_zensus_stock(files, capsys) -> None:
    both, notes = _project(capsys, files["zensus"], files["b2015"])
    alone, _ = _project(capsys, files["b2015"])
    by_hand, _ = _project(capsys, files["relabelled"], files["b2015"])

    assert "ohne früheren Stand" not in notes  # every region has its Zensus stock
    city = (CITY + "000", 2023)
    assert abs(both[city] - alone[city]) > 100  # the history changes the city's projection
    assert both.keys() == by_hand.keys() == alone.keys()
    for key, value in by_hand.items():
        assert both[key] == pytest.approx(value, rel=1e-9), key


def test_kreis_and_gemeinde_of_one_city_in_one_file_count_once(files, capsys) -> None:
    """The 2015 file with Kreis rows: Flensburg is there as 01001 and 01001000; the
    Gemeinden come out exactly as without the Kreis rows (the Kreis rows are not leaves:
    they enter no Kreis or Land sum of the shrinkage), and in both Stichtage the Gemeinden
    add up to the Kreise."""
    plain, _ = _project(capsys, files["zensus"], files["b2015"])
    kreise, _ = _project(capsys, files["zensus"], files["b2015_kreise"])

    for key, value in plain.items():
        assert kreise[key] == pytest.approx(value, rel=1e-9), key
    assert kreise[(CITY, 2015)] == kreise[(CITY + "000", 2015)] == 85_942
    dithmarschen = sum(v for (c, y), v in plain.items() if y == 2015 and c[:5] == KREIS)
    assert kreise[(KREIS, 2015)] == pytest.approx(dithmarschen, rel=1e-12)

    history = read_history([files["zensus"], files["b2015_kreise"]])
    leaf = leaves(history.codes)
    zensus, b2015 = (s.population.counts for s in history.stocks)
    kreise_rows = [history.index(CITY), history.index(KREIS)]
    for counts in (zensus, b2015):  # leaves = Gemeinden add up to the Kreise
        assert np.nansum(counts[leaf]) == np.nansum(counts[kreise_rows])
    # the 2015 Gemeinde row keeps its own values, the Zensus one is the Kreis row
    city, gemeinde = history.index(CITY), history.index(CITY + "000")
    assert np.array_equal(zensus[gemeinde], zensus[city])
    assert b2015[gemeinde].sum() == b2015[city].sum() == 85_942


def test_a_landkreis_row_is_never_given_to_a_gemeinde(files) -> None:
    history = read_history([files["kreis_only"], files["b2015"]])
    zensus = next(s for s in history.stocks if s.date == "2011-05-09").population.counts
    known = [c for c, row in zip(history.codes, zensus, strict=True) if np.isfinite(row).any()]
    assert known == [KREIS]
    assert not any("kreisfreie" in note for note in history.notes)


def test_hamburg_as_land_and_as_gemeinde_is_one_territory(shared_data: Path, tmp_path) -> None:
    """The Zensus table lists Hamburg only as Land ``02``, the 2015 table as ``02000000``."""
    zensus = cut_rows(shared_data / FOLDER / ZENSUS, tmp_path / "z.csv", {"02"}.__contains__)
    b2015 = cut_rows(shared_data / FOLDER / B2015, tmp_path / "b.csv", {"02000000"}.__contains__)
    history = read_history([zensus, b2015])
    first = next(s for s in history.stocks if s.date == "2011-05-09").population.counts
    assert np.nansum(first[history.index("02000000")]) == 1_706_696  # Zensus 09.05.2011
    assert np.array_equal(first[history.index("02000000")], first[history.index("02")])
