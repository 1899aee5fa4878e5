"""CSV next to JSON (``?format=csv`` or ``Accept: text/csv``).

Lists become one row per object with dotted column names for nested objects; nested lists
are joined with ``"; "``. Text cells that a spreadsheet would read as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or carriage return) get a leading apostrophe, so that
opening an export in Excel or LibreOffice never runs anything (CSV/formula injection).
"""

from __future__ import annotations

import re

from rest_framework.renderers import BaseRenderer

from zwk.core.exports import csv_text, defuse

PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def neutralise(value) -> str:
    """A CSV cell: formulas defused, None empty, booleans as ja/nein."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return text if PLAIN_NUMBER.fullmatch(text) else defuse(text)


def flatten(obj, prefix: str = "") -> dict[str, object]:
    """``{"a": {"b": 1}, "c": [1, 2]}`` → ``{"a.b": 1, "c": "1; 2"}``."""
    out: dict[str, object] = {}
    if isinstance(obj, dict):
        for key, value in obj.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict):
                out.update(flatten(value, name))
            elif isinstance(value, list):
                out[name] = "; ".join(_compact(v) for v in value if v is not None and v != "")
            else:
                out[name] = value
    else:
        out[prefix or "wert"] = obj
    return out


def _compact(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if not isinstance(v, list | dict))
    return str(value)


def rows_of(data, key: str | None = None) -> list[dict]:
    """The rows a response holds: a page's ``results``, a list, the list under ``key`` (the
    view's ``csv_rows``, e.g. a profile's indicators) or the object itself as one row."""
    if isinstance(data, dict):
        if isinstance(data.get("results"), list):
            data = data["results"]
        elif key and isinstance(data.get(key), list):
            data = data[key]
        else:
            data = [data]
    if not isinstance(data, list):
        data = [data]
    return [flatten(item) for item in data]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        view = (renderer_context or {}).get("view")
        rows = rows_of(data, getattr(view, "csv_rows", None))
        columns: list[str] = []
        for row in rows:
            for key in row:
                if key not in columns:
                    columns.append(key)
        headers = [neutralise(c) for c in columns]
        table = ([row.get(c) for c in columns] for row in rows)
        return csv_text(headers, table, cell=neutralise).encode("utf-8")
