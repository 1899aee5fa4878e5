"""Profile page, scenario explorer, exports, publishing and the upload form."""

import io

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from demography.indicators import structure_indicators
from demography.readers import read_population
from tests.factories import MunicipalityFactory
from zwk.profiles import services
from zwk.profiles.charts import fmt
from zwk.profiles.models import ImportJob, PopulationStock, Region, StatisticsRelease

KREISE = "regio_12411-04-02-4_kreise_altersjahre_2020.csv"


def _synthetic(code="09180999", years=(2019, 2020), name="Musterdorf"):
    """Stocks written directly (no file) for query-count and publishing tests."""
    release = StatisticsRelease.objects.create(
        table_code="test", file_name=f"test-{code}-{len(years)}", sha256=f"{code}{len(years)}"
    )
    ages = (np.linspace(60, 10, 101)).round().tolist()
    for c, level in ((code, "gemeinde"), (code[:5], "kreis"), (code[:2], "land"), ("DG", "bund")):
        region, _ = Region.objects.get_or_create(code=c, defaults={"name": c, "level": level})
        for y in years:
            for sex in ("male", "female"):
                PopulationStock.objects.create(
                    region=region, year=y, sex=sex, total=sum(ages), ages=ages, release=release
                )
            PopulationStock.objects.create(
                region=region, year=y, sex="total", total=2 * sum(ages), release=release
            )


def test_profile_shows_engine_indicators_for_imported_real_data(
    db, shared_data, client_for, office_user
):
    services.statistics_import(path=shared_data / KREISE)
    kreis = MunicipalityFactory(
        kind="landkreis", ags="09184", slug="lk-muenchen", name="Landkreis München"
    )
    response = client_for(office_user).get(reverse("profiles:profile", kwargs={"slug": kreis.slug}))
    html = response.content.decode()
    pop = next(p for p in read_population(shared_data / KREISE) if p.year == 2020)
    expected = structure_indicators(pop.counts.sum(axis=1))
    i = pop.index("09184")
    assert fmt(float(expected["old_age_dependency_ratio"][i]), 1) in html
    assert fmt(float(expected["mean_age"][i]), 1) in html
    assert "Was bedeutet das?" in html and "dl-de/by-2-0" in html
    assert "<svg" in html and '<title id="pyramide-t">' in html
    assert "Demografietyp" in html and "Größte Unterschiede" in html
    # the type in plain German: no method terms, no log10 figures (issue 16.6)
    typ = html.split('id="typ"')[1].split('id="werkzeuge"')[0]
    for term in ("k-means", "z-standard", "log10", "Standardabweichung"):
        assert term not in typ
    assert "gehört zum Typ" in typ and "Einwohnerzahl" in typ


def test_scenario_sliders_change_the_projection(db, client_for, member, municipality):
    _synthetic()
    client = client_for(member)
    url = reverse("profiles:scenario", kwargs={"slug": municipality.slug})
    low = client.get(url, {"migration": "-10", "tfr": "1.2", "e0_gain": "0", "dwellings": "0"})
    high = client.get(url, {"migration": "15", "tfr": "2.0", "e0_gain": "4", "dwellings": "100"})
    assert low.status_code == high.status_code == 200
    assert low.content != high.content
    assert "Planungsbedarf" in high.content.decode()
    bad = client.get(url, {"migration": "99", "tfr": "x", "e0_gain": "0", "dwellings": "0"})
    assert bad.status_code == 400 and "ungültig" in bad.content.decode()


def test_unpublished_profile_is_404_for_anonymous_and_public_after_publishing(
    db, client_for, coordinator, municipality
):
    _synthetic()
    url = reverse("profiles:profile", kwargs={"slug": municipality.slug})
    assert client_for(None).get(url).status_code == 404
    client = client_for(coordinator)
    assert (
        client.post(reverse("profiles:publish", kwargs={"slug": municipality.slug})).status_code
        == 302
    )
    anonymous = client_for(None)
    response = anonymous.get(url)
    assert response.status_code == 200
    assert "Öffentliches Kommunalprofil" in response.content.decode()
    assert "Statistik importieren" not in response.content.decode()
    assert (
        anonymous.get(
            reverse("profiles:export_xlsx", kwargs={"slug": municipality.slug})
        ).status_code
        == 200
    )
    # internal pages stay closed
    assert (
        anonymous.get(reverse("profiles:import", kwargs={"slug": municipality.slug})).status_code
        == 302
    )
    # and unpublishing closes it again
    client_for(coordinator).post(reverse("profiles:publish", kwargs={"slug": municipality.slug}))
    assert client_for(None).get(url).status_code == 404


