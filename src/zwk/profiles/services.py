"""Writes of the Kommunalprofil: importing statistics, import jobs, publishing."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from demography.errors import DataError
from zwk.accounts.services import audit_record
from zwk.municipalities import services as municipality_services
from zwk.municipalities.models import Municipality
from zwk.profiles import importer
from zwk.profiles.models import (
    ImportJob,
    Movement,
    PopulationStock,
    Profile,
    Region,
    StatisticsRelease,
)
from zwk.profiles.regions import level_of_code, region_code_for, register_code

CHUNK = 2000
Progress = Callable[[int, int], None]


class ImportRefused(Exception):
    """The file cannot be imported; ``message`` is German and names file, line and column."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _stand_date(stand: str) -> datetime | None:
    m = re.search(r"(\d{2})\.(\d{2})\.(\d{4})", stand or "")
    if not m:
        return None
    return datetime(int(m[3]), int(m[2]), int(m[1]))


def register_map_for(municipality: Municipality | None) -> dict[str, str]:
    """``gebiet`` of register data → region code, for one Kommune or all of them."""
    qs = Municipality.objects.select_related("profile")
    if municipality is not None:
        qs = qs.filter(pk=municipality.pk)
    mapping: dict[str, str] = {}
    for m in qs:
        if m.kind == "quartier":
            area = getattr(getattr(m, "profile", None), "register_area", "")
            if area:
                mapping[area] = register_code(m.ags, area)
        else:
            code = region_code_for(m)
            if code:
                mapping[code] = code
    return mapping


def statistics_import(
    *,
    path: str | Path,
    by=None,
    municipality: Municipality | None = None,
    original_name: str | None = None,
    restrict: bool = False,
    progress: Progress | None = None,
) -> tuple[StatisticsRelease, bool]:
    """Import one file all-or-nothing; returns ``(release, created)``.

    The same file (same SHA-256) again changes nothing and returns the earlier release with
    ``created=False``. Rows that exist from an earlier release are replaced when their
    values differ, unless the earlier release has a newer ``Stand`` – every replacement is
    counted in the summary. ``restrict`` limits the import to ``municipality``'s own region
    (coordinators). Raises :class:`ImportRefused` with a German message.
    """
    name = original_name or Path(path).name
    sha = importer.file_sha256(path)
    existing = StatisticsRelease.objects.filter(sha256=sha).first()
    if existing is not None:
        return existing, False
    try:
        out = importer.extract(path, display_name=name)
        importer.validate_codes(out, register_map=register_map_for(municipality))
    except DataError as exc:
        raise ImportRefused(exc.german()) from None
    if restrict:
        own = region_code_for(municipality) if municipality else None
        importer.restrict_to(out, {own} if own else set())
    if not out.n_rows:
        raise ImportRefused(
            _("%(name)s: Die Datei enthält keine Werte, die übernommen werden können.")
            % {"name": name}
            + (" " + "; ".join(sorted(out.skipped_by_reason())) if out.skipped else "")
        )
    with transaction.atomic():
        release = _write(out, name=name, sha=sha, by=by, progress=progress)
        if out.coordinates:
            municipality_services.coordinates_fill_missing(out.coordinates)
    audit_record(
        actor=by,
        action="profiles.statistics_import",
        message=_("Statistik importiert: %(file)s (%(rows)s Werte)")
        % {"file": name, "rows": out.n_rows},
        municipality=municipality,
        obj=release,
    )
    return release, True


