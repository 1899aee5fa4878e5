"""Every real file in ../shared/data reads completely and gives the totals it publishes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from demography.agegroups import SINGLE_YEARS, AgeGrid, regroup
from demography.readers import read_grouped_population, read_population, read_table


def test_kreise_file_gives_published_germany_total_and_parts_add_up(kreise_2020: Path) -> None:
    # totals are compared to 1e-6 persons: ungrouping 75+ into single years is exact up to
    # floating-point rounding
    (pop,) = read_population(kreise_2020)
    assert pop.year == 2020
    de = pop.index("DG")
    assert pop.totals()[de] == 83_155_031  # "DG;Deutschland;Insgesamt;83155031;41026519;42128512"
    assert pop.counts[de, 0].sum() == 41_026_519
    assert pop.counts[de, 1].sum() == 42_128_512
    laender = [i for i, c in enumerate(pop.codes) if len(c) == 2 and c.isdigit()]
    assert len(laender) == 16
    assert pop.totals()[laender].sum() == pytest.approx(83_155_031, abs=1e-6)
    # Kreise (5 digits) add up to their Land; Berlin (11) and Hamburg (02) are Kreise themselves
    for i in laender:
        land = pop.codes[i]
        kreise = [k for k, c in enumerate(pop.codes) if len(c) == 5 and c.startswith(land)]
        if kreise:
            assert pop.totals()[kreise].sum() == pytest.approx(pop.totals()[i], abs=1e-6), land
    assert not any("weichen ab" in note for note in pop.notes)


def test_kreise_file_missing_cells_are_the_berlin_bezirke_and_never_zero(kreise_2020: Path) -> None:
    table = read_table(kreise_2020)
    assert len(table.missing) == 2880  # README: 2,880 '.' cells
    assert {m.sign for m in table.missing} == {"."}
    assert {m.key[0][:2] for m in table.missing} == {"11"}
    assert all(len(m.key[0]) == 8 for m in table.missing)
    assert table.missing[0].line == 29368 and table.missing[0].column == 4
    (pop,) = read_population(kreise_2020)
    mitte = pop.index("11001001")
    assert np.isnan(pop.counts[mitte]).all()


def test_kreise_file_drops_areas_that_did_not_exist(kreise_2020: Path) -> None:
    (pop,) = read_population(kreise_2020)
    assert "03156" not in pop.codes  # Osterode am Harz, merged 2016, all '-'
    note = next(n for n in pop.notes if "entfernt" in n)
    dropped = note.split(": ", 1)[1].split(", ")
    # README: 18,720 '-' cells = 78 vanished areas × 80 age rows × 3 columns
    assert len(dropped) * 80 * 3 == 18_720


def test_kreise_file_ungrouping_keeps_every_published_group(kreise_2020: Path) -> None:
    (grouped,) = read_grouped_population(kreise_2020)
    (pop,) = read_population(kreise_2020)
    assert grouped.grid.lowers[-5:] == (74, 75, 80, 85, 90)
    again = regroup(pop.counts, SINGLE_YEARS, grouped.grid)
    known = ~np.isnan(grouped.counts)
    np.testing.assert_allclose(again[known], grouped.counts[known], rtol=1e-12, atol=1e-6)
    # single years below 75 are the published numbers, untouched
    np.testing.assert_array_equal(
        pop.counts[:, :, :75][known[:, :, :75]], grouped.counts[:, :, :75][known[:, :, :75]]
    )
    assert np.nanmin(pop.counts) >= 0


def test_laender_b_file_2019_gives_germany_total(shared_data: Path) -> None:
    (pop,) = read_population(shared_data / "regio_12411-04-02-4-B_laender_altersjahre_2019.csv")
    assert pop.year == 2019 and pop.n_regions == 16
    assert pop.totals().sum() == 83_166_711  # Destatis: Bevölkerung 31.12.2019


def test_12411_0013_has_seven_dates_and_matches_0012_for_2021(shared_data: Path) -> None:
    pops = read_population(
        shared_data / "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"
    )
    assert [p.year for p in pops] == list(range(2015, 2022))
    assert all(not any("weichen ab" in n for n in p.notes) for p in pops)  # m + w = Insgesamt
    (both,) = read_grouped_population(
        shared_data / "destatis_12411-0012_laender_altersjahre_2021.csv"
    )
    assert both.sexes == ("total",) and both.grid.lowers[-1] == 90
    p2021 = pops[-1].select(list(both.codes))
    np.testing.assert_allclose(
        regroup(p2021.counts.sum(axis=1), SINGLE_YEARS, both.grid), both.counts[:, 0], rtol=1e-12
    )
    assert both.totals()[both.codes.index("08")] == 11_124_642


def test_12411_0015_agrees_with_the_kreise_age_file(shared_data: Path, kreise_2020: Path) -> None:
    table = read_table(shared_data / "destatis_12411-0015_kreise_bevoelkerung_2016-2020.csv")
    cube, (codes, dates) = table.cube(("region", "date"))
    assert dates == ("2016-12-31", "2017-12-31", "2018-12-31", "2019-12-31", "2020-12-31")
    (pop,) = read_population(kreise_2020)
    for code in ("01001", "09162", "16077"):
        assert cube[codes.index(code), 4] == pop.totals()[pop.index(code)]


def test_12411_0017_age_groups_give_germany_2021(shared_data: Path) -> None:
    (grouped,) = read_grouped_population(
        shared_data / "destatis_12411-0017_kreise_altersgruppen_2021.csv"
    )
    assert grouped.year == 2021 and grouped.sexes == ("total",)
    assert grouped.grid == AgeGrid(
        (0, 3, 6, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 75)
    )
    assert grouped.n_regions == 400  # 476 rows minus 76 areas that no longer exist
    assert grouped.totals().sum() == 83_237_124  # Destatis: Bevölkerung 31.12.2021


def test_births_by_month_sum_and_not_yet_available_months(shared_data: Path) -> None:
    table = read_table(shared_data / "destatis_12612-0002_geburten_monate_1950-2022.csv")
    cube, (years, months, sexes) = table.cube(("year", "month", "sex"))
    assert sexes == ("male", "female", "total") and len(months) == 12
    known = ~np.isnan(cube[..., 2])
    np.testing.assert_array_equal((cube[..., 0] + cube[..., 1])[known], cube[..., 2][known])
    assert cube[years.index(1950), :, 2].sum() == 1_116_701
    assert len(table.missing) == 24 and {m.reason for m in table.missing} == {"not_yet_available"}
    assert np.isnan(cube[years.index(2022), 11, 2])


def test_deaths_by_month_file(shared_data: Path) -> None:
    table = read_table(shared_data / "destatis_12613-0006_sterbefaelle_monate_1950-2022.csv")
    cube, (years, _, sexes) = table.cube(("year", "month", "sex"))
    assert sexes == ("male", "female")
    assert cube[years.index(2021)].sum() == 1_023_687  # Destatis: Gestorbene 2021
    assert len(table.missing) == 16


def test_ffcsv_migration_saldo_is_in_minus_out_and_laender_add_up(shared_data: Path) -> None:
    table = read_table(shared_data / "genesis_ffcsv_12711-0020_wanderungen_laender_2025.csv")
    assert table.layout == "genesis-ffcsv" and table.n == 459
    cube, (regions, _, _sexes, measures) = table.cube(("region", "nat", "sex", "measure"))
    saldo, zuzug, fortzug = (
        cube[..., measures.index(m)] for m in ("Wanderungssaldo", "Zuzüge", "Fortzüge")
    )
    np.testing.assert_array_equal(saldo, zuzug - fortzug)
    laender = [i for i, c in enumerate(regions) if c != "DG"]
    assert len(laender) == 16
    # Cell-Key method (from 2025): sums of Länder may differ from the total by a few cases
    gap = zuzug[laender].sum(axis=0) - zuzug[regions.index("DG")]
    assert np.abs(gap).max() <= 7


def test_ffcsv_births_by_age_of_mother(shared_data: Path) -> None:
    table = read_table(shared_data / "genesis_ffcsv_12612-0005_geburten_alter_mutter_2025.csv")
    assert "mother_age" in table.levels and len(table.levels["bevfl2"]) == 4
    ages = table.levels["mother_age"]
    assert None in ages  # "Alter unbekannt"
    assert min(a.lower for a in ages if a is not None) == 0 and any(
        a is not None and a.upper is None for a in ages
    )
    assert not np.isnan(table.values).any()


@pytest.mark.parametrize(
    "name",
    ["destatis_gv_gemeinden_31122023_derived.csv", "destatis_gv-isys_auszug_gv_31122023.xlsx"],
)
def test_gemeindeverzeichnis_population_sum(shared_data: Path, name: str) -> None:
    table = read_table(shared_data / name)
    cube, (codes, sexes) = table.cube(("region", "sex"))
    assert len(codes) == 10_981
    assert cube[:, sexes.index("total")].sum() == 84_669_326
    np.testing.assert_array_equal(cube[:, 1] + cube[:, 2], cube[:, 0])
    assert table.levels["date"] == ("2023-12-31",)
    assert table.region_names["01001000"] == "Flensburg, Stadt"


def test_every_population_or_movement_file_reads(shared_data: Path) -> None:
    files = sorted(p for p in shared_data.iterdir() if p.suffix in (".csv", ".xlsx"))
    assert len(files) >= 12
    for path in files:
        table = read_table(path)
        assert table.n > 0 and np.isfinite(table.values).sum() > 0, path.name


def test_gemeindeverzeichnis_postal_codes_agree_in_both_files(shared_data: Path) -> None:
    """The PLZ of each Gemeinde's Verwaltungssitz (for the "Kommune anmelden" search): the
    same in the XLSX and the derived CSV, leading zeros kept (Saxony, Brandenburg: 0…)."""
    xlsx = read_table(shared_data / "destatis_gv-isys_auszug_gv_31122023.xlsx")
    csv_ = read_table(shared_data / "destatis_gv_gemeinden_31122023_derived.csv")
    plz = xlsx.attributes["postal_codes"]
    assert plz == csv_.attributes["postal_codes"]
    # 202 of the 10,981 Gemeinden (unpopulated areas) have no PLZ in the file
    assert len(plz) == 10_779
    assert all(len(p) == 5 and p.isdigit() for p in plz.values())
    assert sum(p.startswith("0") for p in plz.values()) > 500


def test_a_postal_code_that_lost_its_leading_zero_is_restored() -> None:
    from demography.errors import DataError
    from demography.readers.gv import _postal_code

    assert _postal_code(3222, "gv.xlsx", 9, 14) == "03222"
    assert _postal_code(" 3222 ", "gv.csv", 9, 16) == "03222"
    assert _postal_code(None, "gv.xlsx", 9, 14) is None and _postal_code("", "x", 1, 1) is None
    with pytest.raises(DataError, match="Postleitzahl"):
        _postal_code("322", "gv.csv", 9, 16)
