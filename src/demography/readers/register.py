"""A Kommune's own register data (Melderegister) by area × single year of age × sex.

Großstadtquartiere and Ortsteile have no official tables; a city statistics office or
Meldebehörde exports its register in this template instead (CSV or XLSX, one row per
area, reference date and single year of age). Columns (header names are
case-insensitive; order is free; extra columns are ignored):

======================  ===========  ==================================================
column                  required     content
======================  ===========  ==================================================
``gebiet``              yes          key of the area (Ortsteil, Quartier, Stadtbezirk),
                                     any text without ``;``, e.g. ``01.02`` or ``Q12``
``gebiet_name``         no           name of the area
``stichtag``            yes          reference date ``31.12.2024`` or ``2024-12-31``
``alter``               yes          completed years ``0`` … ``99`` and ``100+``
                                     (``100 und älter``; ages above 100 are added to it)
``maennlich``           yes          persons with main residence, male
``weiblich``            yes          persons with main residence, female
``divers_ohne_angabe``  no           persons with sex "divers" or "ohne Angabe"
======================  ===========  ==================================================

Rules: every area and date needs all ages 0 … 100+ exactly once; counts are whole
numbers ≥ 0; ``-`` means 0 and ``.`` a value withheld for confidentiality (kept as
unknown). Lines starting with ``#`` are comments. Separator ``;`` (as German Excel writes
it); ``,`` or tab are accepted when the header uses them. Persons in
``divers_ohne_angabe`` are split half to male and half to female – the expected value of
the random assignment that Destatis uses for these persons in the
Bevölkerungsfortschreibung – so that area totals stay complete.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np

from demography.agegroups import AgeInterval, parse_age_label
from demography.core import MAX_AGE, N_AGES
from demography.errors import DataError
from demography.readers.checks import MAX_COUNT
from demography.readers.labels import iso_date
from demography.readers.limits import DEFAULT_LIMITS, Limits, sheet_rows
from demography.readers.table import MissingCell, Table
from demography.values import Cell, ValueParseError, parse_cell

REQUIRED = ("gebiet", "stichtag", "alter", "maennlich", "weiblich")
OPTIONAL = ("gebiet_name", "divers_ohne_angabe")
COLUMNS = (
    "gebiet",
    "gebiet_name",
    "stichtag",
    "alter",
    "maennlich",
    "weiblich",
    "divers_ohne_angabe",
)


def _norm(h: object) -> str:
    text = str(h or "").strip().lower().lstrip("\ufeff")
    return text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace(" ", "_")


def is_register_header(first_line: str) -> bool:
    for sep in (";", "\t", ","):
        cols = {_norm(c) for c in first_line.split(sep)}
        if set(REQUIRED) <= cols:
            return True
    return False


def read_register_csv(text: str, name: str, encoding: str = "") -> Table:
    """Read the register template from CSV text."""
    lines = text.split("\n")
    first = next((k for k, ln in enumerate(lines) if ln.strip() and not ln.startswith("#")), None)
    if first is None:
        raise DataError(name, "Die Datei ist leer.", "the file is empty.")
    sep = next(
        s for s in (";", "\t", ",") if set(REQUIRED) <= {_norm(c) for c in lines[first].split(s)}
    )
    return _from_rows(_csv_rows(text, sep, name), name, encoding)


def _csv_rows(text: str, sep: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Non-empty, non-comment rows with their line numbers (streamed: no list of rows)."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    start = 1
    try:
        for row in reader:
            if row and not row[0].startswith("#") and "".join(row).strip():
                yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(
            name, f"CSV nicht lesbar ({exc}).", f"CSV not readable ({exc}).", line=start
        ) from None


def read_register_xlsx(
    path: str | Path | BinaryIO, name: str, limits: Limits = DEFAULT_LIMITS
) -> Table | None:
    """Read the template from an XLSX workbook (sheet ``Daten`` or the first sheet whose
    first non-empty row is the template header); ``None`` if there is none. Only rows
    present in the sheet are read, within ``limits``."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = sorted(wb.worksheets, key=lambda ws: ws.title != "Daten")
        for ws in sheets:
            rows: list[tuple[int, list[str]]] = []
            for i, row in sheet_rows(ws, name, limits):
                cells = [
                    ""
                    if c is None
                    else (str(int(c)) if isinstance(c, float) and c.is_integer() else str(c))
                    for c in row
                ]
                if any(c.strip() for c in cells) and not cells[0].startswith("#"):
                    rows.append((i, cells))
            if rows and set(REQUIRED) <= {_norm(c) for c in rows[0][1]}:
                return _from_rows(rows, name, "xlsx")
    finally:
        wb.close()
    return None


