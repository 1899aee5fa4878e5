"""Readers for official German population data and a Kommune's register data.

Entry points:

* :func:`read_table` – any accepted file → :class:`~demography.readers.table.Table`
  (long format with region, date/year, sex, age, measure …, plus missing cells).
* :func:`read_population` – single-year-of-age × sex tables → one
  :class:`~demography.core.Population` per reference date (age groups above the last
  single year, e.g. "75 bis unter 80" … "90 Jahre und mehr", are ungrouped with the
  documented mass-preserving method of :mod:`demography.agegroups`).
* :func:`read_grouped_population` – any table by age group (with or without sex) →
  :class:`~demography.agegroups.GroupedPopulation` per date.
* :func:`read_history` – several files (or Stichtage) of the same regions →
  :class:`~demography.readers.history.History`: stocks by Stichtag with their population
  basis, births/deaths/migration by year, aligned per region.

The layout is detected from the content, never from the file name: classic GENESIS /
Regionalstatistik table, GENESIS flat file (ffcsv), Gemeindeverzeichnis (derived CSV or
the official XLSX), or the Melderegister template (CSV or XLSX). Every reader returns a
complete result or raises :class:`~demography.errors.DataError`.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from demography.errors import DataError
from demography.readers.checks import check_values
from demography.readers.ffcsv import is_ffcsv_header, read_ffcsv
from demography.readers.gemeinden import to_ags
from demography.readers.genesis import is_genesis_first_line, read_genesis_table
from demography.readers.gv import is_gv_csv_header, read_gv_csv, read_gv_xlsx
from demography.readers.history import History, read_history
from demography.readers.limits import (
    DEFAULT_LIMITS,
    Limits,
    check_bytes,
    check_text,
    check_xlsx,
)
from demography.readers.opendata import is_opendata_header, read_opendata
from demography.readers.population import (
    read_grouped_population,
    read_population,
    table_to_grouped,
    table_to_populations,
)
from demography.readers.register import is_register_header, read_register_csv, read_register_xlsx
from demography.readers.table import MissingCell, Table
from demography.readers.text import decode, is_xlsx, load_bytes

__all__ = [
    "DEFAULT_LIMITS",
    "DataError",
    "History",
    "Limits",
    "MissingCell",
    "Table",
    "read_grouped_population",
    "read_history",
    "read_population",
    "read_table",
    "table_to_grouped",
    "table_to_populations",
]

LAYOUTS_DE = (
    "GENESIS-/Regionalstatistik-/Landesamt-Tabelle (CSV), GENESIS-Flat-Datei (ffcsv), "
    "Gemeindeverzeichnis (CSV/XLSX), Melderegister-Vorlage (CSV/XLSX) oder offene Daten "
    "einer Stadt (Einwohner nach Alter/Jahr)"
)
LAYOUTS_EN = (
    "GENESIS/Regionalstatistik/Landesamt table CSV, GENESIS flat file (ffcsv), "
    "Gemeindeverzeichnis (CSV/XLSX), the register template (CSV/XLSX) or municipal open "
    "data (population by age/year)"
)


def read_table(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Table:
    """Read any accepted file into a :class:`Table` (layout detected from content).

    Every problem is a :class:`DataError` with file, line and column – also an unforeseen
    one inside a reader, which is reported as "interner Lesefehler" instead of a
    traceback. Region codes of Gemeinde tables are mapped to the AGS
    (:func:`~demography.readers.gemeinden.to_ags`); negative counts, non-finite and
    implausibly large numbers are refused (:mod:`~demography.readers.checks`); files
    beyond ``limits`` are refused before they are parsed (:mod:`~demography.readers.limits`).
    """
    name = str(path)
    try:
        return read_table_unguarded(path, limits=limits)
    except DataError:
        raise
    except (Exception, MemoryError, RecursionError) as exc:  # never a traceback for users
        raise DataError(
            name,
            f"Die Datei konnte nicht gelesen werden (interner Lesefehler {type(exc).__name__}).",
            f"the file could not be read (internal reader error {type(exc).__name__}: {exc}).",
        ) from exc


def read_table_unguarded(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Table:
    """:func:`read_table` without the safety net for unforeseen errors (for tests)."""
    name = str(path)
    data = load_bytes(path)
    check_bytes(name, len(data), limits)
    if is_xlsx(data):
        check_xlsx(name, data, limits)
        table = _read_xlsx(data, name, limits)
    else:
        text, encoding = decode(data, name)
        check_text(name, text, limits)
        with _gc_paused():  # millions of small lists: the cyclic GC would rescan them all
            table = _read_text(text, name, encoding)
    return check_values(to_ags(table))


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_xlsx(data: bytes, name: str, limits: Limits) -> Table:
    try:
        # from memory: openpyxl refuses a workbook whose name does not end in .xlsx
        table = read_gv_xlsx(io.BytesIO(data), name, limits) or read_register_xlsx(
            io.BytesIO(data), name, limits
        )
    except DataError:
        raise
    except Exception as exc:  # a damaged ZIP/XLSX raises many different errors
        raise DataError(
            name,
            f"Die Excel-Datei ist beschädigt oder unvollständig ({type(exc).__name__}).",
            f"the Excel file is damaged or incomplete ({type(exc).__name__}).",
        ) from None
    if table is None:
        raise DataError(
            name,
            "Excel-Datei ohne bekanntes Tabellenblatt.",
            "Excel workbook without a known sheet.",
            expected_de="Gemeindeverzeichnis (GV-ISys) oder Melderegister-Vorlage",
            expected_en="Gemeindeverzeichnis (GV-ISys) or the register template",
        )
    return table


def _read_text(text: str, name: str, encoding: str) -> Table:
    first = next((ln for ln in text.split("\n", 50) if ln.strip()), "")
    if is_genesis_first_line(first):
        if not any(";" in ln for ln in text.split("\n", 12)[1:12]):
            raise _wrong_separator(name)
        return read_genesis_table(text, name, encoding)
    if is_ffcsv_header(first):
        return read_ffcsv(text, name, encoding)
    if is_gv_csv_header(first):
        return read_gv_csv(text, name, encoding)
    if is_opendata_header(first):
        return read_opendata(text, name, encoding)
    first_data = next((ln for ln in text.split("\n") if ln.strip() and not ln.startswith("#")), "")
    if is_register_header(first_data):
        return read_register_csv(text, name, encoding)
    if first.startswith("statistics_code,") or first.startswith("GENESIS-Tabelle:"):
        raise _wrong_separator(name)
    raise DataError(
        name,
        "Unbekanntes Dateiformat.",
        "unknown file layout.",
        line=1,
        found=first[:80],
        expected_de=LAYOUTS_DE,
        expected_en=LAYOUTS_EN,
    )


def _wrong_separator(name: str) -> DataError:
    return DataError(
        name,
        "Falsches Trennzeichen: die Felder sind nicht durch Semikolon getrennt.",
        "wrong separator: fields are not separated by semicolons.",
        line=1,
        expected_de="Semikolon ';' als Trennzeichen (Export aus GENESIS unverändert verwenden)",
        expected_en="';' as separator (use the GENESIS export unchanged)",
    )
