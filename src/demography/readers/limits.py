"""Budgets that keep a reader from working on more than the real data (issue 21).

A 1.6 KB XLSX can *claim* the range A1:XFD1048576 (17 billion cells); a reader that walks
the claimed range holds a worker for many minutes. The readers therefore

* read XLSX with ``openpyxl`` in read-only mode and **ignore the declared dimension**
  (``reset_dimensions``): only rows and cells present in the file are visited, and rows are
  not padded to the claimed width;
* stop a sheet after :attr:`Limits.max_empty_rows` empty rows in a row (the data is over;
  a cell far below a long gap, e.g. at row 1,048,576, is not reached);
* refuse a file with more than :attr:`Limits.max_cells` cells or :attr:`Limits.max_rows`
  rows, or larger than :attr:`Limits.max_bytes`, with a plain German :class:`DataError`
  *before* the expensive work.

The defaults are far above every official table (the largest real file, the Zensus 2011
Gemeinde table, has 0.83 million fields) and a 12 MB register CSV (2.1 million fields); they
can be passed to :func:`read_table` (``limits=Limits(max_cells=…)``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from demography.errors import DataError


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 200_000_000
    max_cells: int = 5_000_000
    max_rows: int = 1_000_000
    max_empty_rows: int = 1_000


DEFAULT_LIMITS = Limits()


def too_large(name: str, what_de: str, what_en: str, found: int, limit: int) -> DataError:
    return DataError(
        name,
        f"Die Datei ist zu groß: {what_de} ({found:,} > {limit:,}).".replace(",", "."),
        f"the file is too large: {what_en} ({found:,} > {limit:,}).",
        expected_de="höchstens so viele Zellen/Zeilen; größere Tabellen bitte aufteilen",
        expected_en="at most this many cells/rows; please split larger tables",
    )


def check_bytes(name: str, size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise too_large(name, "Bytes", "bytes", size, limits.max_bytes)


def check_text(name: str, text: str, limits: Limits) -> None:
    """Rows and cells of a CSV text, counted with two C-level scans."""
    rows = text.count("\n") + 1
    if rows > limits.max_rows:
        raise too_large(name, "Zeilen", "rows", rows, limits.max_rows)
    cells = rows + max(text.count(";"), text.count(","), text.count("\t"))
    if cells > limits.max_cells:
        raise too_large(name, "Zellen", "cells", cells, limits.max_cells)


def check_xlsx(name: str, data: bytes, limits: Limits) -> None:
    """Refuse a workbook whose *unpacked* size exceeds ``max_bytes`` (a ZIP bomb or a
    huge sheet in a small file) before openpyxl parses it."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # the XLSX reader reports a damaged file in its own words
    if unpacked > limits.max_bytes:
        raise too_large(name, "Bytes entpackt", "bytes unpacked", unpacked, limits.max_bytes)


def sheet_rows(ws: Any, name: str, limits: Limits) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """``(row number, values)`` of the rows actually present in a read-only worksheet.

    Ignores the declared dimension, stops after ``max_empty_rows`` empty rows and raises
    :class:`DataError` when the sheet has more rows or cells than the budget allows."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # do not pad rows to a claimed A1:XFD1048576
    cells = 0
    empty_run = 0
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > limits.max_rows:
            raise too_large(name, "Zeilen", "rows", number, limits.max_rows)
        cells += len(row)
        if cells > limits.max_cells:
            raise too_large(name, "Zellen", "cells", cells, limits.max_cells)
        if not any(c is not None and str(c).strip() for c in row):
            empty_run += 1
            if empty_run >= limits.max_empty_rows:
                return
            continue
        empty_run = 0
        yield number, row
