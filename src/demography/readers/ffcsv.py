"""GENESIS-Online flat-file exports ("ffcsv", long format, one value per line).

Header (one line)::

    statistics_code;statistics_label;time_code;time_label;time;
    1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;
    … (k = 1 … n) …;value;value_unit;value_variable_code;value_variable_label

An *empty* attribute code means the total ("Insgesamt") of that variable. Variables are
mapped to dimensions: regional variables (``DINSG``, ``DLAND``, ``KREISE``, ``GEMEIN`` …)
→ ``region`` (empty code = ``DG`` Deutschland), ``GES`` → ``sex``, ``ALTMT*`` →
``mother_age``, other ``ALT*`` → ``age`` (labels parsed), anything else → a dimension
named by the lower-case variable code with the attribute labels as levels. The value
variable (``BEV013`` Zuzüge …) becomes ``measure`` (its label).
"""

from __future__ import annotations

import csv
import io
import re

import numpy as np

from demography.agegroups import TOTAL, parse_age_label
from demography.errors import DataError
from demography.readers.labels import iso_date
from demography.readers.table import MissingCell, Table
from demography.values import EXPECTED_DE, EXPECTED_EN, ValueParseError, parse_cells

REGION_VARIABLES = {"DINSG", "DLAND", "KREISE", "GEMEIN", "REGBEZ", "DLAND1", "KREISE1"}
SEX = {"GESM": "male", "GESW": "female", "": "total"}
_VAR = re.compile(r"(\d+)_variable_code")
REQUIRED = ("time_code", "time", "value", "value_variable_code", "value_variable_label")


def is_ffcsv_header(first_line: str) -> bool:
    return first_line.lstrip("\ufeff").startswith("statistics_code;")


def read_ffcsv(text: str, name: str, encoding: str = "") -> Table:
    """Parse a GENESIS flat file (see module docstring)."""
    reader = csv.reader(io.StringIO(text), delimiter=";")
    try:
        col, ks, n_fields = _header(reader, name)
        rows, lines = _data_rows(reader, n_fields, name)
    except csv.Error as exc:
        raise DataError(name, f"CSV nicht lesbar ({exc}).", f"CSV not readable ({exc}).") from None
    dims = _Dims()
    _time_dim(dims, rows, lines, col, name)
    for k in ks:
        _variable_dim(dims, rows, k, col, name)
    dims.add("measure", [r[col["value_variable_label"]].strip() for r in rows])
    return _ffcsv_table(dims, rows, lines, col, name, encoding)


def _header(reader, name: str) -> tuple[dict[str, int], list[int], int]:
    """Column positions, the variable numbers k and the number of fields."""
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(name, "Die Datei ist leer.", "the file is empty.") from None
    col = {h.strip(): i for i, h in enumerate(header)}
    ks = sorted(int(m.group(1)) for h in col if (m := _VAR.fullmatch(h)))
    needed = list(REQUIRED) + [
        f"{k}_{part}"
        for k in ks
        for part in ("variable_label", "variable_attribute_code", "variable_attribute_label")
    ]
    for req in needed:
        if req not in col:
            raise DataError(
                name,
                f"Spalte '{req}' fehlt im Kopf der Flat-Datei.",
                f"column '{req}' missing in the flat-file header.",
                line=1,
                expected_de="Kopfzeile einer GENESIS-Flat-Datei (ffcsv)",
                expected_en="the header of a GENESIS flat file (ffcsv)",
            )
    return col, ks, len(header)


def _data_rows(reader, n_fields: int, name: str) -> tuple[list[list[str]], list[int]]:
    rows: list[list[str]] = []
    lines: list[int] = []
    for row in reader:
        if not "".join(row).strip():
            continue
        if len(row) != n_fields:
            raise DataError(
                name,
                "Falsche Anzahl von Feldern (Zeile abgeschnitten oder falsches Trennzeichen?).",
                "wrong number of fields (truncated line or wrong separator?).",
                line=reader.line_num,
                found=f"{len(row)} Felder/fields",
                expected_de=f"{n_fields} Felder wie in der Kopfzeile",
                expected_en=f"{n_fields} fields as in the header",
            )
        rows.append(row)
        lines.append(reader.line_num)
    if not rows:
        raise DataError(name, "Die Datei enthält keine Datenzeilen.", "the file has no data lines.")
    return rows, lines


class _Dims:
    """Levels and per-row index of the dimensions found so far."""

    def __init__(self) -> None:
        self.levels: dict[str, tuple[object, ...]] = {}
        self.index: dict[str, np.ndarray] = {}
        self.region_names: dict[str, str] = {}
        self.labels: dict[str, str] = {}

    def add(self, dim: str, keys: list[object]) -> None:
        uniq = list(dict.fromkeys(keys))
        pos = {u: i for i, u in enumerate(uniq)}
        self.levels[dim] = tuple(uniq)
        self.index[dim] = np.fromiter((pos[k] for k in keys), dtype=np.int32, count=len(keys))


