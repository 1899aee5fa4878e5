"""Counts that are no 31.12. stock (:class:`~zwk.profiles.models.RegionFigure`): the Zensus
2011 count and its foreigners. Written with an import (called from :mod:`zwk.profiles.upsert`
inside its transaction), read for the integration indicators of the profile page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date as Date

from zwk.profiles.models import RegionFigure

CHUNK = 2000


def write(records: list, run) -> None:
    """Create or replace the figures of ``records`` (``demography.official.FigureRecord``);
    in ``run.fill_only`` mode only missing ones. Counts go into ``run.counts``."""
    by_code: dict[str, list] = {}
    for rec in records:
        by_code.setdefault(rec.code, []).append(rec)
    codes = sorted(by_code)
    for i in range(0, len(codes), CHUNK):
        chunk = codes[i : i + CHUNK]
        existing = {
            (row.region.code, row.date.isoformat(), row.key): row
            for row in RegionFigure.objects.filter(region__code__in=chunk).select_related("region")
        }
        create, update = [], []
        for code in chunk:
            for rec in by_code[code]:
                old = existing.get((code, rec.date, rec.key))
                if old is None:
                    create.append(
                        RegionFigure(
                            region=run.regions[code],
                            date=Date.fromisoformat(rec.date),
                            key=rec.key,
                            value=rec.value,
                            basis=rec.basis,
                            release=run.release,
                        )
                    )
                    run.counts["restored" if run.fill_only else "figures_new"] += 1
                elif run.fill_only or (
                    math.isclose(old.value, rec.value) and old.basis == rec.basis
                ):
                    run.counts["unchanged"] += 1
                else:
                    run.replaced[old.release_id] += 1
                    old.value, old.basis, old.release = rec.value, rec.basis, run.release
                    update.append(old)
                    run.counts["figures_replaced"] += 1
        RegionFigure.objects.bulk_create(create, batch_size=1000)
        RegionFigure.objects.bulk_update(update, ["value", "basis", "release"], batch_size=1000)
        run.advance(sum(len(by_code[c]) for c in chunk))


@dataclass(frozen=True)
class Share:
    """Foreigners as a share of the inhabitants at one Stichtag, with its basis."""

    date: Date
    foreigners: float
    population: float
    basis: str

    @property
    def percent(self) -> float:
        return 100.0 * self.foreigners / self.population


def foreigner_shares(codes: list[str]) -> dict[str, Share]:
    """Latest foreigners' share per region code (Zensus 2011 count), in one query."""
    rows: dict[tuple[str, Date], dict[str, tuple[float, str]]] = {}
    for code, when, key, value, basis in RegionFigure.objects.filter(
        region__code__in=codes
    ).values_list("region__code", "date", "key", "value", "basis"):
        rows.setdefault((code, when), {})[key] = (value, basis)
    out: dict[str, Share] = {}
    for (code, when), found in sorted(rows.items(), key=lambda kv: kv[0][1]):
        if "population" in found and "foreigners" in found and found["population"][0] > 0:
            out[code] = Share(
                when, found["foreigners"][0], found["population"][0], found["population"][1]
            )
    return out