def _age_index(text: str) -> int | None:
    """Single year of age (0 … 100, 100 = 100+) or None if not a single year."""
    s = text.strip()
    if s.isdigit():
        return min(int(s), MAX_AGE)
    try:
        iv: AgeInterval | None = parse_age_label(s)
    except ValueError:
        return None
    if iv is None:
        return None
    if iv.upper is None:
        return MAX_AGE if iv.lower == MAX_AGE else None
    return min(iv.lower, MAX_AGE) if iv.upper == iv.lower + 1 else None


class _CachedParsers:
    """Parse dates, ages and counts of the template once per distinct text."""

    def __init__(self, name: str, col: dict[str, int]) -> None:
        self.name = name
        self.col = col
        self.dates: dict[str, str] = {}
        self.ages: dict[str, int] = {}
        self.counts: dict[str, Cell | None] = {}
        self.results: dict[tuple[str, bool], tuple[float, str | None]] = {}

    def date(self, raw: str, line: int) -> str:
        text = raw.strip()
        date = self.dates.get(text)
        if date is None:
            date = iso_date(text) or (text if _is_iso(text) else None)
            if date is None:
                raise DataError(
                    self.name,
                    "Ungültiger Stichtag.",
                    "invalid reference date.",
                    line=line,
                    column=self.col["stichtag"] + 1,
                    found=text[:40],
                    expected_de="TT.MM.JJJJ, z. B. 31.12.2024",
                    expected_en="DD.MM.YYYY, e.g. 31.12.2024",
                )
            self.dates[text] = date
        return date

    def age(self, text: str, line: int) -> int:
        age = self.ages.get(text)
        if age is None:
            age = _age_index(text)
            if age is None:
                raise DataError(
                    self.name,
                    "Ungültiges Alter.",
                    "invalid age.",
                    line=line,
                    column=self.col["alter"] + 1,
                    found=text[:40],
                    expected_de="ein einzelnes Altersjahr 0 … 99 oder 100+",
                    expected_en="a single year of age 0 … 99 or 100+",
                )
            self.ages[text] = age
        return age

    def count(self, text: str, line: int, j: int, *, optional: bool) -> tuple[float, str | None]:
        """(value, missing reason); an empty optional cell counts as 0."""
        done = self.results.get((text, optional))
        if done is not None:
            return done
        result = self._count(text, line, j, optional=optional)
        self.results[(text, optional)] = result
        return result

    def _count(self, text: str, line: int, j: int, *, optional: bool) -> tuple[float, str | None]:
        if text in self.counts:
            parsed = self.counts[text]
        else:
            try:
                parsed = parse_cell(text)
            except ValueParseError:
                parsed = None
            self.counts[text] = parsed
        ok = parsed is not None and (
            parsed.reason is not None
            or (0 <= parsed.value <= MAX_COUNT and math.isclose(parsed.value, round(parsed.value)))
        )
        if not ok or (parsed is not None and parsed.reason == "empty" and not optional):
            raise DataError(
                self.name,
                "Ungültige Anzahl.",
                "invalid count.",
                line=line,
                column=j + 1,
                found=text[:40],
                expected_de="eine ganze Zahl ≥ 0, '-' für 0 oder '.' für geheim",
                expected_en="a whole number ≥ 0, '-' for 0 or '.' for confidential",
            )
        assert parsed is not None
        if parsed.reason == "empty":
            return 0.0, None  # optional column left blank: nobody
        return parsed.value, parsed.reason


