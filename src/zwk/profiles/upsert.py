"""Storing an import's records: one upsert for population stocks and movements.

Called by :mod:`zwk.profiles.services` inside its transaction. A record whose row exists is
left alone when the values agree, completed when only the age structure was missing,
replaced otherwise – unless the stored row comes from a release with a newer ``Stand``.
In ``fill_only`` mode (the same file imported again) only missing rows are written: that
restores what withdrawing a newer release removed and never overwrites anything.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import connection, models

from demography.regions import level_of_code
from zwk.profiles import figures, importer
from zwk.profiles.models import Movement, PopulationStock, Region, StatisticsRelease

CHUNK = 2000
Progress = Callable[[int, int], None]


def stand_date(stand: str) -> datetime | None:
    m = re.search(r"(\d{2})\.(\d{2})\.(\d{4})", stand or "")
    if not m:
        return None
    return datetime(int(m[3]), int(m[2]), int(m[1]))


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def _same_ages(a, b) -> bool:
    if b is None:
        return True  # a totals-only file does not erase known ages
    if a is None or len(a) != len(b):
        return False
    return all(_same(x, y) for x, y in zip(a, b, strict=True))


@dataclass(frozen=True)
class Kind:
    """How one kind of record is stored: model, key within a region, value fields."""

    name: str  # "stocks" / "movements": prefix of the counters
    model: type[models.Model]
    key_field: str  # second key next to region and year: "sex" or "kind"
    fields: tuple[str, ...]  # value fields copied from the record
    filters: dict = field(default_factory=dict)
    batch_size: int = 500

    def row(self, rec, region, release):
        values = {f: getattr(rec, f) for f in self.fields}
        return self.model(
            region=region,
            year=rec.year,
            release=release,
            **{self.key_field: getattr(rec, self.key_field)},
            **values,
            **self.filters,
        )


STOCKS = Kind("stocks", PopulationStock, "sex", ("total", "ages"))
MOVEMENTS = Kind("movements", Movement, "kind", ("value",), {"sex": "total"}, 1000)


def _compare(kind: Kind, old, rec) -> str:
    """'unchanged', 'completed' (same total, ages now known) or 'changed'."""
    if kind is MOVEMENTS:
        return "unchanged" if _same(old.value, rec.value) else "changed"
    if _same(old.total, rec.total) and _same_ages(old.ages, rec.ages):
        return "unchanged"
    if _same(old.total, rec.total) and old.ages is None:
        return "completed"
    return "changed"


def _apply(kind: Kind, old, rec, release) -> None:
    old.release = release
    if kind is MOVEMENTS:
        old.value = rec.value
        return
    old.total = rec.total
    if rec.ages is not None or old.ages is None:
        old.ages = rec.ages


@dataclass
class Run:
    """State of one write: the release, counters and what it replaced from whom."""

    release: StatisticsRelease
    regions: dict[str, Region]
    total_rows: int
    progress: Progress | None = None
    fill_only: bool = False
    counts: Counter = field(default_factory=Counter)
    replaced: Counter = field(default_factory=Counter)
    done: int = 0
    _stands: dict[int, datetime | None] = field(default_factory=dict)

    def older_than_existing(self, release_id: int) -> bool:
        if release_id not in self._stands:
            old = StatisticsRelease.objects.only("stand").get(pk=release_id)
            self._stands[release_id] = stand_date(old.stand)
        old, new = self._stands[release_id], stand_date(self.release.stand)
        return bool(old and new and old > new)

    def advance(self, n: int) -> None:
        self.done += n
        if self.progress:
            self.progress(self.done, self.total_rows)


@dataclass
class _Row:
    """A stored row as the upsert compares it (no model instance: 11,000 Gemeinden × 8
    years made instantiating and bulk-updating models the bulk of an import)."""

    id: int
    release_id: int
    total: float | None = None
    ages: list | None = None
    value: float | None = None

    @property
    def release(self):
        return None

    @release.setter
    def release(self, release) -> None:
        self.release_id = release.pk


def _sql_values(kind: Kind, row_fields: dict) -> list:
    """Database values of the value fields (JSON adapted for the backend)."""
    out = []
    for name in kind.fields:
        f = kind.model._meta.get_field(name)
        out.append(f.get_db_prep_save(row_fields[name], connection))
    return out


def _copy_value(value):
    """A value for COPY: JSON as its text (psycopg's ``Jsonb`` wrapper costs several times
    the CPU of ``json.dumps`` per row)."""
    obj = getattr(value, "obj", value)
    return json.dumps(obj) if isinstance(obj, (list, dict)) else obj


def upsert(kind: Kind, records: list, run: Run) -> None:
    """Create, complete or replace the rows of ``records``, region by region in chunks."""
    by_code: dict[str, list] = {}
    for rec in records:
        by_code.setdefault(rec.code, []).append(rec)
    codes = sorted(by_code)
    table = connection.ops.quote_name(kind.model._meta.db_table)
    key_col = connection.ops.quote_name(kind.key_field)
    value_cols = [connection.ops.quote_name(f) for f in kind.fields]
    extra_cols = [connection.ops.quote_name(f) for f in kind.filters]
    insert = (
        f"INSERT INTO {table} (region_id, year, {key_col}, {', '.join(value_cols + extra_cols)}, "
        f"release_id) VALUES ({', '.join(['%s'] * (4 + len(value_cols) + len(extra_cols)))})"
    )
    copy = (
        f"COPY {table} (region_id, year, {key_col}, {', '.join(value_cols + extra_cols)}, "
        "release_id) FROM STDIN"
    )
    update = (
        f"UPDATE {table} SET {', '.join(f'{c} = %s' for c in value_cols)}, release_id = %s "
        "WHERE id = %s"
    )
    for i in range(0, len(codes), CHUNK):
        chunk = codes[i : i + CHUNK]
        existing = {
            (code, year, key): _Row(pk, release_id, **dict(zip(kind.fields, values, strict=True)))
            for code, year, key, pk, release_id, *values in kind.model.objects.filter(
                region__code__in=chunk, **kind.filters
            ).values_list("region__code", "year", kind.key_field, "id", "release_id", *kind.fields)
        }
        create, update_rows = [], []
        for code in chunk:
            region_id = run.regions[code].pk
            for rec in by_code[code]:
                key = getattr(rec, kind.key_field)
                old = existing.get((code, rec.year, key))
                if old is None:
                    values = _sql_values(kind, {f: getattr(rec, f) for f in kind.fields})
                    create.append(
                        (region_id, rec.year, key, *values, *kind.filters.values(), run.release.pk)
                    )
                    run.counts["restored" if run.fill_only else f"{kind.name}_new"] += 1
                    continue
                state = "unchanged" if run.fill_only else _compare(kind, old, rec)
                if state == "changed" and run.older_than_existing(old.release_id):
                    state = "kept_newer"
                if state == "changed":
                    run.replaced[old.release_id] += 1
                if state in ("changed", "completed"):
                    _apply(kind, old, rec, run.release)
                    values = _sql_values(kind, {f: getattr(old, f) for f in kind.fields})
                    update_rows.append((*values, old.release_id, old.id))
                    state = f"{kind.name}_{'replaced' if state == 'changed' else 'completed'}"
                run.counts[state] += 1
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and create:
                # COPY: one stream instead of a statement per row – on a busy server the
                # per-row INSERTs made the whole Gemeinde folder take minutes
                with cursor.copy(copy) as stream:
                    for row in create:
                        stream.write_row([_copy_value(v) for v in row])
                create = []
            for j in range(0, len(create), kind.batch_size):
                cursor.executemany(insert, create[j : j + kind.batch_size])
            for j in range(0, len(update_rows), kind.batch_size):
                cursor.executemany(update, update_rows[j : j + kind.batch_size])
        run.advance(sum(len(by_code[c]) for c in chunk))


def ensure_regions(out: importer.Extract, codes: list[str]) -> dict[str, Region]:
    """The regions of ``codes``, created where missing; coordinates from the file win."""
    regions: dict[str, Region] = {}
    for i in range(0, len(codes), CHUNK):
        chunk = codes[i : i + CHUNK]
        regions.update({r.code: r for r in Region.objects.filter(code__in=chunk)})
    missing = [
        Region(
            code=c,
            name=(out.names.get(c) or c).strip()[:200],
            level=level_of_code(c) or Region.Level.GEBIET,
            area_km2=out.areas.get(c),
            longitude=out.coordinates[c][0] if c in out.coordinates else None,
            latitude=out.coordinates[c][1] if c in out.coordinates else None,
        )
        for c in codes
        if c not in regions
    ]
    Region.objects.bulk_create(missing, batch_size=1000)
    located = [
        r
        for r in regions.values()
        if r.code in out.coordinates and (r.longitude, r.latitude) != tuple(out.coordinates[r.code])
    ]
    for r in located:
        r.longitude, r.latitude = out.coordinates[r.code]
    Region.objects.bulk_update(located, ["longitude", "latitude"], batch_size=1000)
    if missing:
        for i in range(0, len(codes), CHUNK):
            chunk = codes[i : i + CHUNK]
            regions.update({r.code: r for r in Region.objects.filter(code__in=chunk)})
    return regions


def codes_of(out: importer.Extract) -> list[str]:
    codes = {r.code for r in out.stocks} | {r.code for r in out.movements}
    return sorted(codes | {r.code for r in out.figures})


def write(out: importer.Extract, release: StatisticsRelease, *, progress=None, fill_only=False):
    """Store ``out`` under ``release``; returns the :class:`Run` with its counters."""
    run = Run(
        release=release,
        regions=ensure_regions(out, codes_of(out)),
        total_rows=out.n_rows,
        progress=progress,
        fill_only=fill_only,
    )
    upsert(STOCKS, out.stocks, run)
    upsert(MOVEMENTS, out.movements, run)
    figures.write(out.figures, run)
    cache.delete("profiles:data-version")
    return run


def summary(out: importer.Extract, run: Run, *, warnings: list[str]) -> dict:
    """What the import page shows about a new release."""
    codes = codes_of(out)
    old = {
        r.pk: r
        for r in StatisticsRelease.objects.filter(pk__in=list(run.replaced)).only(
            "pk", "file_name", "table_code", "stand"
        )
    }
    levels = Counter(level_of_code(c) or "gebiet" for c in codes)
    return {
        "official": out.layout != "register",
        "layout": out.layout,
        "regions": len(codes),
        "regions_by_level": dict(levels),
        "region_examples": [f"{c} {out.names.get(c, '')}".strip() for c in codes[:12]],
        "years": sorted(
            {r.year for r in out.stocks}
            | {r.year for r in out.movements}
            | {int(r.date[:4]) for r in out.figures}
        ),
        "bases": {str(year): basis for year, basis in sorted(out.bases.items())},
        "rows": out.n_rows,
        "counts": dict(run.counts),
        "replaced": [
            {
                "release": pk,
                "file": old[pk].file_name if pk in old else "",
                "table": old[pk].table_code if pk in old else "",
                "stand": old[pk].stand if pk in old else "",
                "rows": n,
            }
            for pk, n in sorted(run.replaced.items())
        ],
        "skipped_count": len(out.skipped),
        "skipped_by_reason": out.skipped_by_reason(),
        "skipped": out.skipped[: importer.MAX_SKIPPED_LISTED],
        "notes": out.notes[:20],
        "warnings": warnings[:50],
        "warnings_count": len(warnings),
    }
