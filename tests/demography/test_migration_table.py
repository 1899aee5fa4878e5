"""Migration tables (Zu- und Fortzüge nach Altersgruppen) in the projection from history.

The Kreis table 12711-02-02-4 and the Gemeinde table 12711-01-03-5-B read whole and as a
one-Kreis subset in their original encoding; a region covered by the table gets its age
profile of migration (a Kreis with young in-migration keeps more 18–29-year-olds), regions
the table does not cover come out exactly as without it, bad tables give clear errors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from demography.__main__ import main
from demography.errors import DataError
from demography.history_projection import GroupedStock, project_history
from demography.history_split import national_shape
from demography.migration_table import MigrationTable, table_from_history
from demography.readers.history import read_history

KREIS_TABLE = "gemeinden_2008-2015/kreise/regio_12711-02-02-4_kreise_wanderungen_altersgruppen_inkl_ausland_2015.csv"
GEMEINDE_TABLE = (
    "gemeinden_2008-2015/regio_12711-01-03-5-B_gemeinden_zu-fortzuege_altersgruppen_2015.csv"
)
STOCK_2015 = "gemeinden_2008-2015/kreise/regio_12411-04-02-4_kreise_altersjahre_2015.csv"
STOCK_2020 = "regio_12411-04-02-4_kreise_altersjahre_2020.csv"
SIX_GROUPS = (0, 18, 25, 30, 50, 65)


def subset(source: Path, target: Path, keep) -> Path:
    """The file with only the data rows whose region code passes ``keep`` (header and
    footer as they are, bytes untouched: the original encoding stays)."""
    row = re.compile(rb"^(?:\d\d\.\d\d\.\d{4};)?(DG|\d+);[^;]")
    out = []
    for line in source.read_bytes().split(b"\n"):
        m = row.match(line)
        if m is None or keep(m.group(1).decode()):
            out.append(line)
    target.write_bytes(b"\n".join(out))
    return target


# ------------------------------------------------------------------- reading the tables


def test_kreis_table_reads_whole_with_germany_net_migration_2015(shared_data):
    table = table_from_history(read_history([shared_data / KREIS_TABLE]))
    assert table.year == 2015 and table.lowers == SIX_GROUPS
    dg = table.codes.index("DG")
    # Zuzüge 6 423 315 − Fortzüge 5 283 913 = 1 139 402, Destatis' net migration of 2015
    assert table.inflow[dg].sum() == 6_423_315
    assert table.outflow[dg].sum() == 5_283_913
    assert {"01001", "10041", "16077"} <= set(table.codes)
    sb = table.codes.index("10041")  # Saarbrücken: 18–25 in 5 487, out 4 077 (both sexes)
    assert table.inflow[sb, :, 1].sum() == 5487 and table.outflow[sb, :, 1].sum() == 4077


def test_one_kreis_subset_reads_in_original_encoding(shared_data, tmp_path):
    whole = table_from_history(read_history([shared_data / KREIS_TABLE]))
    one = subset(shared_data / KREIS_TABLE, tmp_path / "one.csv", lambda c: c == "10041")
    table = table_from_history(read_history([one]))
    assert table.codes == ("10041",)
    i = whole.codes.index("10041")
    np.testing.assert_array_equal(table.inflow[0], whole.inflow[i])
    np.testing.assert_array_equal(table.outflow[0], whole.outflow[i])


def test_gemeinde_table_reads_whole_and_one_kreis(shared_data, tmp_path):
    whole = table_from_history(read_history([shared_data / GEMEINDE_TABLE]))
    assert whole.lowers == SIX_GROUPS and "12066196" in whole.codes  # Lübbenau/Spreewald
    # README: Σ Zuzüge of the Gemeinden 6 423 314; the 5 rows with a secret cell ('.')
    # are left out (their age profile is unknown), 878 moves
    assert whole.inflow.sum() == 6_423_314 - 878
    one = subset(shared_data / GEMEINDE_TABLE, tmp_path / "k.csv", lambda c: c[:5] == "12066")
    table = table_from_history(read_history([one]))
    assert "12066196" in table.codes and all(c.startswith("12066") for c in table.codes)
    i, j = whole.codes.index("12066196"), table.codes.index("12066196")
    np.testing.assert_array_equal(table.inflow[j], whole.inflow[i])


# ---------------------------------------------------------------- the profile is used


def _kreise(n: int = 8) -> tuple[list[str], GroupedStock, GroupedStock]:
    """n Kreise of one Land with Germany's structure, 100 000 people each, a little
    younger at the base than five years before."""
    lowers = (0, 3, 6, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 75)
    codes = [f"0100{k + 1}" if k < 9 else f"010{k + 1}" for k in range(n)]

    def grouped(year):
        shape = national_shape(year)
        bounds = [*lowers[1:], 101]
        g = np.stack(
            [shape[:, lo:hi].sum(axis=1) for lo, hi in zip(lowers, bounds, strict=True)], 1
        )
        return np.repeat((g / g.sum() * 100_000)[None], n, axis=0)

    return (
        codes,
        GroupedStock(2015, lowers, grouped(2015)),
        GroupedStock(2020, lowers, grouped(2020)),
    )


def _young_table(codes, young_in: float) -> MigrationTable:
    """2 % of the population moves in and out every year in each group; the first Kreis
    gets ``young_in`` more Zuzüge at 18–24 (persons, per sex)."""
    inflow = np.full((len(codes), 2, 6), 400.0)
    outflow = np.full((len(codes), 2, 6), 400.0)
    inflow[0, :, 1] += young_in
    return MigrationTable(tuple(codes), SIX_GROUPS, 2015, inflow, outflow, "test.csv")


def test_kreis_with_young_in_migration_keeps_more_18_to_29_year_olds():
    codes, s1, s2 = _kreise()
    plain, _ = project_history([s1, s2], codes=codes, horizon=10)
    table = _young_table(codes, young_in=600.0)
    res, _ = project_history([s1, s2], codes=codes, horizon=10, migration_table=table)
    young = res.single_years()[:, 0, :, 18:30].sum(axis=(1, 2))
    young_plain = plain.single_years()[:, 0, :, 18:30].sum(axis=(1, 2))
    # 1 200 more Zuzüge of 18–24-year-olds a year than Fortzüge: after 10 years the Kreis
    # has clearly more people aged 18–29 than with one rate for all ages
    assert young[10] > young_plain[10] + 2_000
    # … but in the first year the same net migration (level of the engine)
    assert res.net_migration[0, 0].sum() == pytest.approx(plain.net_migration[0, 0].sum(), abs=1e-6)
    assert any("Wanderungstabelle test.csv" in n for n in res.notes)


def test_regions_not_in_the_table_come_out_exactly_as_without_it():
    codes, s1, s2 = _kreise()
    plain, _ = project_history([s1, s2], codes=codes, horizon=10)
    only_first = _young_table([*codes[:1], "09999"], young_in=600.0)
    res, _ = project_history([s1, s2], codes=codes, horizon=10, migration_table=only_first)
    np.testing.assert_array_equal(res.single_years()[:, 1:], plain.single_years()[:, 1:])
    assert not np.array_equal(res.single_years()[:, 0], plain.single_years()[:, 0])


def test_a_region_without_any_moves_in_the_table_keeps_the_engines_net_migration():
    codes, s1, s2 = _kreise(6)
    plain, _ = project_history([s1, s2], codes=codes, horizon=3)
    zero = np.zeros((1, 2, 6))
    table = MigrationTable(("01001",), SIX_GROUPS, 2015, zero, zero, "leer.csv")
    res, _ = project_history([s1, s2], codes=codes, horizon=3, migration_table=table)
    assert plain.net_migration[0, 0].sum() != 0
    assert res.net_migration[0, 0].sum() == pytest.approx(plain.net_migration[0, 0].sum())


def test_one_stichtag_with_totals_uses_the_table_for_the_regions_it_covers():
    """The Gemeinde path (one age Stichtag plus totals): without a table one rate for all
    ages; with it the covered Kreis gains young adults, the others stay as they were."""
    from demography.history_projection import project_with_totals

    codes, _, s2 = _kreise()
    totals = {2013: np.full(len(codes), 99_000.0), 2014: np.full(len(codes), 99_500.0)}
    totals[2015] = s2.counts.sum(axis=(1, 2))
    stock = GroupedStock(2015, s2.lowers, s2.counts)
    plain, _ = project_with_totals(stock, codes=codes, horizon=5, totals=totals)
    table = _young_table([*codes[:1], "09999"], young_in=600.0)
    got, _ = project_with_totals(
        stock, codes=codes, horizon=5, totals=totals, migration_table=table
    )
    np.testing.assert_array_equal(got[1:], plain[1:])
    assert got[0, :, 18:30].sum() > plain[0, :, 18:30].sum() + 1_000


# --------------------------------------------------------------------------- the CLI


@pytest.fixture(scope="module")
def saarland(shared_data, tmp_path_factory):
    """Saarland (and Germany) of the Kreis stocks 2015 and 2020; a table of one Kreis."""
    folder = tmp_path_factory.mktemp("saar")

    def saar(c):
        return c == "DG" or c.startswith("10")

    return {
        "2015": subset(shared_data / STOCK_2015, folder / "s2015.csv", saar),
        "2020": subset(shared_data / STOCK_2020, folder / "s2020.csv", saar),
        "table": subset(shared_data / KREIS_TABLE, folder / "t.csv", lambda c: c == "10041"),
        "folder": folder,
    }


def _project(capsys, *args):
    code = main(["project", *map(str, args), "--start", "2020", "--horizon", "5"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else None), err


def test_cli_uses_the_table_for_the_kreis_it_covers_and_nothing_else(saarland, capsys):
    _, plain, _ = _project(capsys, saarland["2015"], saarland["2020"])
    code, rows, err = _project(capsys, saarland["2015"], saarland["2020"], saarland["table"])
    assert code == 0, err
    assert "Altersprofil der Wanderung aus der Wanderungstabelle t.csv (2015) für 1 Regionen" in err
    before = {(r["region"], r["year"]): r for r in plain}
    for r in rows:
        other = before[(r["region"], r["year"])]
        # Saarland (10) and Germany (DG) hold Saarbrücken: their rows are sums with it
        if r["region"] not in ("10041", "10", "DG"):
            assert r["single_years"] == other["single_years"], r["region"]
    sb = {r["year"]: r for r in rows if r["region"] == "10041"}
    sb_plain = {r["year"]: r for r in plain if r["region"] == "10041"}

    def young(r):
        return sum(r["single_years"]["male"][18:30]) + sum(r["single_years"]["female"][18:30])

    # Saarbrücken: 1 410 more Zuzüge than Fortzüge at 18–24 in 2015
    assert young(sb[2025]) > young(sb_plain[2025])
    assert sb[2021]["net_migration"] == pytest.approx(sb_plain[2021]["net_migration"], rel=1e-9)


def test_cli_migration_profile_off_ignores_the_table(saarland, capsys):
    _, plain, _ = _project(capsys, saarland["2015"], saarland["2020"])
    code, rows, err = _project(
        capsys, saarland["2015"], saarland["2020"], saarland["table"], "--migration-profile", "off"
    )
    assert code == 0 and rows == plain
    assert "nicht genutzt (--migration-profile off)" in err


def test_cli_table_of_other_regions_is_a_clear_error(shared_data, saarland, capsys):
    gemeinden = subset(
        shared_data / GEMEINDE_TABLE, saarland["folder"] / "g.csv", lambda c: c.startswith("12066")
    )
    code, _, err = _project(capsys, saarland["2015"], saarland["2020"], gemeinden)
    assert code == 2
    assert "Die Wanderungstabelle enthält keine der Regionen des Bevölkerungsstands" in err
    assert "Gefunden: '12066" in err


def test_table_with_only_zuzuege_is_a_clear_error(shared_data, tmp_path):
    text = (shared_data / KREIS_TABLE).read_bytes()
    lines = text.split(b"\n")
    # keep the columns "Zuzüge über die Gemeindegrenzen" (Insgesamt, männlich, weiblich)
    cut = [b";".join(line.split(b";")[:6]) for line in lines]
    path = tmp_path / "zuzuege.csv"
    path.write_bytes(b"\n".join(cut))
    with pytest.raises(DataError) as err:
        table_from_history(read_history([path]))
    assert "enthält Zuzüge, aber keine Fortzüge" in err.value.german()


def test_table_without_age_groups_is_a_clear_error(shared_data, tmp_path):
    lines = (shared_data / KREIS_TABLE).read_bytes().split(b"\n")
    row = re.compile(rb"^(DG|\d+);[^;]")
    kept = [ln for ln in lines if not row.match(ln) or b";Insgesamt;" in ln]
    path = tmp_path / "summen.csv"
    path.write_bytes(b"\n".join(kept))
    with pytest.raises(DataError) as err:
        table_from_history(read_history([path]))
    assert "keine Altersgruppen" in err.value.german()