def test_exports_contain_every_table(db, client_for, member, municipality):
    _synthetic()
    client = client_for(member)
    xlsx = client.get(reverse("profiles:export_xlsx", kwargs={"slug": municipality.slug}))
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert "Kennzahlen im Vergleich" in wb.sheetnames and "Quellen" in wb.sheetnames
    assert any(name.startswith("Planungsbedarf") for name in wb.sheetnames)
    csv = client.get(
        reverse("profiles:export_csv", kwargs={"slug": municipality.slug, "table": "kennzahlen"})
    )
    assert csv.content.decode("utf-8-sig").startswith("Kennzahl;Jahr;Wert")
    missing = client.get(
        reverse("profiles:export_csv", kwargs={"slug": municipality.slug, "table": "gibtsnicht"})
    )
    assert missing.status_code == 404
    pdf = client.get(reverse("profiles:report_pdf", kwargs={"slug": municipality.slug}))
    assert pdf.content.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("years", [2, 10])
def test_profile_query_count_does_not_grow_with_years(
    db, client_for, member, municipality, years, django_assert_max_num_queries
):
    _synthetic(years=tuple(range(2021 - years, 2021)))
    client = client_for(member)
    url = reverse("profiles:profile", kwargs={"slug": municipality.slug})
    client.get(url)  # warm caches (typology)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    # constant: the same bound for 2 and for 10 years (the exact equality across years and
    # regions is checked in test_profile_page.py). The page also carries the toolbox
    # recommendations and the Situationsanalyse section, a fixed number of queries each, and
    # the population bases and integration figures of the own region (one query each), and
    # the data version for the stored history projection when there is no typology to
    # carry it (10 years: the Gemeinde has a history), and for the team whether the
    # Werkstattplan has effects to offer in the scenario explorer (one query, issue 20).
    assert len(ctx.captured_queries) <= 34, [q["sql"] for q in ctx.captured_queries]


def test_upload_runs_the_import_and_shows_the_result(
    db, client_for, office_user, municipality, shared_data, django_capture_on_commit_callbacks
):
    client = client_for(office_user)
    data = (
        shared_data / "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"
    ).read_bytes()
    upload = SimpleUploadedFile("laender.csv", data, content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("profiles:import", kwargs={"slug": municipality.slug}), {"file": upload}
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == "done"
    page = client.get(response["Location"]).content.decode()
    assert "2015, 2016" in page and "12411-0013" in page
    # the same file again: nothing changes
    upload = SimpleUploadedFile("laender.csv", data, content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("profiles:import", kwargs={"slug": municipality.slug}), {"file": upload}
        )
    assert ImportJob.objects.first().status == "unchanged"


def test_a_wrong_file_is_reported_and_nothing_is_stored(
    db, client_for, coordinator, municipality, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    upload = SimpleUploadedFile(
        "notizen.csv", b"Das ist keine Statistik\n", content_type="text/csv"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("profiles:import", kwargs={"slug": municipality.slug}), {"file": upload}
        )
    response = client.get(response["Location"])
    html = response.content.decode()
    assert "Unbekanntes Dateiformat" in html and "notizen.csv" in html
    assert not PopulationStock.objects.exists()


def test_import_job_of_another_kommune_is_not_reachable(
    db, client_for, coordinator, municipality, other_municipality
):
    job = ImportJob.objects.create(municipality=other_municipality, original_name="x.csv")
    url = reverse("profiles:import_job", kwargs={"slug": municipality.slug, "job": job.pk})
    assert client_for(coordinator).get(url).status_code == 404


def test_step_page_links_to_the_profile(db, client_for, member, municipality):
    response = client_for(member).get(
        reverse("municipalities:step", kwargs={"slug": municipality.slug, "step": "kommunalprofil"})
    )
    assert (
        reverse("profiles:profile", kwargs={"slug": municipality.slug}) in response.content.decode()
    )


def test_exports_defuse_formulas_from_uploaded_names():
    """Region names and file names come from uploaded statistics files: a name a spreadsheet
    would run as a formula stays text in CSV and XLSX."""
    from types import SimpleNamespace

    from zwk.profiles import exports

    assert exports.csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert exports.csv_cell(1234.5) == "1234,500"  # three decimals, as on the page
    table = SimpleNamespace(title="Kennzahlen", headers=["Region", "Wert"], rows=[["=1+1", 3.5]])
    release = SimpleNamespace(file_name="@SUM(A1).csv", table_code="t", stand="2024", licence="dl")
    municipality = SimpleNamespace(name="-Musterdorf")
    page = SimpleNamespace(
        tables=[table], sources=SimpleNamespace(releases=[release], licence="dl-de/by-2-0")
    )
    wb = load_workbook(io.BytesIO(exports.workbook(municipality, page)))
    sheet = wb["Kennzahlen"]
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 3.5
    assert wb["Quellen"]["A2"].data_type == "s"
