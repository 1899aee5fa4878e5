"""Gemeinde-level files, Landesamt and city layouts, row subsets and the history (issue 15).

Every file under ../shared/data reads in its original encoding; so does any subset of its
data lines (one Land, one Kreis, one Gemeinde, random lines) with header and footer kept.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demography.agegroups import AgeInterval
from demography.errors import DataError
from demography.readers import read_grouped_population, read_table
from demography.readers.ages import parse_age_labels
from demography.readers.history import decimal_year, history_from_tables, read_history
from tests.demography.conftest import shared_data_dir

GEMEINDEN = "gemeinden_2008-2015"
AGES_2015 = f"{GEMEINDEN}/regio_12411-02-03-5-B_gemeinden_17altersgruppen_geschlecht_2015.csv"
POP_2008_2015 = f"{GEMEINDEN}/regio_12411-01-01-5-B_gemeinden_bevoelkerung_geschlecht_2008-2015.csv"
BIRTHS = f"{GEMEINDEN}/regio_12612-01-01-5-B_gemeinden_lebendgeborene_2008-2015.csv"
DEATHS = f"{GEMEINDEN}/regio_12613-01-01-5-B_gemeinden_gestorbene_2008-2015.csv"
MIGRATION = f"{GEMEINDEN}/regio_12711-01-03-5-B_gemeinden_zu-fortzuege_altersgruppen_2015.csv"
ZENSUS = f"{GEMEINDEN}/regio_12111-02-01-5_gemeinden_zensus2011_altersgruppen.csv"


@cache
def _full(path: Path):
    """Each real file is read once per test session (they are large)."""
    return read_table(path)


def all_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".csv", ".xlsx"))


def test_every_file_in_every_folder_reads(shared_data: Path) -> None:
    files = all_files(shared_data)
    assert len(files) >= 75  # 14 + 12 Gemeinde/Kreis + 4 Reilingen + 47 Konstanz
    for path in files:
        table = _full(path)
        assert table.n > 0 and np.isfinite(table.values).any(), path.name


@pytest.mark.parametrize(
    ("name", "dim", "published"),
    [
        # README: Σ Gemeinden = national totals in every year (Gemeinden under two codes
        # added per AGS, Verbands-/Samtgemeinden and Berlin's Bezirke not counted twice)
        (POP_2008_2015, "date", {"2008-12-31": 82_002_356, "2010-12-31": 81_751_602,
                                 "2011-12-31": 80_327_900, "2015-12-31": 82_175_684}),
        (BIRTHS, "year", {2008: 682_514, 2010: 677_947, 2015: 737_575}),
        (DEATHS, "year", {2008: 844_439, 2010: 858_768, 2015: 925_200}),
    ],
)  # fmt: skip
def test_gemeinden_add_up_to_the_national_totals(
    shared_data: Path, name: str, dim: str, published: dict
) -> None:
    table = _full(shared_data / name)
    cube, (codes, times) = table.cube(("region", dim), sex="total")
    assert {len(c) for c in codes} == {8}  # AGS only: no VG, SG or Berlin Bezirk left
    for when, total in published.items():
        assert np.nansum(cube[:, times.index(when)]) == total, when
    assert "07133007" not in table.attributes["aggregates"]  # a Gemeinde, not a VG
    assert table.attributes["aggregates"]["0713101"] == "Adenau, Verbandsgem."
    assert "Samtgemeinde" in table.attributes["aggregates"]["03151401"]


def test_age_table_2015_reads_as_17_groups_by_sex(shared_data: Path) -> None:
    (grouped,) = read_grouped_population(shared_data / AGES_2015)
    assert grouped.year == 2015 and grouped.sexes == ("male", "female")
    assert grouped.grid.lowers == (0, 3, 6, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 75)
    assert np.nansum(grouped.totals()) == 82_175_684
    assert all(len(c) == 8 for c in grouped.codes)
    reilingen = grouped.codes.index("08226068")  # README spot check against StaLa-BW
    counts = grouped.counts[reilingen].sum(axis=0)
    assert counts.sum() == 7_437 and counts[0] == 200 and counts[-2] == 787 and counts[-1] == 683
    # a Rheinland-Pfalz Gemeinde (10-digit code 07131 01 001) under its AGS
    assert "07131001" in grouped.codes


def test_migration_and_zensus_tables(shared_data: Path) -> None:
    table = _full(shared_data / MIGRATION)
    cube, (codes, measures, ages) = table.cube(("region", "measure", "age"), sex="total")
    reilingen = codes.index("08226068")
    zuzuege = next(i for i, m in enumerate(measures) if m.startswith("Zuzüge"))
    by_age = {a: cube[reilingen, zuzuege, k] for k, a in enumerate(ages)}
    assert [by_age[AgeInterval(lo, hi)] for lo, hi in ((0, 18), (18, 25), (25, 30))] == [
        139,
        82,
        142,
    ]
    zensus = _full(shared_data / ZENSUS)
    assert set(zensus.levels["nat"]) == {"Insgesamt", "Deutsche", "Ausländer"}
    assert zensus.levels["date"] == ("2011-05-09",)
    cube, (codes, nats) = zensus.cube(("region", "nat"), sex="total", age=AgeInterval(0, None))
    de = codes.index("DG")
    assert cube[de, nats.index("Insgesamt")] == 80_219_695
    assert cube[de, nats.index("Deutsche")] + cube[de, nats.index("Ausländer")] == 80_219_695


# ---------------------------------------------------------------- row subsets


@cache
def _split(path: Path) -> tuple[list[bytes], list[bytes], list[bytes]]:
    """Header lines, data lines and footer lines of a GENESIS table, as original bytes."""
    lines = path.read_bytes().split(b"\n")
    footer = next(k for k, ln in enumerate(lines) if ln.startswith(b"__________"))
    first = next(
        k
        for k, ln in enumerate(lines)
        if k > 0 and ln[:1] not in (b";", b"") and lines[k - 1].startswith(b";")
    )
    return lines[:first], lines[first:footer], lines[footer:]


def _per_region(table) -> dict[str, tuple[float, int]]:
    out = {}
    for k, code in enumerate(table.levels["region"]):
        values = table.values[table.index["region"] == k]
        out[code] = (float(np.nansum(values)), int(np.isnan(values).sum()))
    return out


def _table_files() -> list[str]:
    """Every GENESIS/Landesamt table under the shared folder (for the subset property)."""
    folder = shared_data_dir()
    if not folder.is_dir():
        return []
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*.csv")
        if p.read_bytes()[:40]
        .lstrip(b"\xef\xbb\xbf")
        .startswith((b"GENESIS-Tabelle:", b"Tabelle:"))
    )


SUBSET_FILES = _table_files() or [
    AGES_2015,
    POP_2008_2015,
    BIRTHS,
    DEATHS,
    MIGRATION,
    ZENSUS,
    f"{GEMEINDEN}/kreise/regio_12411-04-02-4_kreise_altersjahre_2015.csv",
    f"{GEMEINDEN}/kreise/regio_12613-02-02-4_kreise_gestorbene_altersgruppen_2015.csv",
    f"{GEMEINDEN}/kreise/regio_12711-02-02-4_kreise_wanderungen_altersgruppen_inkl_ausland_2015.csv",
    "regio_12411-04-02-4_kreise_altersjahre_2020.csv",
    "destatis_12411-0017_kreise_altersgruppen_2021.csv",
    "reilingen_08226068/reilingen_demo_20_y_brackets.csv",
]


def _write_subset(tmp_path: Path, name: str, keep) -> Path:
    head, data, foot = _split(shared_data_dir() / name)
    path = tmp_path / Path(name).name
    path.write_bytes(b"\n".join(head + [ln for k, ln in enumerate(data) if keep(k, ln)] + foot))
    return path


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.sampled_from(SUBSET_FILES), st.data())
def test_any_random_subset_of_data_lines_reads_with_the_same_values(
    shared_data: Path, tmp_path: Path, name: str, data
) -> None:
    _, lines, _ = _split(shared_data / name)
    if data.draw(st.booleans()):  # a block of neighbouring lines (one Kreis, one region)
        start = data.draw(st.integers(0, len(lines) - 1))
        chosen = set(range(start, min(len(lines), start + data.draw(st.integers(1, 120)))))
    else:
        chosen = set(data.draw(st.lists(st.integers(0, len(lines) - 1), min_size=1, max_size=40)))
    path = _write_subset(tmp_path, name, lambda k, _ln: k in chosen)
    table = read_table(path)
    full = _per_region(_full(shared_data / name))
    for code, (total, unknown) in _per_region(table).items():
        if code not in full:  # a Berlin Bezirk is kept only when Berlin is not in the subset
            assert code.startswith("110")
            continue
        # a Gemeinde under two codes may be cut in half by the subset: not more than in full
        assert unknown <= full[code][1]
        if unknown == full[code][1] and table.n == _full(shared_data / name).n:
            assert total == full[code][0]


def _code_of(line: bytes, name: str) -> bytes:
    fields = line.split(b";")
    return next((f for f in fields[:3] if re.fullmatch(rb"DG|\d{2,3}|\d{5}|\d{7,12}", f)), b"")


@pytest.mark.parametrize("name", [AGES_2015, POP_2008_2015, BIRTHS, DEATHS, MIGRATION, ZENSUS])
@pytest.mark.parametrize(
    ("prefix", "label"), [(b"08", "Land"), (b"08226", "Kreis"), (b"08226068", "Gemeinde")]
)
def test_one_land_one_kreis_one_gemeinde(
    shared_data: Path, tmp_path: Path, name: str, prefix: bytes, label: str
) -> None:  # fmt: skip
    path = _write_subset(tmp_path, name, lambda _k, ln: _code_of(ln, name).startswith(prefix))
    table = read_table(path)
    full = _per_region(_full(shared_data / name))
    part = _per_region(table)
    assert "08226068" in part, label
    assert all(code.startswith(prefix.decode()) for code in part)
    assert part["08226068"] == full["08226068"]
    if name == AGES_2015:  # the cut that failed with "no reference date"
        (grouped,) = read_grouped_population(path)
        assert grouped.year == 2015 and grouped.totals()[grouped.codes.index("08226068")] == 7_437


# ---------------------------------------------------------------- Landesamt and city layouts


def test_stala_bw_labels_are_half_open_and_open(shared_data: Path, tmp_path: Path) -> None:
    original = shared_data / "reilingen_08226068/reilingen_demo_20_y_brackets.csv"
    text = original.read_bytes().decode("latin-1")
    # the StaLa-BW spelling of other exports: "3 -  6 Jahre", "85 und mehr Jahre"
    variant = re.sub(r"(\d+) bis unter +(\d+) Jahre", r"\1 -  \2 Jahre", text)
    variant = variant.replace("85 Jahre und mehr", "85 und mehr Jahre")
    assert "3 -  6 Jahre" in variant and "85 und mehr Jahre" in variant
    path = tmp_path / "reilingen_bw.csv"
    path.write_bytes(variant.encode("latin-1"))
    ours = read_grouped_population(path)
    theirs = read_grouped_population(original)
    assert [g.year for g in ours] == [1995, 2000, 2005, 2010, 2015, 2020, 2021, 2022, 2023, 2024]
    assert ours[0].grid == theirs[0].grid and ours[0].grid.lowers[:3] == (0, 3, 6)
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(a.counts, b.counts)
    assert ours[-1].totals()[0] == 8_404 and ours[4].totals()[0] == 7_437


def test_dash_labels_decided_by_the_table() -> None:
    half_open = parse_age_labels(
        ["unter 3 Jahre", "3 -  6 Jahre", "6 - 10 Jahre", "75 und mehr Jahre"]
    )
    assert half_open["3 -  6 Jahre"] == AgeInterval(3, 6)
    assert half_open["75 und mehr Jahre"] == AgeInterval(75, None)
    inclusive = parse_age_labels(["0-5", "6-9", "10-14", "15 und mehr"])
    assert inclusive["6-9"] == AgeInterval(6, 10) and inclusive["0-5"] == AgeInterval(0, 6)


def test_konstanz_register_pyramids_and_series(shared_data: Path) -> None:
    folder = shared_data / "konstanz_08335043"
    table = read_table(folder / "pyramiden/pyramide_2015.csv")
    assert table.levels["region"] == ("08335043",) and table.levels["date"] == ("2015-12-31",)
    assert table.attributes["basis"] == "melderegister"
    cube, (nats,) = table.cube(("nat",), sex="male", age=AgeInterval(100, None))
    assert (
        cube[nats.index("Insgesamt")]
        == cube[nats.index("Deutsche")] + cube[nats.index("Ausländer")]
    )
    history = read_history(sorted(folder.rglob("*.csv")))
    stocks, totals = history.stock_totals()
    by_date = {s.date: (s, t) for s, t in zip(stocks, totals[:, 0], strict=True)}
    assert by_date["2015-12-31"][1] == 84_290  # = wohnbevoelkerung.csv (README)
    assert by_date["2015-12-31"][0].grid.n == 101  # single years from the pyramid
    assert len({s.date for s in history.stocks}) == 43
    years, births = history.flow_totals("births")
    assert births[years.index(2015), 0] == 755
    assert {s.basis for s in history.stocks} == {"melderegister"}


# ---------------------------------------------------------------- history


def test_history_of_the_gemeinde_folder(shared_data: Path) -> None:
    names = (AGES_2015, POP_2008_2015, BIRTHS, DEATHS, MIGRATION, ZENSUS)
    history = history_from_tables([_full(shared_data / name) for name in names])
    i = history.index("08226068")
    stocks, totals = history.stock_totals(basis="zensus2011")
    assert [s.date[:4] for s in stocks] == ["2011", "2012", "2013", "2014", "2015"]
    assert totals[-1, i] == 7_437 and stocks[-1].grid.n == 17  # the finest grid of that date
    zensus = next(s for s in history.stocks if s.basis == "zensus2011_count")
    assert zensus.date == "2011-05-09" and zensus.time == pytest.approx(2010.353, abs=1e-3)
    assert ("2011-05-09", "vz1987", "zensus2011_count") in history.breaks()
    assert any("Bruch der Bevölkerungsbasis" in n for n in history.notes)
    years, births = history.flow_totals("births")
    assert births[years.index(2015), i] == 65
    assert history.flow("deaths", 2015).totals()[i] == 73
    moves_in = history.flow("in", 2015)
    assert moves_in.grid.lowers == (0, 18, 25, 30, 50, 65)
    assert moves_in.counts[i].sum(axis=0).tolist() == [139, 82, 142, 389, 71, 29]
    assert history.flow("out", 2015).totals()[i] == 792


def test_history_matches_stala_bw_names_to_the_ags(shared_data: Path) -> None:
    folder = shared_data / "reilingen_08226068"
    history = read_history(sorted(folder.glob("*.csv")))
    assert history.codes == ("08226068",)
    assert [b[0][:4] for b in history.breaks()] == ["2015", "2022"]  # VZ87 | Z2011 | Z2022
    assert {s.basis for s in history.stocks if s.date >= "2022"} == {"zensus2022"}
    years, net = history.flow_totals("net")
    assert net[years.index(2015), 0] == 60
    assert history.flow("in", 2015).grid.n == 6  # by age from 12711_0011, not the total


def test_decimal_year() -> None:
    assert decimal_year("2015-12-31") == 2015.0
    assert decimal_year("2011-05-09") == pytest.approx(2010 + 129 / 365)


# ---------------------------------------------------------------- plausibility


def _reilingen_bytes(shared_data: Path, name: str) -> bytes:
    return (shared_data / "reilingen_08226068" / name).read_bytes()


@pytest.mark.parametrize(
    "bad", [b"-5", b"9" * 400, b"12345678901234", b"Infinity", b"NaN", b"1e300", b"inf"]
)
def test_negative_and_impossible_counts_are_refused_with_place(
    shared_data: Path, tmp_path: Path, bad: bytes
) -> None:
    data = _reilingen_bytes(shared_data, "reilingen_zuzuege.csv")
    path = tmp_path / "z.csv"
    path.write_bytes(data.replace(b"Reilingen;2015;852;", b"Reilingen;2015;" + bad + b";", 1))
    with pytest.raises(DataError) as info:
        read_table(path)
    assert (info.value.line, info.value.column) == (17, 3)  # 2015 is line 17, Insgesamt col. 3
    message = info.value.german()
    assert "Negative" in message or "unplausibel" in message or "Ungültiger Zahlenwert" in message


def test_balances_may_be_negative(shared_data: Path) -> None:
    table = read_table(shared_data / "reilingen_08226068/reilingen_birth_death.csv")
    assert table.values.min() == -25  # Geburtenüberschuss bzw. -defizit 2024


def test_history_of_the_kreise_folder(shared_data: Path) -> None:
    """Kreis tables of 2015: migration by age incl. abroad, deaths by age, births."""
    folder = shared_data / GEMEINDEN / "kreise"
    history = read_history(sorted(folder.glob("*.csv")))
    de = history.index("DG")
    moves_in = history.flow("in", 2015)
    abroad = history.flow("in_abroad", 2015)
    assert moves_in.grid.lowers[:2] == (0, 18) and abroad.grid == moves_in.grid
    assert moves_in.counts[de, :, 0].sum() == 1_063_000  # README: DG Zuzüge unter 18
    assert abroad.counts[de, :, 0].sum() == 421_176  # of which from abroad
    deaths = history.flow("deaths", 2015)
    assert deaths.grid.n == 19 and deaths.totals()[de] == 925_200
    assert deaths.counts[history.index("08335"), :, -1].sum() == 1_126  # LK Konstanz 85+
    years, births = history.flow_totals("births")
    assert births[years.index(2015), de] == 737_575 and births[years.index(2000), de] == 766_999
    (stock,) = [s for s in history.stocks if s.date == "2015-12-31"]
    assert stock.totals()[de] == 82_175_684