def _write(out: importer.Extract, *, name, sha, by, progress) -> StatisticsRelease:
    total_rows = out.n_rows
    done = 0
    release = StatisticsRelease.objects.create(
        table_code=out.table_code[:60],
        title=out.title[:300],
        stand=out.stand[:60],
        file_name=name[:255],
        sha256=sha,
        licence=out.licence,
        imported_by=by,
        summary={},
    )
    new_stand = _stand_date(out.stand)
    codes = sorted({r.code for r in out.stocks} | {r.code for r in out.movements})
    regions = _ensure_regions(out, codes)
    counts: Counter = Counter()
    replaced: Counter = Counter()
    releases_cache: dict[int, StatisticsRelease] = {}

    def newer_existing(release_id: int) -> bool:
        if release_id not in releases_cache:
            releases_cache[release_id] = StatisticsRelease.objects.only("stand").get(pk=release_id)
        old = _stand_date(releases_cache[release_id].stand)
        return bool(old and new_stand and old > new_stand)

    # stocks
    by_code: dict[str, list[importer.StockRecord]] = {}
    for rec in out.stocks:
        by_code.setdefault(rec.code, []).append(rec)
    for i in range(0, len(codes), CHUNK):
        chunk = [c for c in codes[i : i + CHUNK] if c in by_code]
        if not chunk:
            continue
        existing = {
            (s.region.code, s.year, s.sex): s
            for s in PopulationStock.objects.filter(region__code__in=chunk).select_related("region")
        }
        create, update = [], []
        for code in chunk:
            for rec in by_code[code]:
                old = existing.get((code, rec.year, rec.sex))
                if old is None:
                    create.append(
                        PopulationStock(
                            region=regions[code],
                            year=rec.year,
                            sex=rec.sex,
                            total=rec.total,
                            ages=rec.ages,
                            release=release,
                        )
                    )
                    counts["stocks_new"] += 1
                elif _same(old.total, rec.total) and _same_ages(old.ages, rec.ages):
                    counts["unchanged"] += 1
                elif _same(old.total, rec.total) and old.ages is None:
                    # same total, now with the age structure: completed, not changed
                    old.ages, old.release = rec.ages, release
                    update.append(old)
                    counts["stocks_completed"] += 1
                elif newer_existing(old.release_id):
                    counts["kept_newer"] += 1
                else:
                    replaced[old.release_id] += 1
                    old.total, old.release = rec.total, release
                    if rec.ages is not None or old.ages is None:
                        old.ages = rec.ages
                    update.append(old)
                    counts["stocks_replaced"] += 1
        PopulationStock.objects.bulk_create(create, batch_size=500)
        PopulationStock.objects.bulk_update(update, ["total", "ages", "release"], batch_size=500)
        done += sum(len(by_code[c]) for c in chunk)
        if progress:
            progress(done, total_rows)
    # movements
    moves: dict[str, list[importer.MovementRecord]] = {}
    for rec in out.movements:
        moves.setdefault(rec.code, []).append(rec)
    if moves:
        existing_m = {
            (m.region.code, m.year, m.kind): m
            for m in Movement.objects.filter(region__code__in=list(moves), sex="total")
            .select_related("region")
            .iterator()
        }
        create_m, update_m = [], []
        for code, recs in moves.items():
            for rec in recs:
                old = existing_m.get((code, rec.year, rec.kind))
                if old is None:
                    create_m.append(
                        Movement(
                            region=regions[code],
                            year=rec.year,
                            kind=rec.kind,
                            value=rec.value,
                            release=release,
                        )
                    )
                    counts["movements_new"] += 1
                elif _same(old.value, rec.value):
                    counts["unchanged"] += 1
                elif newer_existing(old.release_id):
                    counts["kept_newer"] += 1
                else:
                    replaced[old.release_id] += 1
                    old.value, old.release = rec.value, release
                    update_m.append(old)
                    counts["movements_replaced"] += 1
        Movement.objects.bulk_create(create_m, batch_size=1000)
        Movement.objects.bulk_update(update_m, ["value", "release"], batch_size=1000)
        done += len(out.movements)
        if progress:
            progress(done, total_rows)
    years = sorted({r.year for r in out.stocks} | {r.year for r in out.movements})
    old_releases = {
        r.pk: r
        for r in StatisticsRelease.objects.filter(pk__in=list(replaced)).only(
            "pk", "file_name", "table_code", "stand"
        )
    }
    levels = Counter(level_of_code(c) or "gebiet" for c in codes)
    release.summary = {
        "official": out.layout != "register",
        "layout": out.layout,
        "regions": len(codes),
        "regions_by_level": dict(levels),
        "region_examples": [f"{c} {out.names.get(c, '')}".strip() for c in codes[:12]],
        "years": years,
        "rows": out.n_rows,
        "counts": dict(counts),
        "replaced": [
            {
                "release": pk,
                "file": old_releases[pk].file_name if pk in old_releases else "",
                "table": old_releases[pk].table_code if pk in old_releases else "",
                "stand": old_releases[pk].stand if pk in old_releases else "",
                "rows": n,
            }
            for pk, n in sorted(replaced.items())
        ],
        "skipped_count": len(out.skipped),
        "skipped_by_reason": out.skipped_by_reason(),
        "skipped": out.skipped[: importer.MAX_SKIPPED_LISTED],
        "notes": out.notes[:20],
    }
    release.save(update_fields=["summary"])
    cache.delete("profiles:data-version")
    return release


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


