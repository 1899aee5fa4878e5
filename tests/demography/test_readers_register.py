"""The Melderegister template (CSV and XLSX) for Ortsteile and Quartiere."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from demography.errors import DataError
from demography.readers import read_population
from demography.readers.register import register_template_csv, write_register_template_xlsx

PACKAGED = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "demography"
    / "templates"
    / "melderegister_vorlage.csv"
)
HEADER = "gebiet;gebiet_name;stichtag;alter;maennlich;weiblich\n"


def area_rows(area: str = "Q1", date: str = "31.12.2024", skip: int | None = None) -> str:
    return "".join(
        f"{area};Mitte;{date};{'100+' if a == 100 else a};{a % 7};{a % 5}\n"
        for a in range(101)
        if a != skip
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "register.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_packaged_template_is_the_documented_one_and_reads() -> None:
    assert PACKAGED.read_text(encoding="utf-8") == register_template_csv()
    (pop,) = read_population(PACKAGED)
    assert pop.codes == ("Q01", "Q02") and pop.names == ("Altstadt", "Neubaugebiet Nord")
    assert pop.year == 2024


def test_xlsx_template_gives_the_same_population(tmp_path: Path) -> None:
    (from_csv,) = read_population(PACKAGED)
    (from_xlsx,) = read_population(write_register_template_xlsx(tmp_path / "vorlage.xlsx"))
    np.testing.assert_array_equal(from_xlsx.counts, from_csv.counts)


def test_values_land_on_sex_and_age(tmp_path: Path) -> None:
    (pop,) = read_population(write(tmp_path, HEADER + area_rows()))
    assert pop.counts[0, 0, 13] == 13 % 7 and pop.counts[0, 1, 13] == 13 % 5
    assert pop.counts[0, 0, 100] == 100 % 7


def test_diverse_persons_are_split_half_and_half(tmp_path: Path) -> None:
    text = HEADER.replace("\n", ";divers_ohne_angabe\n") + area_rows().replace(
        "\n", ";0\n"
    ).replace("Q1;Mitte;31.12.2024;30;2;0;0", "Q1;Mitte;31.12.2024;30;2;0;3")
    (pop,) = read_population(write(tmp_path, text))
    assert pop.counts[0, :, 30].tolist() == [3.5, 1.5]


def test_missing_age_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        read_population(write(tmp_path, HEADER + area_rows(skip=42)))
    assert "42" in info.value.german() and "ages missing" in info.value.english()


def test_duplicate_age_is_refused(tmp_path: Path) -> None:
    text = HEADER + area_rows() + "Q1;Mitte;31.12.2024;5;1;1\n"
    with pytest.raises(DataError) as info:
        read_population(write(tmp_path, text))
    assert info.value.line == 103 and "Doppelte" in info.value.german()


@pytest.mark.parametrize("bad", ["-4", "2,5", "viele"])
def test_invalid_counts_are_refused(tmp_path: Path, bad: str) -> None:
    text = HEADER + area_rows().replace(
        "Q1;Mitte;31.12.2024;8;1;3", f"Q1;Mitte;31.12.2024;8;{bad};3"
    )
    with pytest.raises(DataError) as info:
        read_population(write(tmp_path, text))
    assert (info.value.line, info.value.column, info.value.found) == (10, 5, bad)


def test_comma_separated_export_is_accepted(tmp_path: Path) -> None:
    text = (HEADER + area_rows()).replace(";", ",")
    (pop,) = read_population(write(tmp_path, text))
    assert pop.totals()[0] == sum(a % 7 + a % 5 for a in range(101))


def test_several_areas_and_dates(tmp_path: Path) -> None:
    text = (
        HEADER
        + area_rows("Q1")
        + area_rows("Q2")
        + area_rows("Q1", "31.12.2023")
        + area_rows("Q2", "31.12.2023")
    )
    pops = read_population(write(tmp_path, text))
    assert [p.year for p in pops] == [2023, 2024]
    assert pops[0].codes == ("Q1", "Q2")
