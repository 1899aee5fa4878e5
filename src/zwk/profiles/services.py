"""Writes of the Kommunalprofil: importing and withdrawing statistics, import jobs,
publishing."""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from demography.errors import DataError
from demography.readers.limits import DEFAULT_LIMITS, Limits
from zwk.accounts.services import audit_record
from zwk.core import permissions, tasks
from zwk.municipalities import services as municipality_services
from zwk.municipalities.models import Municipality
from zwk.profiles import importer, plausibility, upsert
from zwk.profiles.models import (
    ImportJob,
    Movement,
    PopulationStock,
    Profile,
    Region,
    RegionFigure,
    StatisticsRelease,
)
from zwk.profiles.regions import region_code_for, register_code
from zwk.profiles.signals import gemeindeverzeichnis_imported
from zwk.profiles.upsert import Progress

#: Budget of the readers for uploads (import jobs): far above every official table a
#: Kommune needs (Gemeindeverzeichnis: 11,000 rows), far below what holds a worker for
#: minutes. The command line reads with the engine's defaults.
logger = logging.getLogger(__name__)

UPLOAD_LIMITS = Limits(max_cells=1_500_000, max_rows=300_000)


class ImportRefused(Exception):
    """The file cannot be imported; ``message`` is German and names the file and the place
    (line and column from the readers; region, year and measure for impossible values)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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


def _read(path, *, name: str, municipality, restrict: bool, limits: Limits) -> importer.Extract:
    """The file's records after the platform's rules; ImportRefused if nothing can be kept
    or a value is impossible (negative, not finite, beyond any real count)."""
    try:
        out = importer.extract(path, display_name=name, limits=limits)
        importer.validate_codes(out, register_map=register_map_for(municipality))
    except DataError as exc:
        if exc.file and Path(exc.file).name == Path(path).name:
            exc.file = name  # the name the user knows, not the stored upload's random one
        raise ImportRefused(exc.german()) from None
    if restrict:
        own = region_code_for(municipality) if municipality else None
        importer.restrict_to(out, {own} if own else set())
    impossible = plausibility.impossible_values(out.stocks, out.movements, file_name=name)
    if impossible:
        more = len(impossible) - 5
        raise ImportRefused(
            _("Die Datei enthält unmögliche Werte und wurde nicht übernommen:")
            + " "
            + " ".join(impossible[:5])
            + (_(" … und %(n)s weitere.") % {"n": more} if more > 0 else "")
        )
    if not out.n_rows:
        raise ImportRefused(
            _("%(name)s: Die Datei enthält keine Werte, die übernommen werden können.")
            % {"name": name}
            + (" " + "; ".join(sorted(out.skipped_by_reason())) if out.skipped else "")
        )
    return out


def _known_totals(file_totals: dict[tuple[str, int], float]) -> dict[tuple[str, int], float]:
    """Stored inhabitants (both sexes) of the file's regions and of their parents."""
    codes = {code for code, _year in file_totals}
    codes |= {p for p in map(plausibility.parent_of, list(codes)) if p}
    known: dict[tuple[str, int], float] = {}
    ordered = sorted(codes)
    for i in range(0, len(ordered), upsert.CHUNK):
        rows = PopulationStock.objects.filter(
            region__code__in=ordered[i : i + upsert.CHUNK], sex="total", total__isnull=False
        ).values_list("region__code", "year", "total")
        known.update({(code, year): total for code, year, total in rows})
    return known


def _warnings(out: importer.Extract) -> list[str]:
    file_totals = plausibility.totals_of(out.stocks)
    if not file_totals:
        return []
    return plausibility.warnings_for(file_totals, _known_totals(file_totals), names=out.names)


def _deadline_progress(progress: Progress | None, deadline: float | None) -> Progress | None:
    """Progress callback that also stops an import running past its time limit."""
    if deadline is None:
        return progress
    seconds = max(0, round(deadline - time.monotonic()))

    def check(done: int, total: int) -> None:
        if progress:
            progress(done, total)
        if time.monotonic() > deadline:
            raise ImportRefused(_time_limit_message(seconds))

    return check


