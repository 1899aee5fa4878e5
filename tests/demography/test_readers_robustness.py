"""Bad input never half-imports: a full result or a DataError naming place and value."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demography.errors import DataError
from demography.readers import read_population, read_table, read_table_unguarded
from demography.readers.register import register_template_csv, write_register_template_xlsx

SMALL = (
    "GENESIS-Tabelle: 12411-04-02-4\n"
    "Bevölkerung nach Geschlecht und Altersjahren - Stichtag;;;;;\n"
    "Bevölkerungsstand (Anzahl);;;;;\n"
    "Stichtag: 31.12.2020;;;;;\n"
    ";;;Insgesamt;männlich;weiblich\n"
    "{rows}"
    "__________\n"
    '"Fußnote über\nzwei Zeilen"\n'
    "Stand: 26.11.2021 / 13:38:29\n"
)


def small_table(values: list[tuple[str, str, str]]) -> str:
    labels = ["unter 50 Jahre", "50 Jahre und mehr", "Insgesamt"]
    rows = "".join(
        f"01001;  Flensburg;{lab};{t};{m};{w}\n"
        for lab, (t, m, w) in zip(labels, values, strict=True)
    )
    return SMALL.format(rows=rows)


GOOD = small_table([("60", "30", "30"), ("40", "-", "40"), ("100", "30", "70")])


def write(tmp_path: Path, text: str | bytes, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_small_table_reads(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, GOOD))
    assert table.values.tolist() == [60, 30, 30, 40, 0, 40, 100, 30, 70]
    assert table.notes == ("Fußnote über\nzwei Zeilen",) and table.stand.startswith("26.11.2021")


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        read_table(write(tmp_path, b""))
    assert "leer" in info.value.german() and "empty" in info.value.english()


def test_wrong_separator(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="Trennzeichen"):
        read_table(write(tmp_path, GOOD.replace(";", ",")))


def test_truncated_file_is_refused_with_line(tmp_path: Path) -> None:
    text = GOOD[: GOOD.index("50 Jahre und mehr") + 12]
    with pytest.raises(DataError) as info:
        read_table(write(tmp_path, text))
    assert "unvollständig" in info.value.german() and info.value.line == 7


def test_bad_number_names_line_column_and_value(tmp_path: Path) -> None:
    text = small_table([("60", "30", "3O"), ("40", "-", "40"), ("100", "30", "70")])
    with pytest.raises(DataError) as info:
        read_table(write(tmp_path, text))
    err = info.value
    assert (err.line, err.column, err.found) == (6, 6, "3O")
    assert "Zeile 6, Spalte 6" in str(err) and "line 6, column 6" in str(err)


def test_short_line_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace("40;-;40", "40;-")
    with pytest.raises(DataError) as info:
        read_table(write(tmp_path, text))
    assert info.value.line == 7


def test_duplicate_rows_are_refused(tmp_path: Path) -> None:
    line = "01001;  Flensburg;unter 50 Jahre;60;30;30\n"
    text = GOOD.replace(line, line + line)
    with pytest.raises(DataError) as info:
        read_table(write(tmp_path, text))
    assert info.value.line == 7 and "Doppelte" in info.value.german()


def test_unknown_encoding(tmp_path: Path) -> None:
    data = GOOD.encode("cp1252").replace(b"Flensburg", b"Flensb\x81rg")
    with pytest.raises(DataError, match="Zeichenkodierung"):
        read_table(write(tmp_path, data))


def test_damaged_umlauts_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="Ersatzzeichen"):
        read_table(write(tmp_path, GOOD.replace("ö", "\ufffd")))


def test_binary_file(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        read_table(write(tmp_path, b"\x00\x01\x02" * 100))


def test_xlsx_renamed_to_csv_is_read_by_content(tmp_path: Path) -> None:
    xlsx = write_register_template_xlsx(tmp_path / "vorlage.xlsx")
    renamed = xlsx.rename(tmp_path / "vorlage.csv")
    (pop,) = read_population(renamed)
    (expected,) = read_population(write(tmp_path, register_template_csv(), "echt.csv"))
    np.testing.assert_array_equal(pop.counts, expected.counts)


def test_damaged_xlsx(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="beschädigt"):
        read_table(write(tmp_path, b"PK\x03\x04" + b"\x00" * 50, "kaputt.xlsx"))


def test_unknown_layout(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="Unbekanntes Dateiformat"):
        read_table(write(tmp_path, "a;b;c\n1;2;3\n"))


def test_missing_file() -> None:
    with pytest.raises(DataError, match="nicht gefunden"):
        read_table("/nonexistent/datei.csv")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.integers(0, 10**7), min_size=4, max_size=4),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"]),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["-", ".", "...", "x", "/"]),
)
def test_any_encoding_and_line_end_gives_the_same_values(
    tmp_path: Path, values, encoding, newline, sign
) -> None:
    a, b, c, d = values
    text = small_table(
        [(str(a + b), str(a), str(b)), (str(c + d), sign, str(d)), (str(a + b + c + d), ".", ".")]
    )
    path = write(tmp_path, text.replace("\n", newline).encode(encoding), "h.csv")
    table = read_table(path)
    expected_sign = 0.0 if sign == "-" else np.nan
    np.testing.assert_array_equal(
        table.values, [a + b, a, b, c + d, expected_sign, d, a + b + c + d, np.nan, np.nan]
    )
    assert len(table.missing) == 2 + (sign != "-")
    assert table.region_names["01001"] == "Flensburg"


# ---------------------------------------------------------------- fuzzing real files

FUZZ_FILES = (
    "reilingen_08226068/reilingen_demo_20_y_brackets.csv",
    "reilingen_08226068/reilingen_birth_death.csv",
    "konstanz_08335043/pyramiden/pyramide_2015.csv",
    "konstanz_08335043/zu_und_wegzug.csv",
    "destatis_12411-0012_laender_altersjahre_2021.csv",
    "destatis_12613-0006_sterbefaelle_monate_1950-2022.csv",
    "genesis_ffcsv_12711-0020_wanderungen_laender_2025.csv",
    "gemeinden_2008-2015/kreise/regio_12612-02-01-4_kreise_lebendgeborene_alter_mutter_2015.csv",
    "gemeinden_2008-2015/regio_12411-02-03-5-B_gemeinden_17altersgruppen_geschlecht_2015.csv",
    "gemeinden_2008-2015/regio_12613-01-01-5-B_gemeinden_gestorbene_2008-2015.csv",
    "gemeinden_2008-2015/regio_12111-02-01-5_gemeinden_zensus2011_altersgruppen.csv",
)


def _head_and_tail(data: bytes, keep: int = 60) -> bytes:
    """The first ``keep`` lines and the footer of a file (small enough to fuzz fast)."""
    lines = data.split(b"\n")
    footer = next((k for k, ln in enumerate(lines) if ln.startswith(b"__________")), len(lines))
    return b"\n".join(lines[: min(keep, footer)] + lines[footer:])


@pytest.fixture(scope="module")
def fuzz_sources(shared_data: Path) -> list[bytes]:
    return [_head_and_tail((shared_data / name).read_bytes()) for name in FUZZ_FILES]


MUTATION = st.tuples(
    st.sampled_from(["replace", "insert", "delete", "truncate", "duplicate_line"]),
    st.floats(0, 1),
    st.binary(min_size=1, max_size=6)
    | st.sampled_from([b";", b"\n", b'"', b"-", b".", b"-5", b"9" * 400, b"\xff", b"\r", b"1e300"]),
)


def mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    for kind, where, chunk in mutations:
        at = int(where * len(data))
        if kind == "replace":
            data = data[:at] + chunk + data[at + len(chunk) :]
        elif kind == "insert":
            data = data[:at] + chunk + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + len(chunk) :]
        elif kind == "truncate":
            data = data[:at]
        else:
            lines = data.split(b"\n")
            k = int(where * (len(lines) - 1))
            data = b"\n".join(lines[: k + 1] + lines[k:])
    return data


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.integers(0, len(FUZZ_FILES) - 1), st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_real_files_give_a_result_or_a_data_error(
    tmp_path: Path, fuzz_sources: list[bytes], which: int, mutations
) -> None:
    """Issue 21 item 10: without the safety net of read_table, a damaged file ends in a
    DataError (or a result), never in another exception."""
    path = tmp_path / Path(FUZZ_FILES[which]).name
    path.write_bytes(mutate(fuzz_sources[which], mutations))
    try:
        table = read_table_unguarded(path)
    except DataError as exc:
        assert exc.german() and exc.english()
        return
    values = table.values[~np.isnan(table.values)]
    assert np.isfinite(values).all()
