"""GENESIS-Online / Regionalstatistik / Landesamt "table" CSV exports (classic layout).

Layout as users download it (``;`` separated)::

    GENESIS-Tabelle: 12411-04-02-4            <- table code ("Tabelle: 12411_0012" at StaLa-BW)
    Bevölkerung nach Geschlecht und …;;;;;    <- title (may wrap over 2 lines)
    Fortschreibung des Bevölkerungsstandes    <- statistic
    Bevölkerungsstand (Anzahl);;;;;           <- measure and unit
    Stichtag: 31.12.2020;;;;;                 <- optional fixed date ("31.12.2015", "2015")
    ;;;Insgesamt;männlich;weiblich            <- 1–5 column-header lines (start with ;)
    DG;Deutschland;unter 1 Jahr;769380;…      <- data: stub columns, then values
    …
    __________                                <- footer: notes, licence, "Stand: …"

The parser works in four layout steps, each its own function:

1. :func:`_split_sections` – records (quotes may span lines), header block, column-header
   lines, data lines and footer; a file without the footer line is truncated.
2. :func:`_title_block` – table code, title, unit, measure and fixed dimensions (a
   ``Stichtag`` line, a bare date or year line, a Land name).
3. :func:`_column_dims` – what each value column means. The number of leading empty
   fields of the last header line is the number of *stub* columns (row labels). A header
   line whose entries are all equal names a dimension ("Geschlecht", "Altersgruppen (unter
   1 bis 75 u.m.)"), a unit ("Anzahl") or the measure ("Bevölkerung"); other lines are
   classified by content (date, year, sex, nationality, age, Land name, else measure). A
   line mixing sexes and nationalities (Zensus: Insgesamt, männlich, weiblich, Deutsche,
   Ausländer) becomes two dimensions.
4. :func:`_body` / :func:`_row_dims` – every data line must have exactly as many fields
   as the header; stub columns are classified the same way (region code + name, date,
   year, age …; a free-text first column without any region code elsewhere is the region
   *name*, as in StaLa-BW exports).

Region codes of Gemeinde tables (10-digit Rheinland-Pfalz, 11-digit Niedersachsen codes,
Verbands-/Samtgemeinden) are mapped to the 8-digit AGS afterwards by
:func:`demography.readers.gemeinden.to_ags`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np

from demography.errors import DataError
from demography.readers.ages import parse_age_labels
from demography.readers.labels import DIMENSION_NAMES, LAENDER, MONTHS, SEX_LABELS, iso_date
from demography.readers.labels import classify as classify_labels
from demography.readers.table import MissingCell, Table
from demography.values import EXPECTED_DE, EXPECTED_EN, ValueParseError, parse_cells

TABLE_PREFIXES = ("GENESIS-Tabelle:", "Tabelle:")
_UNIT = re.compile(r"(.+?)\s*\(([^()]+)\)\s*")
_UNITS = {"anzahl", "prozent", "jahre", "1000", "tsd.", "tausend", "%"}
_FOOTER = "__________"
_MOTHER = re.compile(r"alter\s+der\s+m[uü]tter", re.IGNORECASE)
_REGION_CODE = re.compile(r"DG|\d{2}|\d{3}|\d{5}|\d{7,12}")
_YEAR = re.compile(r"(1[89]|2[01])\d\d")
_NAME_PREFIXES = (
    "altersgruppe",
    "altersjahr",
    "geschlecht",
    "nationalität",
    "staatsangehörigkeit",
    "stichtag",
    "bundesländer",
    "kreise",
    "gemeinden",
    "regionale",
)
#: nationality labels -> level stored in dimension ``nat``
NATIONALITY = {
    "insgesamt": "Insgesamt",
    "deutsche": "Deutsche",
    "deutsch": "Deutsche",
    "ausländer": "Ausländer",
    "ausländer(innen)": "Ausländer",
    "ausländerinnen und ausländer": "Ausländer",
    "nichtdeutsche": "Ausländer",
    "nichtdeutsch": "Ausländer",
}


def is_genesis_first_line(line: str) -> bool:
    return line.lstrip("\ufeff").startswith(TABLE_PREFIXES)


# ----------------------------------------------------------------------------- step 1


@dataclass
class _Sections:
    titles: list[str]
    headers: list[tuple[int, list[str]]]
    data: list[tuple[int, list[str]]]
    footer: list[tuple[int, list[str]]]


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
    try:
        for row in reader:
            out.append((start, row))
            start = first_line + reader.line_num
    except csv.Error as exc:  # e.g. NUL byte or field larger than the csv limit
        raise DataError(
            "",
            f"Die Datei ist als CSV nicht lesbar ({exc}).",
            f"the file cannot be parsed as CSV ({exc}).",
            line=start,
        ) from None
    return out


def _strip_trailing(row: list[str]) -> list[str]:
    end = len(row)
    while end > 0 and row[end - 1].strip() == "":
        end -= 1
    return row[:end]


def _split_sections(text: str, name: str) -> _Sections:
    try:
        records = _records(text)
    except DataError as exc:
        exc.file = name
        raise
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
    data = [(ln, row) for ln, row in body[first_data:] if "".join(row).strip()]
    if not data:
        raise DataError(
            name, "Die Tabelle enthält keine Datenzeilen.", "the table has no data lines."
        )
    headers = [(ln, row) for ln, row in body[first_header:first_data] if "".join(row).strip()]
    return _Sections(
        titles=[";".join(_strip_trailing(row)) for _, row in body[:first_header]],
        headers=headers,
        data=data,
        footer=footer,
    )


# ----------------------------------------------------------------------------- step 2


@dataclass
class _TitleBlock:
    code: str = ""
    title: str = ""
    unit: str = ""
    measure: str = ""
    fixed: dict[str, object] = field(default_factory=dict)
    region_names: dict[str, str] = field(default_factory=dict)


def _title_block(titles: list[str]) -> _TitleBlock:
    out = _TitleBlock()
    for raw in titles:
        t = raw.strip().strip(";").strip()
        if t.startswith(TABLE_PREFIXES):
            out.code = t.split(":", 1)[1].strip()
        elif t.startswith("Stichtag:") and iso_date(t.split(":", 1)[1].strip()):
            out.fixed["date"] = iso_date(t.split(":", 1)[1].strip())
        elif iso_date(t):
            out.fixed["date"] = iso_date(t)
        elif _YEAR.fullmatch(t):
            out.fixed["year"] = int(t)
        elif t in LAENDER:
            out.fixed["region"] = LAENDER[t]
            out.region_names[LAENDER[t]] = t
        elif (m := _UNIT.fullmatch(t)) and m.group(2).lower() in _UNITS:
            out.measure, out.unit = m.group(1), m.group(2)
    lines = [t.strip().strip(";") for t in titles[1:3]]
    out.title = " ".join(t for t in lines if t and not t.startswith("Stichtag"))
    return out


# ----------------------------------------------------------------------------- step 3


def classify(values: set[str] | list[str]) -> str | None:
    """Dimension of a set of labels: the official ones (:mod:`labels`), 7- to 12-digit
    region codes, nationality, and the age spellings of :mod:`demography.readers.ages`."""
    vals = {v.strip() for v in values} - {""}
    if not vals:
        return None
    if all(_REGION_CODE.fullmatch(v) for v in vals) and not all(_YEAR.fullmatch(v) for v in vals):
        return "region"
    dim = classify_labels(vals)
    if dim is not None:
        return dim
    low = {v.lower() for v in vals}
    if low <= NATIONALITY.keys() and low != {"insgesamt"}:
        return "nat"
    if low != {"insgesamt"}:
        try:
            parse_age_labels(vals)
        except ValueError:
            return None
        return "age"
    return None


def _levels(dim: str, labels: list[str]) -> list[object]:
    """Convert labels (stripped) to the levels stored for ``dim``; KeyError/ValueError."""
    if dim == "age":
        ages = parse_age_labels(labels)
        return [ages[lab] for lab in labels]
    if dim == "date":
        return [iso_date(lab) for lab in labels]
    if dim == "year":
        return [int(lab) for lab in labels]
    if dim == "month":
        return [MONTHS[lab.lower()] for lab in labels]
    if dim == "sex":
        return [SEX_LABELS[lab.lower()] for lab in labels]
    if dim == "nat":
        return [NATIONALITY[lab.lower()] for lab in labels]
    if dim == "region_name":
        return [LAENDER[lab] for lab in labels]
    return list(labels)


def _is_name_line(value: str) -> bool:
    low = value.lower()
    return low in DIMENSION_NAMES or low == "insgesamt" or low.startswith(_NAME_PREFIXES)


def _determines(a: list[object], b: list[object]) -> bool:
    """True if every level of ``a`` goes with exactly one level of ``b``."""
    seen: dict[object, object] = {}
    return all(seen.setdefault(x, y) == y for x, y in zip(a, b, strict=True))


def _add_measure(col_dims: dict[str, list[object]], labels: list[str]) -> None:
    """A free-text header line: the measure, refined or combined with an earlier one."""
    old = col_dims.get("measure")
    if old is None or _determines(labels, old):
        col_dims["measure"] = list(labels)
    elif not _determines(old, labels):
        col_dims["measure"] = [f"{a} – {b}" for a, b in zip(old, labels, strict=True)]


def _column_dims(
    headers: list[tuple[int, list[str]]], n_stub: int, n_cols: int, block: _TitleBlock, name: str
) -> dict[str, list[object]]:
    col_dims: dict[str, list[object]] = {}
    for line, row in headers:
        cells = [c.strip() for c in (row + [""] * n_cols)[n_stub:n_cols]]
        distinct = set(cells)
        if distinct == {""}:
            continue
        if len(distinct) == 1:
            value = cells[0]
            if value.lower() in _UNITS:
                block.unit = block.unit or value
            elif not _is_name_line(value) and "measure" not in block.fixed:
                block.fixed["measure"] = value
            continue
        low = {c.lower() for c in distinct}
        if (
            low <= SEX_LABELS.keys() | NATIONALITY.keys()
            and low - SEX_LABELS.keys()
            and (low - NATIONALITY.keys())
        ):
            dims = {
                "sex": [SEX_LABELS.get(c.lower(), "total") for c in cells],
                "nat": [NATIONALITY.get(c.lower(), "Insgesamt") for c in cells],
            }
        else:
            dim = classify(distinct)
            if dim is None:
                _add_measure(col_dims, cells)
                continue
            try:
                levels = _levels(dim, cells)
            except (KeyError, ValueError):
                levels = None
            if levels is None:
                raise DataError(
                    name, "Unbekannter Spaltenkopf.", "unknown column header.", line=line
                )
            if dim == "region_name":
                dim = "region"
                block.region_names.update(zip(levels, cells, strict=True))  # type: ignore[arg-type]
            dims = {dim: levels}
        for dim, levels in dims.items():
            if dim in col_dims:
                raise DataError(
                    name,
                    f"Dimension '{dim}' kommt in zwei Kopfzeilen vor.",
                    f"dimension '{dim}' appears in two header lines.",
                    line=line,
                )
            col_dims[dim] = levels
    return col_dims


# ----------------------------------------------------------------------------- step 4


def _body(
    data: list[tuple[int, list[str]]], n_stub: int, n_cols: int, name: str
) -> tuple[np.ndarray, list[list[str]], list[str]]:
    """Line numbers, stub columns and value cells; every line must have ``n_cols`` fields."""
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
        cells.extend(row[n_stub:])
    return lines, stubs, cells


def _row_dims(
    stubs: list[list[str]],
    col_dims: dict[str, list[object]],
    block: _TitleBlock,
    lines: np.ndarray,
    name: str,
) -> tuple[dict[str, tuple[object, ...]], dict[str, np.ndarray]]:
    """Levels and per-row index of every stub column."""
    levels: dict[str, tuple[object, ...]] = {}
    index: dict[str, np.ndarray] = {}
    has_region = "region" in col_dims or "region" in block.fixed
    skip: set[int] = set()
    for j, raw in enumerate(stubs):
        if j in skip:
            continue
        column = [c.strip() for c in raw]
        uniq = list(dict.fromkeys(column))
        dim = classify(uniq)
        if (
            dim == "region"
            and j + 1 < len(stubs)
            and classify(stubs[j + 1]) in (None, "region_name")
        ):
            skip.add(j + 1)  # the column after the code holds the (indented) name
            for c, nm in zip(column, stubs[j + 1], strict=True):
                block.region_names.setdefault(c, nm.strip())
        elif dim == "region_name":
            block.region_names.update((LAENDER[u], u) for u in uniq)
        elif dim is None and not has_region and "region" not in levels:
            dim = "region"  # a region *name* without code (StaLa-BW exports)
            block.region_names.update((u, u) for u in uniq)
        elif dim is None:
            taken = "measure" in col_dims or "measure" in levels
            dim = f"stub{j + 1}" if taken else "measure"
        try:
            converted = _levels(dim, uniq)
        except (ValueError, KeyError) as exc:
            raise DataError(
                name,
                f"Unbekannte Zeilenbeschriftung in Spalte {j + 1}.",
                f"unknown row label in column {j + 1}.",
                line=int(lines[0]),
                column=j + 1,
                found=str(exc)[:80],
            ) from None
        dim = "region" if dim == "region_name" else dim
        if dim in levels:
            raise DataError(
                name,
                f"Dimension '{dim}' kommt in zwei Zeilenspalten vor.",
                f"dimension '{dim}' appears in two label columns.",
                column=j + 1,
            )
        # distinct labels may map to the same level ("1-Jährige" / "1 bis unter 2 Jahre")
        level_pos: dict[object, int] = {}
        for lv in converted:
            level_pos.setdefault(lv, len(level_pos))
        pos = {u: level_pos[lv] for u, lv in zip(uniq, converted, strict=True)}
        levels[dim] = tuple(level_pos)
        index[dim] = np.fromiter((pos[c] for c in column), dtype=np.int32, count=len(column))
    return levels, index


def _values(cells: list[str], lines: np.ndarray, n_stub: int, n_val: int, name: str):
    try:
        return parse_cells(cells)
    except ValueParseError as exc:
        r, c = divmod(exc.index, n_val)
        raise DataError(
            name,
            "Ungültiger Zahlenwert.",
            "invalid number.",
            line=int(lines[r]),
            column=n_stub + c + 1,
            found=exc.text[:80],
            expected_de=EXPECTED_DE,
            expected_en=EXPECTED_EN,
        ) from None


def _assemble(
    row_levels: dict[str, tuple[object, ...]],
    row_index: dict[str, np.ndarray],
    col_dims: dict[str, list[object]],
    fixed: dict[str, object],
    n_rows: int,
    n_val: int,
    name: str,
) -> tuple[dict[str, tuple[object, ...]], dict[str, np.ndarray]]:
    """Combine row, column and fixed dimensions into one index per value."""
    levels: dict[str, tuple[object, ...]] = {}
    index: dict[str, np.ndarray] = {}
    for dim, idx in row_index.items():
        levels[dim] = row_levels[dim]
        index[dim] = np.repeat(idx, n_val)
    for dim, per_col in col_dims.items():
        if dim in levels:
            raise DataError(
                name,
                f"Dimension '{dim}' kommt in Zeilen und Spalten vor.",
                f"dimension '{dim}' appears in rows and columns.",
            )
        uniq = list(dict.fromkeys(per_col))
        pos = {v: i for i, v in enumerate(uniq)}
        levels[dim] = tuple(uniq)
        index[dim] = np.tile(np.array([pos[v] for v in per_col], dtype=np.int32), n_rows)
    for dim, value in fixed.items():
        if dim not in levels:
            levels[dim] = (value,)
            index[dim] = np.zeros(n_rows * n_val, dtype=np.int32)
    return levels, index


def _footer(footer: list[tuple[int, list[str]]]) -> tuple[list[str], str]:
    notes = []
    stand = ""
    for _, row in footer:
        txt = ";".join(_strip_trailing(row)).strip()
        if txt.startswith("Stand:"):
            stand = txt.split(":", 1)[1].strip()
        elif txt:
            notes.append(txt)
    return notes, stand


def read_genesis_table(text: str, name: str, encoding: str = "") -> Table:
    """Parse the classic GENESIS table layout (see module docstring)."""
    sections = _split_sections(text, name)
    block = _title_block(sections.titles)
    last_header = _strip_trailing(sections.headers[-1][1])
    n_stub = next(i for i, c in enumerate(last_header) if c.strip())
    n_cols = len(last_header)
    n_val = n_cols - n_stub
    col_dims = _column_dims(sections.headers, n_stub, n_cols, block, name)
    lines, stubs, cells = _body(sections.data, n_stub, n_cols, name)
    row_levels, row_index = _row_dims(stubs, col_dims, block, lines, name)
    parsed = _values(cells, lines, n_stub, n_val, name)
    fixed = dict(block.fixed)
    if block.measure:
        fixed.setdefault("measure", block.measure)
    n_rows = len(sections.data)
    levels, index = _assemble(row_levels, row_index, col_dims, fixed, n_rows, n_val, name)
    if "age" in levels and "mother_age" not in levels and _MOTHER.search(block.title):
        levels["mother_age"] = levels.pop("age")  # births by age of the mother
        index["mother_age"] = index.pop("age")
    all_lines = np.repeat(lines, n_val)
    all_cols = np.tile(np.arange(n_stub + 1, n_cols + 1), n_rows)

    def cell(i: int, sign: str, reason: str) -> MissingCell:
        key = tuple(str(levels[d][index[d][i]]) for d in levels)
        return MissingCell(int(all_lines[i]), int(all_cols[i]), sign, reason, key)

    notes, stand = _footer(sections.footer)
    table = Table(
        source=name,
        layout="genesis-table",
        values=parsed.values,
        levels=levels,
        index=index,
        lines=all_lines,
        columns=all_cols,
        code=block.code,
        title=block.title,
        unit=block.unit,
        region_names=block.region_names,
        missing=tuple(cell(i, s, r) for i, s, r in parsed.missing),
        flagged=tuple(cell(i, s, r) for i, s, r in parsed.flagged),
        notes=tuple(notes),
        stand=stand,
        encoding=encoding,
    )
    table.check_unique()
    return table
