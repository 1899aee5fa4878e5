"""Plausibility of imported statistics and the office's way back from a wrong import
(issue 21.7), and import jobs that a time limit or a killed worker stopped (issue 21.2)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import MunicipalityFactory
from zwk.accounts.models import AuditEntry
from zwk.profiles import plausibility, services
from zwk.profiles.models import ImportJob, PopulationStock, StatisticsRelease
from zwk.profiles.services import ImportRefused, statistics_import
from zwk.profiles.tasks import run_import_job

KREISE = "destatis_12411-0015_kreise_bevoelkerung_2016-2020.csv"  # totals, 2016–2020
LAENDER = "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"


def _kreise_with(shared_data, tmp_path, *, cells: dict[str, str], name="kreise.csv"):
    """The real Kreise table with the 2020 value of some Kreise replaced (and a new Stand,
    so that it is another file)."""
    lines = (shared_data / KREISE).read_text(encoding="latin-1").split("\n")
    for i, line in enumerate(lines):
        code = line.split(";", 1)[0]
        if code in cells:
            parts = line.split(";")
            parts[-1] = cells[code]
            lines[i] = ";".join(parts)
    path = tmp_path / name
    text = "\n".join(lines).replace("Stand: 26.08.2021", "Stand: 01.02.2024")
    path.write_text(text, encoding="latin-1")
    return path


def _upload(client, municipality, path, capture):
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
    with capture(execute=True):
        response = client.post(
            reverse("profiles:import", kwargs={"slug": municipality.slug}), {"file": upload}
        )
    assert response.status_code == 302
    return ImportJob.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])


@pytest.fixture
def kreis(db):
    return MunicipalityFactory(
        kind="landkreis", ags="09184", slug="lk-muenchen", name="Landkreis München"
    )


# --- impossible values are refused ------------------------------------------------------


def test_a_negative_population_is_refused_with_file_region_and_year(db, shared_data, tmp_path):
    path = _kreise_with(shared_data, tmp_path, cells={"09461": "-77179"})
    with pytest.raises(ImportRefused) as exc:
        statistics_import(path=path, original_name="bamberg.csv")
    message = exc.value.message
    # the readers name line and column, the profile's own check region, year and measure
    assert message.startswith("bamberg.csv")  # the uploaded name, not the stored file's
    assert "Zeile 280, Spalte 7" in message or ("09461" in message and "2020" in message)
    assert "negativ" in message.lower()
    assert not StatisticsRelease.objects.exists() and not PopulationStock.objects.exists()


@pytest.mark.parametrize("value", ["9" * 400, "9" * 26])
def test_infinite_or_huge_values_are_refused(db, shared_data, tmp_path, value):
    """'9' × 400 is read as Infinity by a float; 10^26 inhabitants are no real count either."""
    path = _kreise_with(shared_data, tmp_path, cells={"09184": value})
    with pytest.raises(ImportRefused) as exc:
        statistics_import(path=path)
    assert "kreise.csv" in exc.value.message
    assert not PopulationStock.objects.exists()


def test_impossible_values_are_named_per_measure():
    from demography.official import MovementRecord, StockRecord

    stocks = [StockRecord("09184", "München", 2020, "total", 1000.0, [float("nan")] * 101)]
    moves = [
        MovementRecord("09184", "München", 2020, "deaths", -3.0),
        MovementRecord("09184", "München", 2020, "net_migration", -300.0),  # may be negative
        MovementRecord("09184", "München", 2020, "births", float("inf")),
    ]
    found = plausibility.impossible_values(stocks, moves, file_name="f.csv")
    assert len(found) == 3
    assert "Alter 0 (insgesamt): keine endliche Zahl" in found[0]
    assert "Gestorbene: negative Anzahl" in found[1]
    assert "Lebendgeborene: keine endliche Zahl" in found[2]


def test_an_import_with_infinity_does_not_make_the_profiles_show_inf(
    db, shared_data, tmp_path, client_for, office_user, kreis, django_capture_on_commit_callbacks
):
    statistics_import(path=shared_data / LAENDER)
    statistics_import(path=shared_data / KREISE)
    others = [
        MunicipalityFactory(kind="landkreis", ags=code, slug=f"lk-{code}", name=f"Kreis {code}")
        for code in ("09162", "09178")
    ]
    client = client_for(office_user)
    bad = _kreise_with(shared_data, tmp_path, cells={"09162": "9" * 400, "09": "9" * 400})
    job = _upload(client, kreis, bad, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    page = client.get(reverse("profiles:import_job", kwargs={"slug": kreis.slug, "job": job.pk}))
    assert "kreise.csv" in page.content.decode() and "nicht importiert" in page.content.decode()
    for m in (kreis, *others):
        html = client.get(reverse("profiles:profile", kwargs={"slug": m.slug})).content.decode()
        assert ">inf<" not in html and "inf " not in html and "∞" not in html, m.slug
        assert "nan" not in html.lower().replace("nano", "")
    assert PopulationStock.objects.filter(region__code="09162", year=2020).get().total < 2e6


# --- implausible values are imported with warnings ----------------------------------------


def test_a_kreis_larger_than_its_land_and_a_jump_are_flagged_for_the_office(
    db, shared_data, tmp_path, client_for, office_user, kreis, django_capture_on_commit_callbacks
):
    statistics_import(path=shared_data / LAENDER)
    statistics_import(path=shared_data / KREISE)
    client = client_for(office_user)
    path = _kreise_with(shared_data, tmp_path, cells={"09184": "20000000"})
    job = _upload(client, kreis, path, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE
    warnings = job.result["warnings"]
    assert any("09184" in w and "übergeordnete Gebiet 09" in w for w in warnings), warnings
    assert any("09184" in w and "2019" in w and "Sprung" in w for w in warnings), warnings
    page = client.get(reverse("profiles:import_job", kwargs={"slug": kreis.slug, "job": job.pk}))
    html = page.content.decode()
    assert "Auffällige Werte" in html and "20.000.000 Einwohner" in html
    listing = client.get(reverse("profiles:import", kwargs={"slug": kreis.slug})).content.decode()
    assert "auffällige Werte" in listing or "auffälliger Wert" in listing


def test_ordinary_official_files_raise_no_warnings(db, shared_data):
    statistics_import(path=shared_data / LAENDER)
    release, _ = statistics_import(path=shared_data / KREISE)
    assert release.summary["warnings_count"] == 0, release.summary["warnings"]


def test_jumps_and_parents_in_the_pure_check():
    known = {("09", 2020): 13_000_000, ("09184", 2019): 350_000}
    file_totals = {("09184", 2020): 360_000, ("09184001", 2020): 400_000, ("09162", 2020): 2e6}
    out = plausibility.warnings_for(file_totals, known, names={"09184001": "Dorf"})
    assert len(out) == 1 and "09184001 Dorf" in out[0] and "übergeordnete Gebiet 09184" in out[0]
    quartier = plausibility.warnings_for(
        {("08226068/Q1", 2024): 900}, {("08226068/Q1", 2023): 300}, names={}
    )
    assert quartier == []  # fewer than 1,000 people differ: small areas do move


# --- withdrawing a release and importing again --------------------------------------------


def test_the_office_withdraws_a_wrong_import_and_imports_the_same_file_again(
    db, shared_data, client_for, office_user, kreis, django_capture_on_commit_callbacks
):
    client = client_for(office_user)
    path = shared_data / KREISE
    job = _upload(client, kreis, path, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE
    n = PopulationStock.objects.count()
    assert n > 2000
    job_page = client.get(
        reverse("profiles:import_job", kwargs={"slug": kreis.slug, "job": job.pk})
    ).content.decode()
    url = reverse(
        "profiles:release_withdraw", kwargs={"slug": kreis.slug, "release": job.release_id}
    )
    assert url in job_page
    confirm = client.get(url)
    assert confirm.status_code == 200 and f"{n} Werte" in confirm.content.decode()
    assert PopulationStock.objects.count() == n  # GET changes nothing
    done = client.post(url)
    assert done.status_code == 302
    assert not PopulationStock.objects.exists() and not StatisticsRelease.objects.exists()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.WITHDRAWN and f"{n} Werte entfernt" in job.message
    entry = AuditEntry.objects.get(action="profiles.statistics_withdraw")
    assert entry.actor == office_user and KREISE in entry.message
    # the same file again is imported, not "bereits importiert"
    again = _upload(client, kreis, path, django_capture_on_commit_callbacks)
    assert again.status == ImportJob.Status.DONE
    assert PopulationStock.objects.count() == n


def test_only_the_office_withdraws(db, shared_data, client_for, coordinator, municipality):
    release, _ = statistics_import(path=shared_data / LAENDER)
    url = reverse(
        "profiles:release_withdraw", kwargs={"slug": municipality.slug, "release": release.pk}
    )
    assert client_for(coordinator).post(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.release_withdraw(release=release, by=coordinator)
    assert StatisticsRelease.objects.filter(pk=release.pk).exists()


def test_a_release_the_profile_does_not_use_cannot_be_withdrawn_through_it(
    db, shared_data, client_for, office_user, municipality
):
    release, _ = statistics_import(
        path=shared_data / "destatis_12612-0002_geburten_monate_1950-2022.csv"
    )  # Deutschland only – but the test Kommune's Land has no value in it
    other, _ = statistics_import(path=shared_data / KREISE)
    kreis_url = reverse(
        "profiles:release_withdraw", kwargs={"slug": municipality.slug, "release": other.pk}
    )
    # the test Kommune lies in a Kreis of the table, so that one is among its sources …
    assert client_for(office_user).get(kreis_url).status_code == 200
    stray = StatisticsRelease.objects.create(table_code="x", file_name="x.csv", sha256="x")
    stray_url = reverse(
        "profiles:release_withdraw", kwargs={"slug": municipality.slug, "release": stray.pk}
    )
    assert client_for(office_user).get(stray_url).status_code == 404  # … a stray one is not
    assert release.pk != stray.pk


def test_withdrawing_a_newer_release_and_reimporting_the_older_file_restores_its_values(
    db, shared_data, tmp_path, capsys
):
    statistics_import(path=shared_data / KREISE)
    original = PopulationStock.objects.get(region__code="09184", year=2020).total
    newer = _kreise_with(shared_data, tmp_path, cells={"09184": "360000"}, name="neu.csv")
    new_release, _ = statistics_import(path=newer)
    assert PopulationStock.objects.get(region__code="09184", year=2020).total == 360000
    services.release_withdraw(release=new_release, by=_office())
    assert not PopulationStock.objects.filter(region__code="09184", year=2020).exists()
    call_command("import_statistics", str(shared_data / KREISE))  # the office's command line
    assert "fehlende Werte wieder ergänzt" in capsys.readouterr().out
    release = StatisticsRelease.objects.get(file_name=KREISE)
    assert release.summary["restored"] >= 1
    assert PopulationStock.objects.get(region__code="09184", year=2020).total == original
    # nothing missing any more: the same file again changes nothing
    again, created = statistics_import(path=shared_data / KREISE)
    assert not created and again == release


def _office():
    from tests.factories import UserFactory

    return UserFactory(username="gs-repair", is_office=True)


# --- time limits, killed jobs, retry ------------------------------------------------------


def test_the_import_task_has_time_limits():
    assert run_import_job.soft_time_limit == ImportJob.SOFT_TIME_LIMIT
    assert run_import_job.time_limit == ImportJob.TIME_LIMIT > ImportJob.SOFT_TIME_LIMIT


def _job(municipality, user, shared_data, **fields):
    job = ImportJob(municipality=municipality, original_name=KREISE, created_by=user, **fields)
    job.file.save("kreise.csv", SimpleUploadedFile("k.csv", (shared_data / KREISE).read_bytes()))
    return job


def test_a_job_killed_mid_run_shows_as_failed_and_can_be_retried(
    db, shared_data, client_for, office_user, kreis, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - ImportJob.STALE_RUNNING - timedelta(minutes=1)
    job = _job(kreis, office_user, shared_data, status=ImportJob.Status.RUNNING)
    ImportJob.objects.filter(pk=job.pk).update(started_at=long_ago)
    legacy = _job(kreis, office_user, shared_data, status=ImportJob.Status.RUNNING)
    ImportJob.objects.filter(pk=legacy.pk).update(created_at=long_ago)  # no started_at yet
    recent = _job(kreis, office_user, shared_data, status=ImportJob.Status.RUNNING)
    ImportJob.objects.filter(pk=recent.pk).update(started_at=timezone.now())
    client = client_for(office_user)
    page = client.get(reverse("profiles:import_job", kwargs={"slug": kreis.slug, "job": job.pk}))
    html = page.content.decode()
    assert "fehlgeschlagen" in html and "Zeitlimit" in html and "erneut" in html
    recent.refresh_from_db()
    assert recent.status == ImportJob.Status.RUNNING  # still within its time
    legacy.refresh_from_db()
    assert legacy.status == ImportJob.Status.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("profiles:import_retry", kwargs={"slug": kreis.slug, "job": job.pk})
        )
    retried = ImportJob.objects.exclude(pk__in=[job.pk, recent.pk, legacy.pk]).get()
    assert response["Location"].endswith(f"/import/{retried.pk}/")
    assert retried.status == ImportJob.Status.DONE and PopulationStock.objects.exists()


def test_a_job_nobody_started_shows_as_failed_after_an_hour(
    db, shared_data, client_for, office_user, kreis
):
    job = _job(kreis, office_user, shared_data)
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=2))
    listing = client_for(office_user).get(reverse("profiles:import", kwargs={"slug": kreis.slug}))
    assert "fehlgeschlagen" in listing.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.finished_at is not None


def test_an_import_past_its_time_limit_stops_and_stores_nothing(
    db, shared_data, office_user, kreis
):
    job = _job(kreis, office_user, shared_data)
    services.import_job_run(job.pk, seconds=0)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "länger als 0 Sekunden" in job.message
    assert not PopulationStock.objects.exists() and not StatisticsRelease.objects.exists()


def test_an_upload_imported_inside_the_request_has_the_request_limit(
    db, shared_data, client_for, office_user, kreis, monkeypatch, django_capture_on_commit_callbacks
):
    """Without a worker the import runs in the web request: it must stop before gunicorn's
    timeout (60 s) kills the request, with a message instead of a job left 'läuft'."""
    assert ImportJob.REQUEST_TIME_LIMIT < 60
    monkeypatch.setattr(ImportJob, "REQUEST_TIME_LIMIT", 0)
    job = _upload(client_for(office_user), kreis, shared_data / KREISE,
                  django_capture_on_commit_callbacks)  # fmt: skip
    assert job.status == ImportJob.Status.FAILED and "länger als 0 Sekunden" in job.message
    assert not PopulationStock.objects.exists()


def test_a_done_job_cannot_be_retried(db, shared_data, client_for, office_user, kreis):
    job = _job(kreis, office_user, shared_data, status=ImportJob.Status.DONE)
    response = client_for(office_user).post(
        reverse("profiles:import_retry", kwargs={"slug": kreis.slug, "job": job.pk}), follow=True
    )
    assert "Nur ein fehlgeschlagener" in response.content.decode()
    assert ImportJob.objects.count() == 1


def test_an_upload_beyond_the_readers_budget_is_refused_with_a_german_message(
    db, shared_data, office_user, kreis, monkeypatch
):
    """Uploads are read with a row and cell budget (the 400 Kreise exceed a budget of 100
    rows); the job fails with the uploaded file's name and stores nothing."""
    from demography.readers.limits import Limits

    monkeypatch.setattr(services, "UPLOAD_LIMITS", Limits(max_rows=100))
    job = _job(kreis, office_user, shared_data)
    services.import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.message.startswith(KREISE) and "zu groß" in job.message
    assert not PopulationStock.objects.exists()
    # the command line reads with the engine's defaults: the same file is fine there
    assert statistics_import(path=shared_data / KREISE)[1]