def _time_limit_message(seconds: int) -> str:
    span = (
        _("%(n)s Minuten") % {"n": seconds // 60}
        if seconds >= 120 and seconds % 60 == 0
        else _("%(n)s Sekunden") % {"n": seconds}
    )
    return _(
        "Der Import hat länger als %(span)s gedauert und wurde abgebrochen. Es wurde nichts "
        "gespeichert. Teilen Sie große Dateien auf (z. B. nach Jahren oder Ländern)."
    ) % {"span": span}


def statistics_import(
    *,
    path: str | Path,
    by=None,
    municipality: Municipality | None = None,
    original_name: str | None = None,
    restrict: bool = False,
    progress: Progress | None = None,
    deadline: float | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[StatisticsRelease, bool]:
    """Import one file all-or-nothing; returns ``(release, created)``.

    Rows that exist from an earlier release are replaced when their values differ, unless
    the earlier release has a newer ``Stand`` – every replacement is counted in the summary,
    implausible values are listed as warnings. The same file (same SHA-256) again only fills
    in rows that are missing – after a newer release was withdrawn – and returns the earlier
    release (``created`` False when nothing was missing). ``restrict`` limits the import to
    ``municipality``'s own region (coordinators); ``deadline`` (``time.monotonic()``) stops
    it, ``limits`` bounds what the readers read. Raises :class:`ImportRefused` with a German message; nothing is stored then.
    """
    name = original_name or Path(path).name
    sha = importer.file_sha256(path)
    existing = StatisticsRelease.objects.filter(sha256=sha).first()
    if existing is not None:
        return _restore(existing, path, name=name, by=by, municipality=municipality,
                        restrict=restrict, progress=_deadline_progress(progress, deadline),
                        limits=limits)  # fmt: skip
    out = _read(path, name=name, municipality=municipality, restrict=restrict, limits=limits)
    warnings = _warnings(out)
    with transaction.atomic():
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
        run = upsert.write(out, release, progress=_deadline_progress(progress, deadline))
        release.summary = upsert.summary(out, run, warnings=warnings)
        release.save(update_fields=["summary", "updated_at"])
        if out.coordinates:
            municipality_services.coordinates_fill_missing(out.coordinates)
        _announce_postal_codes(out, release)
        audit_record(
            actor=by,
            action="profiles.statistics_import",
            message=_("Statistik importiert: %(file)s (%(rows)s Werte, %(warnings)s Hinweise)")
            % {"file": name, "rows": out.n_rows, "warnings": len(warnings)},
            municipality=municipality,
            obj=release,
        )
    return release, True


def _announce_postal_codes(out: importer.Extract, release: StatisticsRelease) -> None:
    """Hand the Gemeindeverzeichnis' PLZ to the apps above (inside the import's transaction)."""
    if out.postal_codes:
        gemeindeverzeichnis_imported.send(
            sender=StatisticsRelease, release=release, postal_codes=out.postal_codes
        )


def gemeindeverzeichnis_postal_codes(
    path: str | Path, *, name: str | None = None
) -> dict[str, str]:
    """AGS → PLZ of the Gemeinden in a Gemeindeverzeichnis file (GV-ISys XLSX or the CSV
    derived from it), without importing it; ImportRefused (German) if it is none or broken."""
    name = name or Path(path).name
    try:
        out = importer.extract(path, display_name=name)
    except DataError as exc:
        raise ImportRefused(exc.german()) from None
    if out.layout != "gemeindeverzeichnis" or not out.postal_codes:
        raise ImportRefused(
            _("%(name)s: Die Datei ist kein Gemeindeverzeichnis mit Postleitzahlen.")
            % {"name": name}
        )
    return out.postal_codes


def _restore(existing, path, *, name, by, municipality, restrict, progress, limits):
    """The same file again: write only the rows that are missing (see statistics_import)."""
    try:
        out = _read(path, name=name, municipality=municipality, restrict=restrict, limits=limits)
    except ImportRefused:
        return existing, False  # it was importable once; nothing of it can be missing now
    with transaction.atomic():
        run = upsert.write(out, existing, progress=progress, fill_only=True)
        # a GV imported before the PLZ were kept gets them now (receivers add only new pairs)
        _announce_postal_codes(out, existing)
        restored = run.counts["restored"]
        if not restored:
            return existing, False
        existing.summary["restored"] = existing.summary.get("restored", 0) + restored
        existing.save(update_fields=["summary", "updated_at"])  # a new data version
        audit_record(
            actor=by,
            action="profiles.statistics_restore",
            message=_("Statistik erneut importiert: %(file)s (%(rows)s fehlende Werte ergänzt)")
            % {"file": name, "rows": restored},
            municipality=municipality,
            obj=existing,
        )
    return existing, True


def release_withdraw(*, release: StatisticsRelease, by, municipality=None, request=None) -> dict:
    """Remove a release and every value it brought (audited); its file can then be imported
    again. Values it had replaced do not come back by themselves: importing their file again
    fills them in. Returns what was removed, for the message."""
    if not by.has_perm("profiles.withdraw_statistics"):
        raise PermissionDenied
    with transaction.atomic():
        stocks = PopulationStock.objects.filter(release=release)
        moves = Movement.objects.filter(release=release)
        figures = RegionFigure.objects.filter(release=release)
        region_ids = set(stocks.values_list("region_id", flat=True))
        region_ids |= set(moves.values_list("region_id", flat=True))
        region_ids |= set(figures.values_list("region_id", flat=True))
        removed = {
            "file": release.file_name,
            "values": stocks.count() + moves.count() + figures.count(),
            "regions": len(region_ids),
            "replaced": release.summary.get("replaced", []),
        }
        stocks.delete()
        moves.delete()
        figures.delete()
        ids = sorted(region_ids)
        for i in range(0, len(ids), upsert.CHUNK):
            Region.objects.filter(
                pk__in=ids[i : i + upsert.CHUNK],
                stocks__isnull=True,
                movements__isnull=True,
                figures__isnull=True,
            ).delete()
        ImportJob.objects.filter(release=release).update(
            status=ImportJob.Status.WITHDRAWN,
            message=_("Zurückgezogen am %(date)s von %(user)s: %(n)s Werte entfernt.")
            % {
                "date": timezone.localtime().strftime("%d.%m.%Y %H:%M"),
                "user": by,
                "n": removed["values"],
            },
        )
        audit_record(
            actor=by,
            action="profiles.statistics_withdraw",
            message=_("Datenlieferung zurückgezogen: %(file)s (%(table)s), %(n)s Werte entfernt")
            % {"file": release.file_name, "table": release.table_code, "n": removed["values"]},
            municipality=municipality,
            obj=release,
            request=request,
        )
        release.delete()
    cache.delete("profiles:data-version")
    return removed


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


def import_jobs_fail_stale(*, municipality: Municipality | None = None) -> int:
    """Mark jobs as failed that cannot be alive any more: running past the hard time limit
    (the worker was killed or ran out of memory) or waiting longer than
    ``ImportJob.STALE_PENDING`` (no worker). Returns how many."""
    now = timezone.now()
    running = Q(status=ImportJob.Status.RUNNING)
    stale = ImportJob.objects.filter(
        running & Q(started_at__lt=now - ImportJob.STALE_RUNNING)
        # jobs from before started_at was recorded
        | running & Q(started_at__isnull=True, created_at__lt=now - ImportJob.STALE_RUNNING)
        | Q(status=ImportJob.Status.PENDING, created_at__lt=now - ImportJob.STALE_PENDING)
    )
    if municipality is not None:
        stale = stale.filter(municipality=municipality)
    return stale.update(
        status=ImportJob.Status.FAILED,
        finished_at=now,
        message=_(
            "Der Import wurde nicht beendet (Zeitlimit von %(minutes)s Minuten überschritten "
            "oder der Hintergrunddienst wurde unterbrochen). Es wurde nichts gespeichert. "
            "Sie können ihn erneut starten."
        )
        % {"minutes": ImportJob.SOFT_TIME_LIMIT // 60},
    )


def _enqueue(job: ImportJob) -> None:
    from django.conf import settings

    # Read the switch here, not only in Celery's config, so that tests and one-off scripts
    # that flip it at runtime behave the same.
    if settings.CELERY_TASK_ALWAYS_EAGER:
        transaction.on_commit(lambda: import_job_run(job.pk, seconds=ImportJob.REQUEST_TIME_LIMIT))
    else:
        transaction.on_commit(lambda: tasks.enqueue("zwk.profiles.tasks.run_import_job", job.pk))


def import_job_create(*, upload, by, municipality: Municipality | None) -> ImportJob:
    from zwk.core.uploads import random_upload_name

    job = ImportJob(municipality=municipality, original_name=upload.name[:255], created_by=by)
    ext = Path(upload.name).suffix.lower().lstrip(".") or "csv"
    job.file.save(random_upload_name(ext), upload, save=False)
    job.save()
    _enqueue(job)
    return job


def import_job_retry(*, job: ImportJob, by) -> ImportJob:
    """Start a failed or withdrawn job's file again as a new job (the old one stays listed)."""
    permissions.require(by, "profiles.retry_import", job)
    if not job.file or not job.file.storage.exists(job.file.name):
        raise ValidationError(
            _("Die Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.")
        )
    again = ImportJob.objects.create(
        municipality=job.municipality,
        original_name=job.original_name,
        file=job.file.name,
        created_by=by,
    )
    _enqueue(again)
    return again


def _as_uploaded(job: ImportJob, folder: str) -> Path:
    """The stored upload under the name it was uploaded with, as a link in ``folder``.

    Readers may take facts from the file name – the Gemeindeverzeichnis CSV its reference
    date (``gv_gemeinden_31122023.csv``) – which the random storage name hides (issue 21.13).
    Uploads on a storage without local paths (``FILE_STORAGE``, several servers) are copied
    into ``folder`` instead: the Celery worker may run on another machine than the upload.
    """
    try:
        name = get_valid_filename(Path(job.original_name).name)
    except SuspiciousFileOperation:
        name = ""
    try:
        stored = Path(job.file.path)
    except NotImplementedError:  # object storage: no path on this machine
        copy = Path(folder) / (name or Path(job.file.name).name)
        with job.file.open("rb") as source, copy.open("wb") as target:
            for chunk in source.chunks():
                target.write(chunk)
        return copy
    if not name:  # no usable name: the stored one will do
        return stored
    try:
        link = Path(folder) / name
        link.symlink_to(stored.resolve())
    except OSError:
        return stored
    return link


def import_job_run(job_id: int, *, seconds: int = ImportJob.SOFT_TIME_LIMIT) -> ImportJob:
    """Run a job (called by the Celery task or synchronously in a request); it stops with a
    message after ``seconds``."""
    job = ImportJob.objects.select_related("municipality", "created_by").get(pk=job_id)
    if job.is_finished:
        return job
    job.started_at = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, started_at=job.started_at
    )

    def progress(done: int, total: int) -> None:
        cache.set(_progress_key(job.pk), (done, total), 3600)

    restrict = job.created_by is None or not job.created_by.is_office
    folder = tempfile.TemporaryDirectory(prefix="zwk-import-")
    try:
        release, created = statistics_import(
            path=_as_uploaded(job, folder.name),
            by=job.created_by,
            municipality=job.municipality,
            original_name=job.original_name,
            restrict=restrict and job.municipality is not None,
            progress=progress,
            deadline=time.monotonic() + seconds,
            limits=UPLOAD_LIMITS,
        )
    except ImportRefused as exc:
        job.status, job.message = ImportJob.Status.FAILED, exc.message
    except SoftTimeLimitExceeded:
        job.status, job.message = ImportJob.Status.FAILED, _time_limit_message(seconds)
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
        if created:
            derived_refresh()  # typology and history projections for the next page
    folder.cleanup()
    job.finished_at = timezone.now()
    job.save()
    cache.delete(_progress_key(job.pk))
    return job


def derived_refresh_for(municipality_id: int) -> dict:
    """The history projection of one new Kommune (a Gemeinde with official history), stored
    as after an import. A failure is logged; the profile page then computes it on demand."""
    from zwk.municipalities.models import Municipality
    from zwk.profiles import derived
    from zwk.profiles.regions import region_code_for

    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        return {}
    try:
        return derived.refresh_history([region_code_for(municipality)])
    except Exception:  # creating the Kommune succeeded; the page can still compute on demand
        logger.exception("profiles: history projection of a new Kommune not stored")
        return {}


def derived_refresh() -> dict:
    """Compute and store the typology over all areas and the history projections of the
    platform's Gemeinden for the current data (:func:`zwk.profiles.derived.refresh`), so
    that the first profile page after an import does not wait for them. A failure is
    logged and leaves the import as it is (the pages then compute on demand)."""
    from zwk.profiles import derived

    try:
        return derived.refresh()
    except Exception:  # the import succeeded; the pages can still compute on demand
        logger.exception("profiles: derived data not refreshed")
        return {}


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