def _from_rows(rows: Iterable[tuple[int, list[str]]], name: str, encoding: str) -> Table:
    """Header check, accumulation per area and date, completeness, the Table."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        raise DataError(name, "Keine Datenzeilen.", "no data rows.")
    col = _header_columns(first, name)
    acc = _Accumulated()
    _accumulate(rows, col, name, acc)
    _check_complete(acc, name)
    return _register_table(acc, col, name, encoding)


def _header_columns(first: tuple[int, list[str]], name: str) -> dict[str, int]:
    header_line, header = first
    col = {_norm(h): i for i, h in enumerate(header) if _norm(h)}
    missing_cols = [c for c in REQUIRED if c not in col]
    if missing_cols:
        raise DataError(
            name,
            f"Pflichtspalten fehlen: {', '.join(missing_cols)}.",
            f"required columns missing: {', '.join(missing_cols)}.",
            line=header_line,
            found=";".join(header),
            expected_de="Kopfzeile " + ";".join(COLUMNS),
            expected_en="header " + ";".join(COLUMNS),
        )
    col["_width"] = len(header)
    return col


@dataclass
class _Accumulated:
    """Counts per (area, date): male, female, divers × ages, as one flat list."""

    counts: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    missing: list[MissingCell] = field(default_factory=list)
    first_line: dict[tuple[str, str], int] = field(default_factory=dict)
    ages_seen: dict[tuple[str, str], dict[int, int]] = field(default_factory=dict)


def _sex_columns(col: dict[str, int]) -> list[str]:
    return ["maennlich", "weiblich"] + (
        ["divers_ohne_angabe"] if "divers_ohne_angabe" in col else []
    )


def _accumulate(
    rows: Iterable[tuple[int, list[str]]], col: dict[str, int], name: str, acc: _Accumulated
) -> None:
    parse = _CachedParsers(name, col)
    sex_cols = _sex_columns(col)
    i_area, i_date, i_age = col["gebiet"], col["stichtag"], col["alter"]
    i_name = col.get("gebiet_name")
    sex_idx = [(k, col[c], c == "divers_ohne_angabe") for k, c in enumerate(sex_cols)]
    width = col["_width"]
    for line, row in rows:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        area = row[i_area].strip()
        if not area:
            raise DataError(
                name,
                "Gebietsschlüssel fehlt.",
                "area key missing.",
                line=line,
                column=i_area + 1,
                found="",
                expected_de="z. B. Q01",
                expected_en="e.g. Q01",
            )
        date = parse.date(row[i_date], line)
        raw_age = row[i_age].strip()
        age = parse.age(raw_age, line)
        key2 = (area, date)
        arr = acc.counts.get(key2)
        if arr is None:
            arr = acc.counts[key2] = [0.0] * (3 * N_AGES)
            acc.first_line[key2] = line
            acc.ages_seen[key2] = {}
        _check_duplicate(acc.ages_seen[key2], age, raw_age, line, key2, name)
        if i_name is not None and area not in acc.names and row[i_name].strip():
            acc.names[area] = row[i_name].strip()
        for k, j, optional in sex_idx:
            text = row[j].strip()
            value, reason = parse.count(text, line, j, optional=optional)
            if reason is not None:
                key = (area, date, str(age), sex_cols[k])
                acc.missing.append(MissingCell(line, j + 1, text, reason, key))
            arr[k * N_AGES + age] += value


def _check_duplicate(
    lines_by_age: dict[int, int], age: int, raw_age: str, line: int, key2, name: str
) -> None:
    """One row per area, date and age; ages above 100 are added to 100+."""
    if age in lines_by_age and not (
        age == MAX_AGE and raw_age.isdigit() and int(raw_age) > MAX_AGE
    ):
        area, date = key2
        raise DataError(
            name,
            "Doppelte Zeile für Gebiet, Stichtag und Alter.",
            "duplicate row for area, date and age.",
            line=line,
            found=f"{area}; {date}; {raw_age}",
            expected_de=f"jede Kombination nur einmal (zuerst in Zeile {lines_by_age[age]})",
            expected_en=f"each combination once (first in line {lines_by_age[age]})",
        )
    lines_by_age.setdefault(age, line)


def _check_complete(acc: _Accumulated, name: str) -> None:
    if not acc.counts:
        raise DataError(name, "Keine Datenzeilen.", "no data rows.")
    for (area, date), seen in acc.ages_seen.items():
        absent = sorted(set(range(N_AGES)) - seen.keys())
        if absent:
            shown = ", ".join("100+" if a == MAX_AGE else str(a) for a in absent[:10])
            raise DataError(
                name,
                f"Gebiet {area}, Stichtag {date}: Altersjahre fehlen ({shown}).",
                f"area {area}, date {date}: ages missing ({shown}).",
                line=acc.first_line[(area, date)],
                expected_de="alle Altersjahre 0 … 99 und 100+",
                expected_en="all ages 0 … 99 and 100+",
            )


def _register_table(acc: _Accumulated, col: dict[str, int], name: str, encoding: str) -> Table:
    keys = list(acc.counts)
    areas = list(dict.fromkeys(a for a, _ in keys))
    dates = sorted({d for _, d in keys})
    area_pos = {a: i for i, a in enumerate(areas)}
    date_pos = {d: i for i, d in enumerate(dates)}
    n = len(keys) * 2 * N_AGES
    values = np.empty(n)
    idx_region = np.empty(n, dtype=np.int32)
    idx_date = np.empty(n, dtype=np.int32)
    for k, (area, date) in enumerate(keys):
        arr = np.asarray(acc.counts[(area, date)]).reshape(3, N_AGES)
        both = arr[:2] + arr[2] / 2.0  # divers/ohne Angabe: half male, half female
        values[k * 2 * N_AGES : (k + 1) * 2 * N_AGES] = both.reshape(-1)
        idx_region[k * 2 * N_AGES : (k + 1) * 2 * N_AGES] = area_pos[area]
        idx_date[k * 2 * N_AGES : (k + 1) * 2 * N_AGES] = date_pos[date]
    ages = (*tuple(AgeInterval(a, a + 1) for a in range(MAX_AGE)), AgeInterval(MAX_AGE, None))
    notes: tuple[str, ...] = ()
    if "divers_ohne_angabe" in col:
        notes = ("divers/ohne Angabe je zur Hälfte männlich und weiblich zugeordnet",)
    return Table(
        source=name,
        layout="register",
        values=values,
        levels={
            "region": tuple(areas),
            "date": tuple(dates),
            "sex": ("male", "female"),
            "age": ages,
            "measure": ("Bevölkerungsstand",),
        },
        index={
            "region": idx_region,
            "date": idx_date,
            "sex": np.tile(np.repeat(np.arange(2, dtype=np.int32), N_AGES), len(keys)),
            "age": np.tile(np.arange(N_AGES, dtype=np.int32), 2 * len(keys)),
            "measure": np.zeros(n, dtype=np.int32),
        },
        lines=np.zeros(n, dtype=np.int64),
        columns=np.zeros(n, dtype=np.int64),
        code="Melderegister",
        title="Einwohner nach Gebiet, Altersjahren und Geschlecht (Melderegister)",
        unit="Anzahl",
        region_names={a: acc.names.get(a, a) for a in areas},
        missing=tuple(acc.missing),
        notes=notes,
        encoding=encoding,
    )


def _is_iso(text: str) -> bool:
    parts = text.split("-")
    return len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4


# ------------------------------------------------------------------------- templates


def example_rows() -> Iterable[list[str]]:
    """Example content of the template: two areas at 31.12.2024, plausible structure
    (deterministic formula, not real data)."""
    areas = [("Q01", "Altstadt", 1.0, 0.0), ("Q02", "Neubaugebiet Nord", 0.6, 1.0)]
    for code, area_name, scale, young in areas:
        for age in range(N_AGES):
            # smooth stylised age structure; "young" shifts weight to families with children
            base = (
                30
                + 45 * math.exp(-(((age - 57) / 14) ** 2))
                + 25 * math.exp(-(((age - 30) / 9) ** 2))
            )
            base += (
                young
                * 30
                * (math.exp(-(((age - 5) / 6) ** 2)) + math.exp(-(((age - 37) / 7) ** 2)))
            )
            base *= math.exp(-max(0, age - 75) * 0.16)
            male = round(scale * base * (1.02 if age < 60 else 0.85))
            female = round(scale * base * (0.98 if age < 60 else 1.12))
            diverse = 1 if (age in (24, 31) and code == "Q01") else 0
            yield [
                code,
                area_name,
                "31.12.2024",
                "100+" if age == MAX_AGE else str(age),
                str(male),
                str(female),
                str(diverse),
            ]


CSV_COMMENT = (
    "# Vorlage Melderegister: Einwohner mit Hauptwohnsitz nach Gebiet, Stichtag, Alter und Geschlecht.\n"
    "# Eine Zeile je Gebiet, Stichtag und Altersjahr 0 … 99 und 100+. Trennzeichen ';'. Zeilen mit # sind Kommentare.\n"
    "# Beschreibung der Spalten: docs/demography-readers.md (Abschnitt Melderegister-Vorlage).\n"
)


def register_template_csv() -> str:
    """The CSV template text (comment lines, header, example rows)."""
    out = io.StringIO()
    out.write(CSV_COMMENT)
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(example_rows())
    return out.getvalue()


def write_register_template_xlsx(path: str | Path) -> Path:
    """Write the XLSX template (sheet ``Daten`` with example rows, sheet ``Erläuterung``)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Daten"
    ws.append(list(COLUMNS))
    for row in example_rows():
        ws.append(
            [*row[:3], row[3] if row[3] == "100+" else int(row[3]), *(int(v) for v in row[4:])]
        )
    info = wb.create_sheet("Erläuterung")
    info.append(["Spalte", "Pflicht", "Inhalt"])
    for line in [
        ("gebiet", "ja", "Schlüssel des Gebiets (Ortsteil, Quartier, Stadtbezirk), z. B. Q01"),
        ("gebiet_name", "nein", "Name des Gebiets"),
        ("stichtag", "ja", "Stichtag TT.MM.JJJJ, z. B. 31.12.2024"),
        (
            "alter",
            "ja",
            "vollendete Lebensjahre 0 … 99 und 100+ (jedes Alter genau einmal je Gebiet)",
        ),
        (
            "maennlich",
            "ja",
            "Einwohner mit Hauptwohnsitz, männlich (ganze Zahl, '-' = 0, '.' = geheim)",
        ),
        ("weiblich", "ja", "Einwohner mit Hauptwohnsitz, weiblich"),
        (
            "divers_ohne_angabe",
            "nein",
            "Geschlecht divers/ohne Angabe; wird je zur Hälfte männlich/weiblich gezählt",
        ),
    ]:
        info.append(list(line))
    path = Path(path)
    wb.save(path)
    return path