def test_retrying_asks_the_same_rule_as_the_button(
    db, shared_data, client_for, municipality, coordinator, member
):
    """Retrying is for the coordination and the office, and only for a failed or withdrawn
    job: the job page offers the button exactly then, and the service refuses otherwise."""
    failed = _job(municipality, coordinator, shared_data, status=ImportJob.Status.FAILED)
    done = _job(municipality, coordinator, shared_data, status=ImportJob.Status.DONE)
    assert not member.has_perm("profiles.retry_import", failed)
    with pytest.raises(PermissionDenied):
        services.import_job_retry(job=failed, by=member)
    assert coordinator.has_perm("profiles.retry_import", failed)
    assert not coordinator.has_perm("profiles.retry_import", done)
    with pytest.raises(ValidationError, match="Nur ein fehlgeschlagener"):
        services.import_job_retry(job=done, by=coordinator)
    assert ImportJob.objects.count() == 2
    client = client_for(coordinator)
    button = "Dieselbe Datei erneut importieren"
    page = client.get(
        reverse("profiles:import_job", kwargs={"slug": municipality.slug, "job": done.pk})
    )
    assert page.status_code == 200 and button not in page.content.decode()
    page = client.get(
        reverse("profiles:import_job", kwargs={"slug": municipality.slug, "job": failed.pk})
    )
    assert button in page.content.decode()
