"""Readers stop at the real data (issue 21 item 2): claimed dimensions, budgets, big files.

Work is counted, not timed: a reader that walked the claimed range of a crafted workbook
would exceed a small cell or row budget and fail; reading only the cells present passes.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from demography.errors import DataError
from demography.readers import Limits, read_population, read_table
from demography.readers.register import register_template_csv, write_register_template_xlsx


def claim(xlsx: Path, ref: str, extra_cell: str = "") -> Path:
    """Rewrite the sheet XML: declare ``ref`` as dimension, optionally add a far cell."""
    out = xlsx.with_name("claimed_" + xlsx.name)
    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = re.sub(
                    r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', data.decode()
                )
                assert f'<dimension ref="{ref}"/>' in text
                if extra_cell:
                    text = text.replace("</sheetData>", extra_cell + "</sheetData>")
                data = text.encode()
            dst.writestr(item, data)
    return out


@pytest.fixture
def template_xlsx(tmp_path: Path) -> Path:
    return write_register_template_xlsx(tmp_path / "vorlage.xlsx")


def test_claimed_range_a1_xfd1048576_is_not_walked(template_xlsx: Path) -> None:
    crafted = claim(template_xlsx, "A1:XFD1048576")
    assert crafted.stat().st_size < 20_000
    # 203 rows × 7 columns = 1,421 cells are real; padding every row to the claimed 16,384
    # columns would need 3.3 million cells and break this budget
    budget = Limits(max_cells=5_000)
    (pop,) = read_population_with(crafted, budget)
    (expected,) = read_population_with(template_xlsx, budget)
    assert (pop.counts == expected.counts).all()


def test_a_far_away_cell_after_a_long_empty_run_is_not_reached(template_xlsx: Path) -> None:
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    crafted = claim(template_xlsx, "A1:G1048576", far)
    # reaching row 1,048,576 would break a budget of 10,000 rows
    (pop,) = read_population_with(crafted, Limits(max_rows=10_000, max_empty_rows=500))
    assert pop.n_regions == 2


def test_budget_exceeded_is_a_plain_german_error(template_xlsx: Path, tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        read_table(template_xlsx, limits=Limits(max_cells=500))
    assert "zu groß" in info.value.german() and "Zellen" in info.value.german()
    csv = tmp_path / "vorlage.csv"
    csv.write_text(register_template_csv(), encoding="utf-8")
    with pytest.raises(DataError, match="zu groß"):
        read_table(csv, limits=Limits(max_rows=100))
    with pytest.raises(DataError, match="zu groß"):
        read_table(csv, limits=Limits(max_bytes=1_000))


def test_unpacked_size_of_a_workbook_counts(template_xlsx: Path) -> None:
    """A small XLSX can unpack to a huge sheet (ZIP bomb): refused before parsing."""
    packed = template_xlsx.stat().st_size
    with pytest.raises(DataError) as info:
        read_table(template_xlsx, limits=Limits(max_bytes=packed + 1_000))
    assert "entpackt" in info.value.german()


def test_real_files_are_far_below_the_default_budget(shared_data: Path) -> None:
    name = "gemeinden_2008-2015/regio_12111-02-01-5_gemeinden_zensus2011_altersgruppen.csv"
    table = read_table(shared_data / name)  # the largest real table: 0.8 million values
    assert table.n > 800_000


def read_population_with(path: Path, limits: Limits):
    from demography.readers.population import table_to_populations

    return table_to_populations(read_table(path, limits=limits))


def test_register_csv_with_many_areas_reads_completely(tmp_path: Path) -> None:
    """300 areas × 101 ages; a 12 MB register (3,000 areas) took 248 s before the check of
    the ages per area stopped being quadratic – see bench/read_table.py --register."""
    header = "gebiet;gebiet_name;stichtag;alter;maennlich;weiblich;divers_ohne_angabe\n"
    lines = [header]
    for area in range(300):
        for age in range(101):
            lines.append(
                f"Q{area:04d};Q;31.12.2024;{'100+' if age == 100 else age};{age % 50};7;0\n"
            )
    path = tmp_path / "register.csv"
    path.write_text("".join(lines), encoding="utf-8")
    table = read_table(path)
    assert table.n == 300 * 2 * 101
    assert read_population(path)[0].totals().sum() == 300 * (sum(a % 50 for a in range(101)) + 707)