def _ensure_regions(out: importer.Extract, codes: list[str]) -> dict[str, Region]:
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


# --- background jobs -------------------------------------------------------------------


def _progress_key(job_id: int) -> str:
    return f"profiles:import:{job_id}:progress"


def job_progress(job: ImportJob) -> tuple[int, int]:
    """Rows processed / total: from the cache while running (the import's transaction is
    not visible to other connections until it commits), from the job afterwards."""
    if job.is_finished:
        return job.rows_processed, job.rows_total
    value = cache.get(_progress_key(job.pk))
    return tuple(value) if value else (job.rows_processed, job.rows_total)


def import_job_create(*, upload, by, municipality: Municipality | None) -> ImportJob:
    from zwk.core.uploads import random_upload_name

    job = ImportJob(municipality=municipality, original_name=upload.name[:255], created_by=by)
    ext = Path(upload.name).suffix.lower().lstrip(".") or "csv"
    job.file.save(random_upload_name(ext), upload, save=False)
    job.save()
    from django.conf import settings

    from zwk.profiles.tasks import run_import_job

    # Read the switch here, not only in Celery's config, so that tests and one-off scripts
    # that flip it at runtime behave the same.
    if settings.CELERY_TASK_ALWAYS_EAGER:
        transaction.on_commit(lambda: import_job_run(job.pk))
    else:
        transaction.on_commit(lambda: run_import_job.delay(job.pk))
    return job


def import_job_run(job_id: int) -> ImportJob:
    """Run a job (called by the Celery task or synchronously)."""
    job = ImportJob.objects.select_related("municipality", "created_by").get(pk=job_id)
    if job.is_finished:
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        cache.set(_progress_key(job.pk), (done, total), 3600)

    restrict = job.created_by is None or not job.created_by.is_office
    try:
        release, created = statistics_import(
            path=job.file.path,
            by=job.created_by,
            municipality=job.municipality,
            original_name=job.original_name,
            restrict=restrict and job.municipality is not None,
            progress=progress,
        )
    except ImportRefused as exc:
        job.status, job.message = ImportJob.Status.FAILED, exc.message
    except Exception as exc:  # the user must see that it failed, not an eternal spinner
        job.status = ImportJob.Status.FAILED
        job.message = _(
            "Der Import ist unerwartet abgebrochen (%(error)s). Es wurde nichts gespeichert."
        ) % {"error": type(exc).__name__}
    else:
        job.release = release
        job.status = ImportJob.Status.DONE if created else ImportJob.Status.UNCHANGED
        job.result = release.summary
        job.rows_total = job.rows_processed = release.summary.get("rows", 0) if created else 0
    job.finished_at = timezone.now()
    job.save()
    cache.delete(_progress_key(job.pk))
    return job


# --- publishing ------------------------------------------------------------------------


def profile_for(municipality: Municipality) -> Profile:
    profile, _created = Profile.objects.get_or_create(municipality=municipality)
    return profile


@transaction.atomic
def profile_set_published(
    *, municipality: Municipality, published: bool, by, request=None
) -> Profile:
    profile = profile_for(municipality)
    profile.is_published = published
    profile.published_at = timezone.now() if published else None
    profile.published_by = by if published else None
    profile.save()
    audit_record(
        actor=by,
        action="profiles.publish" if published else "profiles.unpublish",
        message=_("Kommunalprofil veröffentlicht")
        if published
        else _("Veröffentlichung des Kommunalprofils beendet"),
        municipality=municipality,
        obj=profile,
        request=request,
    )
    return profile


@transaction.atomic
def profile_set_register_area(
    *, municipality: Municipality, area: str, by, request=None
) -> Profile:
    area = area.strip()
    if area and "/" in area:
        raise ValidationError(_("Der Gebietsschlüssel darf keinen Schrägstrich enthalten."))
    profile = profile_for(municipality)
    profile.register_area = area
    profile.save(update_fields=["register_area"])
    audit_record(
        actor=by,
        action="profiles.register_area",
        message=_("Gebiet im Melderegister: %(area)s") % {"area": area or "–"},
        municipality=municipality,
        obj=profile,
        request=request,
    )
    return profile
