"""GENESIS-Online / Regionalstatistik "table" CSV exports (classic layout).

Layout as users download it (``;`` separated)::

    GENESIS-Tabelle: 12411-04-02-4            <- table code
    Bevölkerung nach Geschlecht und …;;;;;    <- title (may wrap over 2 lines)
    Fortschreibung des Bevölkerungsstandes    <- statistic
    Bevölkerungsstand (Anzahl);;;;;           <- measure and unit
    Stichtag: 31.12.2020;;;;;                 <- optional fixed date / region line
    ;;;Insgesamt;männlich;weiblich            <- 1–2 column-header lines (start with ;)
    DG;Deutschland;unter 1 Jahr;769380;…      <- data: stub columns, then values
    …
    __________                                <- footer: notes, licence, "Stand: …"

The number of leading empty fields in the last column-header line is the number of
*stub* columns (row labels). Stub columns and header lines are classified by their
content (region code, date, year, month, sex, age label, Land name); a header line whose
entries are all the same dimension name ("Bundesländer", "Stichtag") names the line
below it. Every data line must have exactly as many fields as the header; a file
without the footer line is reported as truncated.
"""

from __future__ import annotations

import csv
import io
import re

import numpy as np

from demography.agegroups import parse_age_label
from demography.errors import DataError
from demography.readers.labels import (
    DIMENSION_NAMES,
    LAENDER,
    MONTHS,
    SEX_LABELS,
    classify,
    iso_date,
)
from demography.readers.table import MissingCell, Table
from demography.values import EXPECTED_DE, EXPECTED_EN, ValueParseError, parse_cells

_UNIT = re.compile(r"(.+?)\s*\(([^()]+)\)\s*")
_FOOTER = "__________"


def _records(text: str) -> list[tuple[int, list[str]]]:
    """CSV records with the (1-based) line where each starts; quotes may span lines.

    The body of an export has no quotes, so it is split with ``str.split`` (fast); only
    text with quotes (the footer, or an unusual body) goes through the csv module."""
    cut = text.find("\n" + _FOOTER)
    head, tail = (text, "") if cut < 0 else (text[: cut + 1], text[cut + 1 :])
    if '"' in head:
        return _csv_records(text, 1)
    out = [(i, line.split(";")) for i, line in enumerate(head.split("\n"), start=1) if line]
    return out + _csv_records(tail, head.count("\n") + 1) if tail else out


def _csv_records(text: str, first_line: int) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=";", quotechar='"')
    out: list[tuple[int, list[str]]] = []
    start = first_line
    for row in reader:
        out.append((start, row))
        start = first_line + reader.line_num
    return out


def _strip_trailing(row: list[str]) -> list[str]:
    end = len(row)
    while end > 0 and row[end - 1].strip() == "":
        end -= 1
    return row[:end]


def _level(dim: str, label: str) -> object:
    """Convert a label to the level stored for ``dim``."""
    label = label.strip()
    if dim == "date":
        return iso_date(label)
    if dim == "year":
        return int(label)
    if dim == "month":
        return MONTHS[label.lower()]
    if dim == "sex":
        return SEX_LABELS[label.lower()]
    if dim == "age":
        return parse_age_label(label)
    return label