def _time_dim(dims: _Dims, rows, lines: list[int], col: dict[str, int], name: str) -> None:
    time_code = {r[col["time_code"]] for r in rows}
    times = [r[col["time"]].strip() for r in rows]
    if time_code == {"JAHR"}:
        bad = next((k for k, t in enumerate(times) if not (t.isdigit() and len(t) == 4)), None)
        if bad is not None:
            raise DataError(
                name,
                "Ungültiges Jahr.",
                "invalid year.",
                line=lines[bad],
                column=col["time"] + 1,
                found=times[bad][:20],
                expected_de="eine Jahreszahl wie 2025",
                expected_en="a year such as 2025",
            )
        dims.add("year", [int(t) for t in times])
    elif time_code == {"STAG"}:
        dims.add("date", [iso_date(t) or t for t in times])
    else:
        dims.add("time", times)


def _variable_dim(dims: _Dims, rows, k: int, col: dict[str, int], name: str) -> None:
    vcode = {r[col[f"{k}_variable_code"]] for r in rows}
    if len(vcode) != 1:
        raise DataError(
            name, "Uneinheitliche Variable.", "inconsistent variable.", found=str(vcode)
        )
    var = vcode.pop()
    codes = [r[col[f"{k}_variable_attribute_code"]].strip() for r in rows]
    labels = [r[col[f"{k}_variable_attribute_label"]].strip() for r in rows]
    dims.labels[var] = rows[0][col[f"{k}_variable_label"]]
    if var in REGION_VARIABLES:
        keys = [c or "DG" for c in codes]
        for c, lab in zip(keys, labels, strict=True):
            dims.region_names.setdefault(c, lab if lab != "Insgesamt" else "Deutschland")
        dims.add("region", keys)
    elif var == "GES":
        dims.add("sex", [SEX.get(c, c) for c in codes])
    elif var.startswith("ALT"):
        dim = "mother_age" if var.startswith("ALTMT") else "age"
        dims.add(dim, _ages(codes, labels, name))
    else:
        dims.add(var.lower(), list(labels))


def _ages(codes: list[str], labels: list[str], name: str) -> list[object]:
    cache: dict[str, object] = {}
    out: list[object] = []
    for c, lab in zip(codes, labels, strict=True):
        if lab not in cache:
            try:
                cache[lab] = TOTAL if c == "" else parse_age_label(lab)
            except ValueError:
                raise DataError(
                    name,
                    "Unbekannte Altersangabe.",
                    "unknown age label.",
                    found=lab,
                    expected_de="eine amtliche Altersangabe wie '15-Jährige'",
                    expected_en="an official age label such as '15-Jährige'",
                ) from None
        out.append(cache[lab])
    return out


def _ffcsv_table(
    dims: _Dims, rows, lines: list[int], col: dict[str, int], name: str, encoding: str
) -> Table:
    cells = [r[col["value"]] for r in rows]
    try:
        parsed = parse_cells(cells)
    except ValueParseError as exc:
        raise DataError(
            name,
            "Ungültiger Zahlenwert.",
            "invalid number.",
            line=lines[exc.index],
            column=col["value"] + 1,
            found=exc.text[:80],
            expected_de=EXPECTED_DE,
            expected_en=EXPECTED_EN,
        ) from None
    value_col = col["value"] + 1
    levels, index = dims.levels, dims.index

    def key(i: int) -> tuple[str, ...]:
        return tuple(str(levels[d][index[d][i]]) for d in levels)

    units = {r[col["value_unit"]] for r in rows} if "value_unit" in col else set()
    table = Table(
        source=name,
        layout="genesis-ffcsv",
        values=parsed.values,
        levels=levels,
        index=index,
        lines=np.asarray(lines, dtype=np.int64),
        columns=np.full(len(rows), value_col, dtype=np.int64),
        code=rows[0][col["statistics_code"]] if "statistics_code" in col else "",
        title=rows[0][col["statistics_label"]] if "statistics_label" in col else "",
        unit=units.pop() if len(units) == 1 else "",
        region_names=dims.region_names,
        missing=tuple(MissingCell(lines[i], value_col, s, r, key(i)) for i, s, r in parsed.missing),
        flagged=tuple(MissingCell(lines[i], value_col, s, r, key(i)) for i, s, r in parsed.flagged),
        encoding=encoding,
        attributes={"variables": dims.labels},
    )
    table.check_unique()  # duplicate rows -> DataError
    return table
