"""Region codes of Gemeinde tables → the 8-digit Amtlicher Gemeindeschlüssel (AGS).

The Regionalstatistik Gemeinde tables (12411-02-03-5, 12411-01-01-5, 12612/12613-01-01-5,
12711-01-03-5, Zensus 12111-02-01-5) use several code schemes side by side:

* 8 digits: the AGS (kreisfreie Städte ``KKKKK000``, Berlin ``11000000``).
* 10 digits: a Rheinland-Pfalz Gemeinde in a Verbandsgemeinde, ``KKKKK VV GGG`` →
  AGS ``code[:5] + code[7:]``.
* 11 digits: a Niedersachsen Gemeinde in a Samtgemeinde, ``KKKKK SSS GGG`` →
  AGS ``code[:5] + code[8:]``.
* 7 digits: a Verbandsgemeinde (Rheinland-Pfalz); 8 digits named "…, Samtgemeinde":
  a Samtgemeinde (Niedersachsen). Both are **aggregates** of Gemeinden listed in the same
  table. They are taken out of the regions (a Gemeinde list must not count people twice)
  and listed in ``attributes["aggregates"]`` ``{code: name}`` and in a note.
* A Gemeinde that changed its Verbands- or Samtgemeinde appears under two codes (old and
  new, with ``-`` in the other's years). Its values are **added per AGS**; with that rule
  the Gemeinden add up to the national totals in every year.

* Berlin's Bezirke (``11001`` … ``11012``) are parts of the Gemeinde Berlin
  (``11000000``); up to 2013 the tables list both. Where Berlin is present as a Gemeinde,
  the Bezirke are taken out like the aggregates (``attributes["parts"]``), otherwise Berlin
  would be counted twice.

Codes of other levels (``DG``, Land, Regierungsbezirk, Kreis) are kept.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from demography.readers.table import Table

BERLIN = "11000000"


def _is_berlin_bezirk(code: str) -> bool:
    return len(code) == 5 and code.startswith("110") and code != "11000"


def ags_of(code: str, name: str = "") -> str | None:
    """AGS for a region code of a Gemeinde table; ``None`` for an aggregate (Verbands-,
    Samtgemeinde); other codes are returned unchanged."""
    if not code.isdigit():
        return code
    if len(code) == 7:
        return None
    if len(code) == 8 and "samtgemeinde" in name.lower():
        return None
    if len(code) == 10:
        return code[:5] + code[7:]
    if len(code) == 11:
        return code[:5] + code[8:]
    return code


def needs_ags_mapping(table: Table) -> bool:
    codes = table.levels.get("region", ())
    return any(
        len(c) in (7, 10, 11)
        or (len(c) == 8 and "samtgemeinde" in table.region_names.get(c, "").lower())
        for c in codes
        if isinstance(c, str) and c.isdigit()
    )


def to_ags(table: Table) -> Table:
    """Map the region codes of ``table`` to AGS (see module docstring)."""
    if "region" not in table.levels or not needs_ags_mapping(table):
        return table
    codes = table.levels["region"]
    names = table.region_names
    target = [ags_of(c, names.get(c, "")) for c in codes]
    if BERLIN in codes:
        target = [None if _is_berlin_bezirk(c) else t for c, t in zip(codes, target, strict=True)]
    dropped = {c: names.get(c, c) for c, t in zip(codes, target, strict=True) if t is None}
    aggregates = {c: n for c, n in dropped.items() if not _is_berlin_bezirk(c)}
    parts = {c: n for c, n in dropped.items() if _is_berlin_bezirk(c)}
    new_codes = list(dict.fromkeys(t for t in target if t is not None))
    pos = {c: i for i, c in enumerate(new_codes)}
    remap = np.array([pos[t] if t is not None else -1 for t in target], dtype=np.int64)
    region_idx = remap[table.index["region"]]
    keep = region_idx >= 0
    index = {
        d: (idx[keep] if d != "region" else region_idx[keep]) for d, idx in table.index.items()
    }
    values, lines, columns = table.values[keep], table.lines[keep], table.columns[keep]
    merged = len(new_codes) < len(target) - len(dropped)
    if merged:
        index, values, lines, columns = _merge_two_codes(
            table.dims, index, values, lines, columns, remap, len(new_codes)
        )
    new_names: dict[str, str] = {}
    for c, t in zip(codes, target, strict=True):
        if t is not None:
            new_names[t] = names.get(c, t).strip()
    notes = list(table.notes)
    if aggregates:
        notes.append(
            f"{len(aggregates)} Verbands-/Samtgemeinden (Summen ihrer Gemeinden) nicht als "
            "Gemeinden übernommen"
        )
    if merged:
        notes.append(
            f"{len(target) - len(dropped) - len(new_codes)} Gemeinden unter zwei "
            "Schlüsseln (Wechsel der Verbands-/Samtgemeinde) je AGS addiert"
        )
    if parts:
        notes.append(
            f"{len(parts)} Berliner Bezirke (Teile der Gemeinde Berlin) nicht als Gemeinden "
            "übernommen"
        )
    notes.append("Gemeindeschlüssel auf den 8-stelligen AGS umgestellt")
    attributes = dict(table.attributes)
    attributes["aggregates"] = aggregates
    attributes["parts"] = parts
    return replace(
        table,
        values=values,
        levels={**table.levels, "region": tuple(new_codes)},
        index=index,
        lines=lines,
        columns=columns,
        region_names=new_names,
        notes=tuple(notes),
        attributes=attributes,
    )


def _merge_two_codes(
    dims: tuple[str, ...],
    index: dict[str, np.ndarray],
    values: np.ndarray,
    lines: np.ndarray,
    columns: np.ndarray,
    remap: np.ndarray,
    n_regions: int,
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, np.ndarray]:
    """Add the values of Gemeinden listed under two codes; only their cells are sorted."""
    n_old = np.bincount(remap[remap >= 0], minlength=n_regions)
    sel = (n_old > 1)[index["region"]]
    parts = [
        ({d: i[~sel] for d, i in index.items()}, values[~sel], lines[~sel], columns[~sel]),
        _sum_duplicates(
            dims,
            {d: i[sel] for d, i in index.items()},
            values[sel],
            lines[sel],
            columns[sel],
        ),
    ]
    all_lines = np.concatenate([p[2] for p in parts])
    all_cols = np.concatenate([p[3] for p in parts])
    order = np.lexsort((all_cols, all_lines))  # back in file order
    new_index = {d: np.concatenate([p[0][d] for p in parts])[order] for d in dims}
    new_values = np.concatenate([p[1] for p in parts])[order]
    return new_index, new_values, all_lines[order], all_cols[order]


def _sum_duplicates(
    dims: tuple[str, ...],
    index: dict[str, np.ndarray],
    values: np.ndarray,
    lines: np.ndarray,
    columns: np.ndarray,
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, np.ndarray]:
    """Add values that share every dimension (unknown + anything stays unknown)."""
    stacked = np.stack([index[d].astype(np.int64) for d in dims])
    uniq, first, inverse = np.unique(stacked, axis=1, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    summed = np.zeros(uniq.shape[1])
    np.add.at(summed, inverse, values)
    order = np.argsort(first)  # keep the order of first appearance in the file
    new_index = {d: uniq[k][order].astype(np.int32) for k, d in enumerate(dims)}
    return new_index, summed[order], lines[first][order], columns[first][order]
