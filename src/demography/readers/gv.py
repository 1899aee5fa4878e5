"""Destatis Gemeindeverzeichnis (GV-ISys): population of every Gemeinde by sex.

Two inputs are accepted:

* the official XLSX "Auszug GV" (sheet ``Onlineprodukt_Gemeinden…``: six header rows,
  record type ``Satzart`` 10 Land, 20 Regierungsbezirk, 40 Kreis, 50 Gemeindeverband,
  60 Gemeinde; only Satzart 60 carries population figures), and
* a CSV derived from it with one header line (``satzart;textkennzeichen;ags;ars;…;
  bev_insgesamt;bev_maennlich;bev_weiblich;…``), where ``flaeche_km2`` uses a decimal
  *point* (as written by the tool that derived it).

Regions are Gemeinden by their 8-digit AGS (Land 2 + RB 1 + Kreis 2 + Gemeinde 3). The
reference date is taken from the sheet title ("am 31.12.2023") or, for the CSV, from a
``DDMMYYYY`` date in the file name; without either the reader refuses the file, because
a population without a date cannot be compared.

Where the file has them, the geographic centre coordinates (``laengengrad``/``breitengrad``,
WGS 84 degrees with a decimal comma) are kept as ``attributes["coordinates"]``:
``{ags: (longitude, latitude)}``. The Postleitzahl of each Gemeinde's Verwaltungssitz (column
``PLZ``; one per Gemeinde, a city with many PLZ has only the one of its town hall) is kept as
``attributes["postal_codes"]``: ``{ags: plz}``; an empty cell (unpopulated areas) is left out,
a cell that is no PLZ rejects the file.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import BinaryIO

import numpy as np

from demography.errors import DataError
from demography.readers.limits import DEFAULT_LIMITS, Limits, sheet_rows
from demography.readers.table import Table
from demography.values import ValueParseError, parse_cells

GV_CSV_COLUMNS = (
    "satzart",
    "ags",
    "gemeindename",
    "bev_insgesamt",
    "bev_maennlich",
    "bev_weiblich",
)
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)")
_DATE_IN_TITLE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")


def is_gv_csv_header(first_line: str) -> bool:
    head = first_line.lstrip("\ufeff").lower().split(";")
    return all(c in head for c in GV_CSV_COLUMNS)


def _table(
    name: str,
    date: str,
    codes: list[str],
    names: list[str],
    cells: list[str],
    lines: list[int],
    first_col: int,
    area: dict[str, float],
    encoding: str,
    coordinates: dict[str, tuple[float, float]] | None = None,
    postal_codes: dict[str, str] | None = None,
) -> Table:
    """Build the Table from per-Gemeinde cells (total, male, female per Gemeinde)."""
    try:
        parsed = parse_cells(cells)
    except ValueParseError as exc:
        r, c = divmod(exc.index, 3)
        raise DataError(
            name,
            "Ungültige Einwohnerzahl.",
            "invalid population count.",
            line=lines[r],
            column=first_col + c,
            found=exc.text,
            expected_de="eine ganze Zahl",
            expected_en="a whole number",
        ) from None
    n = len(codes)
    table = Table(
        source=name,
        layout="gemeindeverzeichnis",
        values=parsed.values,
        levels={
            "region": tuple(codes),
            "sex": ("total", "male", "female"),
            "date": (date,),
            "measure": ("Bevölkerungsstand",),
        },
        index={
            "region": np.repeat(np.arange(n, dtype=np.int32), 3),
            "sex": np.tile(np.arange(3, dtype=np.int32), n),
            "date": np.zeros(3 * n, dtype=np.int32),
            "measure": np.zeros(3 * n, dtype=np.int32),
        },
        lines=np.repeat(np.asarray(lines, dtype=np.int64), 3),
        columns=np.tile(np.arange(first_col, first_col + 3), n),
        code="GV-ISys",
        title="Gemeindeverzeichnis: Gemeinden nach Fläche und Bevölkerung",
        unit="Anzahl",
        region_names=dict(zip(codes, names, strict=True)),
        encoding=encoding,
        attributes={
            "area_km2": area,
            "coordinates": coordinates or {},
            "postal_codes": postal_codes or {},
        },
    )
    if len(set(codes)) != n:
        table.cube(("region", "sex"))  # names the duplicate line
    return table


def _coordinate(text: object) -> float | None:
    """A GV coordinate ("9,43751" or a number); None if empty or not a number."""
    if text is None:
        return None
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        return None
    return value if value == value else None  # NaN


def _postal_code(text: object, name: str, line: int, column: int) -> str | None:
    """A GV PLZ cell: "03222" (a number or a 4-digit text lost its leading zero); None if
    empty; DataError if it is no PLZ."""
    if text is None:
        return None
    value = str(text).strip()
    if isinstance(text, float) and text.is_integer():
        value = str(int(text))
    if not value:
        return None
    if not re.fullmatch(r"\d{4,5}", value) or value.zfill(5) == "00000":
        raise DataError(
            name,
            "Ungültige Postleitzahl.",
            "invalid postal code.",
            line=line,
            column=column,
            found=value,
            expected_de="5-stellige Postleitzahl",
            expected_en="5-digit postal code",
        )
    return value.zfill(5)


def _lon_lat(lon: object, lat: object) -> tuple[float, float] | None:
    x, y = _coordinate(lon), _coordinate(lat)
    return None if x is None or y is None else (x, y)


def read_gv_csv(text: str, name: str, encoding: str = "") -> Table:
    """Read the derived Gemeindeverzeichnis CSV (Satzart 60 rows)."""
    m = _DATE_IN_NAME.search(Path(name).name)
    if not m:
        raise DataError(
            name,
            "Stichtag unbekannt: der Dateiname enthält kein Datum TTMMJJJJ.",
            "reference date unknown: the file name holds no date DDMMYYYY.",
            expected_de="einen Dateinamen wie gv_gemeinden_31122023.csv",
            expected_en="a file name such as gv_gemeinden_31122023.csv",
        )
    date = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = [h.strip().lower() for h in next(reader)]
    col = {h: i for i, h in enumerate(header)}
    codes: list[str] = []
    names: list[str] = []
    cells: list[str] = []
    lines: list[int] = []
    area: dict[str, float] = {}
    coordinates: dict[str, tuple[float, float]] = {}
    postal_codes: dict[str, str] = {}
    has_coordinates = "laengengrad" in col and "breitengrad" in col
    for row in reader:
        if not any(row):
            continue
        if len(row) != len(header):
            raise DataError(
                name,
                "Falsche Anzahl von Feldern.",
                "wrong number of fields.",
                line=reader.line_num,
                found=str(len(row)),
                expected_de=str(len(header)),
                expected_en=str(len(header)),
            )
        if row[col["satzart"]].strip() != "60":
            continue
        ags = row[col["ags"]].strip()
        if not re.fullmatch(r"\d{8}", ags):
            raise DataError(
                name,
                "Ungültiger Gemeindeschlüssel.",
                "invalid municipality key.",
                line=reader.line_num,
                column=col["ags"] + 1,
                found=ags,
                expected_de="8-stelliger AGS",
                expected_en="8-digit AGS",
            )
        codes.append(ags)
        names.append(row[col["gemeindename"]].strip())
        cells.extend(row[col[c]] for c in ("bev_insgesamt", "bev_maennlich", "bev_weiblich"))
        lines.append(reader.line_num)
        if "flaeche_km2" in col:
            try:
                area[ags] = float(row[col["flaeche_km2"]])
            except ValueError:
                area[ags] = float("nan")
        if has_coordinates:
            point = _lon_lat(row[col["laengengrad"]], row[col["breitengrad"]])
            if point is not None:
                coordinates[ags] = point
        if "plz" in col:
            plz = _postal_code(row[col["plz"]], name, reader.line_num, col["plz"] + 1)
            if plz:
                postal_codes[ags] = plz
    if not codes:
        raise DataError(
            name, "Keine Gemeindezeilen (Satzart 60).", "no municipality rows (record type 60)."
        )
    return _table(
        name,
        date,
        codes,
        names,
        cells,
        lines,
        col["bev_insgesamt"] + 1,
        area,
        encoding,
        coordinates,
        postal_codes,
    )


def read_gv_xlsx(
    path: str | Path | BinaryIO, name: str, limits: Limits = DEFAULT_LIMITS
) -> Table | None:
    """Read the official GV-ISys XLSX; ``None`` if the workbook is not a GV extract.

    Only the rows present in the sheet are read, within ``limits`` (see
    :mod:`demography.readers.limits`)."""
    import openpyxl  # imported here: only needed for XLSX input

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = next(
            (ws for ws in wb.worksheets if ws.title.startswith("Onlineprodukt_Gemeinden")), None
        )
        if sheet is None:
            return None
        rows = ((i, tuple(r) + (None,) * (16 - len(r))) for i, r in sheet_rows(sheet, name, limits))
        first = next(rows, None)
        title = " ".join(str(c) for c in first[1] if c) if first else ""
        m = _DATE_IN_TITLE.search(title)
        if not m:
            raise DataError(
                name,
                "Stichtag im Tabellentitel fehlt.",
                "no reference date in the sheet title.",
                line=1,
                found=title,
            )
        date = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
        codes: list[str] = []
        names: list[str] = []
        cells: list[str] = []
        lines: list[int] = []
        area: dict[str, float] = {}
        coordinates: dict[str, tuple[float, float]] = {}
        postal_codes: dict[str, str] = {}
        for i, row in rows:
            if str(row[0]).strip() != "60":
                continue
            land, rb, kreis, _vb, gem = (str(c or "").strip() for c in row[2:7])
            ags = f"{land}{rb}{kreis}{gem}"
            if not re.fullmatch(r"\d{8}", ags):
                raise DataError(
                    name,
                    "Ungültiger Gemeindeschlüssel.",
                    "invalid municipality key.",
                    line=i,
                    column=3,
                    found=ags,
                    expected_de="Land 2 + RB 1 + Kreis 2 + Gemeinde 3 Ziffern",
                    expected_en="Land 2 + RB 1 + Kreis 2 + municipality 3 digits",
                )
            codes.append(ags)
            names.append(str(row[7]).strip())
            cells.extend("" if c is None else str(c) for c in row[9:12])
            lines.append(i)
            area[ags] = float(row[8]) if isinstance(row[8], int | float) else float("nan")
            point = _lon_lat(row[14], row[15])
            if point is not None:
                coordinates[ags] = point
            plz = _postal_code(row[13], name, i, 14)
            if plz:
                postal_codes[ags] = plz
    finally:
        wb.close()
    if not codes:
        raise DataError(
            name, "Keine Gemeindezeilen (Satzart 60).", "no municipality rows (record type 60)."
        )
    return _table(
        name, date, codes, names, cells, lines, 10, area, "xlsx", coordinates, postal_codes
    )
