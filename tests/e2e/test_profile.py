"""Journey: the Kommunalprofil – import a real Destatis file, explore scenarios, export, publish.

The Geschäftsstelle uploads the Länder table 12411-0013 through the import form and reads the
result page. The coordinator of Musterstadt opens the profile, moves a scenario slider with the
keyboard and sees the projection chart change, opens a chart's data table, downloads the PDF
report and the Excel workbook, publishes the profile, and an anonymous visitor reads it. Every
page visited is checked with axe-core – the SVG charts included.

The demo data is built without the Länder file (``ZWK_SHARED_DATA`` points at a folder holding
only the Kreise table), so that the upload is a real import and not "already imported".
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e
PDF_RENDER_MS = 60_000

LAENDER = "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"
KREISE = "regio_12411-04-02-4_kreise_altersjahre_2020.csv"
PROFILE = "/kommunen/musterstadt/profil/"


def _shared_data() -> Path:
    env = os.environ.get("ZWK_SHARED_DATA")
    return Path(env) if env else Path(django_settings.BASE_DIR).parent / "shared" / "data"


@pytest.fixture
def real_file():
    path = _shared_data() / LAENDER
    if not path.exists():
        pytest.skip(f"real Destatis file {LAENDER} not found in {path.parent} (ZWK_SHARED_DATA)")
    return path


@pytest.fixture
def demo_without_laender(request, real_file, tmp_path_factory, monkeypatch, settings):
    """Demo data whose reference levels lack the Länder table; imports run in the request.

    With REDIS_URL (CI's PostgreSQL run) jobs would go to a Celery worker that does not run
    here, so the job is run eagerly in the live server's request thread."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    folder = tmp_path_factory.mktemp("shared-data")
    kreise = real_file.parent / KREISE
    if kreise.exists():
        (folder / KREISE).symlink_to(kreise)
    monkeypatch.setenv("ZWK_SHARED_DATA", str(folder))
    request.getfixturevalue("demo")
    from django.core.cache import cache

    cache.clear()  # the typology of all regions is cached
    return real_file


def _chart_state(page, chart_id: str) -> tuple[str, str]:
    """The SVG markup and the data table text of a chart (the table is in the DOM, collapsed)."""
    figure = page.locator(f"#diagramm-{chart_id}")
    return figure.locator("svg.chart-wide").inner_html(), figure.locator("table").text_content()


def test_office_imports_a_real_file_through_the_upload_form(page, base_url, demo_without_laender):
    login(page, base_url, "geschaeftsstelle", check=False)
    page.goto(base_url + PROFILE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunalprofil Musterstadt")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Statistik importieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistik importieren")
    expect(page.get_by_text("Noch keine Importe.")).to_be_visible()
    assert_no_axe_violations(page)

    # a click on upload without a file is refused with a message
    page.get_by_role("button", name="Hochladen und importieren").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Statistikdatei").set_input_files(str(demo_without_laender))
    page.get_by_role("button", name="Hochladen und importieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Import: {LAENDER}")
    status = page.get_by_role("status").filter(has_text="Status:")
    expect(status).to_contain_text("fertig")
    expect(page.get_by_role("heading", name="Ergebnis")).to_be_visible()
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("12411-0013")
    expect(facts).to_contain_text("2015, 2016, 2017, 2018, 2019, 2020, 2021")
    expect(facts).to_contain_text("Bayern")
    assert_no_axe_violations(page)

    # the imported Land and Bund levels show up in the profile's comparison table
    page.get_by_role("link", name="Zum Kommunalprofil").click()
    row = page.locator("tr[data-key=old_age_dependency_ratio]")
    land, bund = row.locator("td").nth(4), row.locator("td").nth(5)
    expect(land).not_to_have_text("–")
    expect(bund).not_to_have_text("–")
    page.get_by_role("link", name="Statistik importieren").click()
    # the file is listed among the import jobs and among the profile's data deliveries
    jobs = page.get_by_role("region", name="Bisherige Importe")
    expect(jobs.get_by_role("row", name=LAENDER)).to_be_visible()
    deliveries = page.get_by_role("region", name="Datenlieferungen dieses Profils")
    expect(deliveries.get_by_role("row", name=LAENDER)).to_be_visible()


def test_coordinator_explores_exports_and_publishes_the_profile(
    page, new_page, base_url, demo_without_laender
):
    login(page, base_url, "koordination-musterstadt")
    page.goto(base_url + PROFILE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunalprofil Musterstadt")
    expect(page.get_by_text("Nur intern sichtbar.")).to_be_visible()
    assert_no_axe_violations(page)

    # scenario explorer: keyboard on the migration slider, the chart is re-rendered by htmx
    before = _chart_state(page, "trend")
    slider = page.get_by_label("Wanderungssaldo je 1.000 Einwohner und Jahr")
    value = slider.input_value()
    slider.focus()
    with page.expect_response(lambda r: "/profil/szenario/" in r.url and r.ok):
        for _ in range(6):  # 6 × 0,5 – the htmx request fires once, after the debounce
            page.keyboard.press("ArrowRight")
    assert float(slider.input_value()) == pytest.approx(float(value) + 3.0)
    # the value label follows the slider (and is what screen readers announce)
    expect(page.locator("output[for=id_migration]")).to_have_text(
        f"{float(value) + 3.0:.1f}".replace(".", ",")
    )
    expect(page.locator("#diagramm-trend svg.chart-wide")).not_to_have_js_property(
        "innerHTML", before[0]
    )
    after = _chart_state(page, "trend")
    assert after[0] != before[0] and after[1] != before[1]
    expect(slider).to_be_focused()  # the form is not replaced, focus stays on the slider
    expect(page.locator("#szenario-status")).to_contain_text("Vorausberechnung")
    assert_no_axe_violations(page)

    # data table toggle of the projection chart
    table = page.locator("#diagramm-trend table")
    expect(table).to_be_hidden()
    page.locator("#diagramm-trend summary").click()
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Jahr")).to_be_visible()
    assert_no_axe_violations(page)

    # downloads: PDF report and Excel workbook. The PDF is rendered on request (WeasyPrint);
    # on a busy machine that takes longer than the default 10 s – wait for the download, with
    # a budget for the rendering.
    with page.expect_download(timeout=PDF_RENDER_MS) as info:
        page.get_by_role("link", name="Bericht (PDF)").click(timeout=PDF_RENDER_MS)
    pdf = Path(info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    with page.expect_download() as info:
        page.get_by_role("link", name="alle Tabellen (Excel)").click()
    workbook = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert "Kennzahlen im Vergleich" in workbook.sheetnames and "Quellen" in workbook.sheetnames
    for path, content_type in (
        ("bericht.pdf", "application/pdf"),
        ("daten.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ):
        response = page.request.get(base_url + PROFILE + path)
        assert response.ok and response.headers["content-type"] == content_type

    # print: no navigation or controls, every chart's data table shown (also closed ones)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_hidden()
    expect(page.locator("form.scenario-form")).to_be_hidden()
    expect(page.locator("#diagramm-pyramide table")).to_be_visible()
    expect(page.locator("#diagramm-pyramide summary")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator("#diagramm-pyramide table")).to_be_hidden()

    # publish (with confirmation) and read it without an account
    anonymous = new_page()
    assert anonymous.goto(base_url + PROFILE).status == 404
    page.get_by_role("link", name="Veröffentlichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunalprofil veröffentlichen")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_role("status").first).to_contain_text("jetzt öffentlich")
    expect(page.get_by_text("Öffentlich sichtbar.")).to_be_visible()

    assert anonymous.goto(base_url + PROFILE).status == 200
    expect(anonymous.get_by_role("heading", level=1)).to_have_text("Kommunalprofil Musterstadt")
    expect(anonymous.get_by_text("Öffentliches Kommunalprofil (nur lesen).")).to_be_visible()
    expect(anonymous.get_by_role("link", name="Statistik importieren")).to_have_count(0)
    expect(anonymous.locator("#diagramm-pyramide svg.chart-wide")).to_be_visible()
    assert_no_axe_violations(anonymous)