def read_genesis_table(text: str, name: str, encoding: str = "") -> Table:
    """Parse the classic GENESIS table layout (see module docstring)."""
    records = _records(text)
    footer_at = next(
        (k for k, (_, row) in enumerate(records) if row and row[0].strip().startswith(_FOOTER)),
        None,
    )
    if footer_at is None:
        raise DataError(
            name,
            "Die Fußzeile '__________' fehlt – die Datei ist vermutlich unvollständig "
            "(abgeschnitten).",
            "the footer line '__________' is missing – the file is probably truncated.",
            line=records[-1][0] if records else None,
            expected_de="eine vollständige GENESIS-Tabelle mit Fußzeile und 'Stand:'",
            expected_en="a complete GENESIS table with footer and 'Stand:'",
        )
    body, footer = records[:footer_at], records[footer_at + 1 :]
    first_header = next(
        (k for k, (_, row) in enumerate(body) if len(row) > 1 and row[0] == "" and any(row[1:])),
        None,
    )
    if first_header is None:
        raise DataError(
            name,
            "Keine Spaltenköpfe gefunden (Zeilen, die mit ';' beginnen).",
            "no column headers found (lines starting with ';').",
        )
    first_data = first_header
    while first_data < len(body) and body[first_data][1][:1] == [""]:
        first_data += 1
    titles = [";".join(_strip_trailing(row)) for _, row in body[:first_header]]
    headers = [body[k] for k in range(first_header, first_data)]
    data = [
        (ln, row) for ln, row in body[first_data:] if row[0].strip() or any(c.strip() for c in row)
    ]
    if not data:
        raise DataError(
            name, "Die Tabelle enthält keine Datenzeilen.", "the table has no data lines."
        )

    last_header = _strip_trailing(headers[-1][1])
    n_stub = next(i for i, c in enumerate(last_header) if c.strip())
    n_cols = len(last_header)
    n_val = n_cols - n_stub

    # ---- column dimensions from header lines
    col_dims: dict[str, list[object]] = {}
    region_names: dict[str, str] = {}
    for k, (_line, row) in enumerate(headers):
        cells = (row + [""] * n_cols)[n_stub:n_cols]
        distinct = {c.strip() for c in cells}
        if (
            len(distinct) == 1
            and k + 1 < len(headers)
            and distinct.pop().lower() in DIMENSION_NAMES
        ):
            continue  # a line naming the dimension of the line below
        dim = classify(set(cells))
        if dim == "region_name":
            for c in cells:
                region_names[LAENDER[c.strip()]] = c.strip()
            col_dims["region"] = [LAENDER[c.strip()] for c in cells]
        elif dim is not None:
            col_dims[dim] = [_level(dim, c) for c in cells]
        else:
            col_dims.setdefault("measure", [c.strip() for c in cells])

    # ---- fixed dimensions and metadata from the title block
    code = ""
    unit = ""
    measure = ""
    fixed: dict[str, object] = {}
    for t in titles:
        t = t.strip()
        if t.startswith("GENESIS-Tabelle:"):
            code = t.split(":", 1)[1].strip().strip(";")
        elif t.startswith("Stichtag:") and iso_date(t.split(":", 1)[1].strip()):
            fixed["date"] = iso_date(t.split(":", 1)[1].strip())
        elif t in LAENDER:
            fixed["region"] = LAENDER[t]
            region_names[LAENDER[t]] = t
        elif (m := _UNIT.fullmatch(t)) and m.group(2) in {"Anzahl", "Prozent", "Jahre", "1000"}:
            measure, unit = m.group(1), m.group(2)
    title = " ".join(t for t in titles[1:3] if t and not t.startswith("Stichtag"))

    # ---- data lines: field count check and stub columns
    lines = np.fromiter((ln for ln, _ in data), dtype=np.int64, count=len(data))
    stubs: list[list[str]] = [[] for _ in range(n_stub)]
    cells: list[str] = []
    for ln, row in data:
        if len(row) > n_cols and not any(c.strip() for c in row[n_cols:]):
            row = row[:n_cols]  # trailing empty fields ("…;;") are harmless
        if len(row) != n_cols:
            raise DataError(
                name,
                "Falsche Anzahl von Feldern in der Datenzeile (abgeschnitten oder falsches "
                "Trennzeichen?).",
                "wrong number of fields in the data line (truncated or wrong separator?).",
                line=ln,
                found=f"{len(row)} Felder/fields: {';'.join(row)[:80]}",
                expected_de=f"{n_cols} durch ';' getrennte Felder wie in der Kopfzeile",
                expected_en=f"{n_cols} fields separated by ';' as in the header",
            )
        for j in range(n_stub):
            stubs[j].append(row[j])
        cells.extend(row[n_stub:n_cols])

    row_dims: dict[str, np.ndarray] = {}
    row_levels: dict[str, list[object]] = {}
    skip: set[int] = set()
    for j in range(n_stub):
        if j in skip:
            continue
        column = [c.strip() for c in stubs[j]]
        uniq = list(dict.fromkeys(column))
        dim = classify(set(uniq))
        if dim == "region" and j + 1 < n_stub and classify(set(stubs[j + 1])) is None:
            skip.add(j + 1)  # the column after the code holds the (indented) name
            for c, nm in zip(column, stubs[j + 1], strict=True):
                region_names.setdefault(c, nm.strip())
        elif dim == "region_name":
            dim = "region"
            for u in uniq:
                region_names[LAENDER[u]] = u
            column = [LAENDER[c] for c in column]
            uniq = list(dict.fromkeys(column))
        elif dim is None:
            dim = (
                "measure"
                if "measure" not in col_dims and "measure" not in row_dims
                else f"stub{j + 1}"
            )
        try:
            levels_j = [_level(dim, u) for u in uniq]
        except (ValueError, KeyError) as exc:
            raise DataError(
                name,
                f"Unbekannte Zeilenbeschriftung in Spalte {j + 1}.",
                f"unknown row label in column {j + 1}.",
                column=j + 1,
                found=str(exc),
            ) from None
        # distinct labels may map to the same level ("1-Jährige" / "1 bis unter 2 Jahre")
        level_pos: dict[object, int] = {}
        for lv in levels_j:
            level_pos.setdefault(lv, len(level_pos))
        uniq_levels = list(level_pos)
        pos = {u: level_pos[lv] for u, lv in zip(uniq, levels_j, strict=True)}
        row_levels[dim] = uniq_levels
        row_dims[dim] = np.fromiter((pos[c] for c in column), dtype=np.int32, count=len(column))

    # ---- values
    try:
        parsed = parse_cells(cells)
    except ValueParseError as exc:
        r, c = divmod(exc.index, n_val)
        raise DataError(
            name,
            "Ungültiger Zahlenwert.",
            "invalid number.",
            line=int(lines[r]),
            column=n_stub + c + 1,
            found=exc.text,
            expected_de=EXPECTED_DE,
            expected_en=EXPECTED_EN,
        ) from None

    n_rows = len(data)
    levels: dict[str, tuple[object, ...]] = {}
    index: dict[str, np.ndarray] = {}
    for dim, idx in row_dims.items():
        levels[dim] = tuple(row_levels[dim])
        index[dim] = np.repeat(idx, n_val)
    for dim, per_col in col_dims.items():
        if dim in levels:
            raise DataError(
                name,
                f"Dimension '{dim}' kommt in Zeilen und Spalten vor.",
                f"dimension '{dim}' appears in rows and columns.",
            )
        uniq_levels = list(dict.fromkeys(per_col))
        pos_c = np.array([uniq_levels.index(v) for v in per_col], dtype=np.int32)
        levels[dim] = tuple(uniq_levels)
        index[dim] = np.tile(pos_c, n_rows)
    for dim, value in fixed.items():
        if dim not in levels:
            levels[dim] = (value,)
            index[dim] = np.zeros(n_rows * n_val, dtype=np.int32)
    if "measure" not in levels and measure:
        levels["measure"] = (measure,)
        index["measure"] = np.zeros(n_rows * n_val, dtype=np.int32)

    all_lines = np.repeat(lines, n_val)
    all_cols = np.tile(np.arange(n_stub + 1, n_cols + 1), n_rows)

    def key(i: int) -> tuple[str, ...]:
        return tuple(str(levels[d][index[d][i]]) for d in levels)

    missing = tuple(
        MissingCell(int(all_lines[i]), int(all_cols[i]), sign, reason, key(i))
        for i, sign, reason in parsed.missing
    )
    flagged = tuple(
        MissingCell(int(all_lines[i]), int(all_cols[i]), txt, flag, key(i))
        for i, txt, flag in parsed.flagged
    )
    notes = []
    stand = ""
    for _, row in footer:
        txt = ";".join(_strip_trailing(row)).strip()
        if txt.startswith("Stand:"):
            stand = txt.split(":", 1)[1].strip()
        elif txt:
            notes.append(txt)
    table = Table(
        source=name,
        layout="genesis-table",
        values=parsed.values,
        levels=levels,
        index=index,
        lines=all_lines,
        columns=all_cols,
        code=code,
        title=title,
        unit=unit,
        region_names=region_names,
        missing=missing,
        flagged=flagged,
        notes=tuple(notes),
        stand=stand,
        encoding=encoding,
    )
    table.cube(tuple(levels))  # raises DataError on duplicate rows
    return table
