"""PDF (Gemeinderat) and XLSX reports of the Werkstattplan and its Zwischenbilanz."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from weasyprint.formatting_structure import boxes

from tests.zwk.plans.factories import make_goal, make_measure
from zwk.plans import reports, services
from zwk.plans.models import Continuation
from zwk.plans.review.lessons import lesson_save

pytestmark = pytest.mark.django_db
ON = date(2026, 1, 1)


def _texts(box):
    if isinstance(box, boxes.TextBox):
        yield box.text
    for child in getattr(box, "children", None) or []:
        yield from _texts(child)


def pdf_pages(report) -> list[str]:
    """Text of each laid-out page (WeasyPrint's boxes – what ends up in the PDF)."""
    return [" ".join(_texts(page._page_box)) for page in reports.document(report).pages]


@pytest.fixture
def plan_data(municipality, coordinator):
    by = coordinator
    services.plan_update_vision(
        plan=services.plan_for(municipality), by=by, vision="Musterdorf bleibt lebendig."
    )
    shop = make_measure(
        municipality,
        by,
        "Dorfladen",
        status="running",
        budget_planned=Decimal("10000"),
        budget_actual=Decimal("2500"),
        responsible="Amt für Familie",
    )
    make_measure(municipality, by, '=HYPERLINK("http://evil.example","klick")')
    services.milestone_add(measure=shop, by=by, title="Mietvertrag", due=date(2025, 9, 1))
    goal = make_goal(municipality, by, "Junge Familien halten")
    indicator = services.indicator_create(
        goal=goal,
        by=by,
        data={
            "kind": "own",
            "name": "Kundinnen pro Woche",
            "baseline": 0,
            "baseline_date": date(2025, 1, 1),
            "target": 300,
            "due": date(2027, 1, 1),
        },
    )
    services.measurement_add(indicator=indicator, by=by, measured_on=date(2025, 12, 1), value=150)
    lesson_save(
        plan=shop.plan,
        by=by,
        data={"measure": shop, "title": "Ehrenamt trägt", "worked": "25 Ehrenamtliche"},
    )
    Continuation.objects.create(measure=shop, decision="continue", owner="Genossenschaft eG")
    return shop.plan


def test_pdf_puts_the_summary_first_and_numbers_the_pages(municipality, plan_data):
    pages = pdf_pages(reports.build(municipality, plan_data, ON))
    assert len(pages) >= 2
    first = pages[0]
    assert "Werkstattplan und Zwischenbilanz Musterdorf" in first
    assert "Ergebnisse" in first and "Musterdorf bleibt lebendig." in first
    assert "Maßnahmen insgesamt" in first
    assert "Indikatoren grün – im Plan oder erreicht" in first
    assert "Maßnahmen, die fortgeführt werden" in first
    assert "Maßnahmen im Einzelnen" not in first  # details start on a new page
    rest = " ".join(pages[1:])
    for text in (
        "Maßnahmen im Einzelnen",
        "Dorfladen",
        "Kundinnen pro Woche",
        "Ehrenamt trägt",
        "Genossenschaft eG",
        "So wird die Ampel bestimmt",
    ):
        assert text in rest
    for number, text in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in text


def test_pdf_and_xlsx_downloads(municipality, plan_data, member, client_for):
    client = client_for(member)
    pdf = client.get(
        reverse("plans:report_pdf", args=[municipality.slug]), {"stichtag": "2026-01-01"}
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Type"] == "application/pdf"
    assert "werkstattplan-musterdorf.pdf" in pdf["Content-Disposition"]
    xlsx = client.get(
        reverse("plans:report_xlsx", args=[municipality.slug]), {"stichtag": "2026-01-01"}
    )
    assert xlsx.status_code == 200 and xlsx["Content-Type"] == reports.XLSX_TYPE
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.sheetnames == [
        "Übersicht", "Maßnahmen", "Meilensteine", "Indikatoren", "Projektionsprüfung",
        "Erfahrungen", "Verstetigung",
    ]  # fmt: skip
    overview = {row[0]: row[1] for row in wb["Übersicht"].iter_rows(values_only=True)}
    assert overview["Stichtag der Zwischenbilanz"] == "01.01.2026"
    assert overview["Budget geplant (Euro)"] == 10000
    assert overview["Budget ausgegeben (Euro)"] == 2500
    assert overview["Maßnahmen, die fortgeführt werden"] == 1
    indicators = list(wb["Indikatoren"].iter_rows(values_only=True))
    # Half-way on 1.1.2026 the line expects 150 (0 → 300 over two years); measured 150.
    assert indicators[1][1] == "Kundinnen pro Woche"
    assert indicators[1][7] == 150 and indicators[1][10] == pytest.approx(150, abs=0.5)
    assert indicators[1][12] == "grün – im Plan oder erreicht"
    measures = {row[0]: row for row in wb["Maßnahmen"].iter_rows(min_row=2, values_only=True)}
    assert measures["Dorfladen"][7:9] == (0, 1)  # milestones met / due


def test_xlsx_stores_formula_like_text_as_text(municipality, plan_data):
    wb = load_workbook(io.BytesIO(reports.xlsx(reports.build(municipality, plan_data, ON))))
    cell = next(
        c for row in wb["Maßnahmen"].iter_rows() for c in row if "HYPERLINK" in str(c.value)
    )
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")  # shown as typed, never run


def test_reports_without_plan_are_still_valid(municipality, member, client_for):
    client = client_for(member)
    assert client.get(reverse("plans:report_pdf", args=[municipality.slug])).status_code == 200
    xlsx = client.get(reverse("plans:report_xlsx", args=[municipality.slug]))
    assert load_workbook(io.BytesIO(xlsx.content))["Übersicht"]["B4"].value == "keiner"


def test_plan_and_review_pages_link_the_reports(municipality, plan_data, member, client_for):
    client = client_for(member)
    pdf_url = reverse("plans:report_pdf", args=[municipality.slug])
    xlsx_url = reverse("plans:report_xlsx", args=[municipality.slug])
    for page in ("plans:plan", "review:review"):
        html = client.get(reverse(page, args=[municipality.slug])).content.decode()
        assert pdf_url in html and xlsx_url in html


def test_outsiders_get_no_report(municipality, plan_data, other_member, client_for):
    client = client_for(other_member)
    for name in ("plans:report_pdf", "plans:report_xlsx"):
        assert client.get(reverse(name, args=[municipality.slug])).status_code == 404


# Hyphen, quotes, backslash, an umlaut and what would end the <style> element.
ODD_NAME = 'Garmisch-Partenkirchen „Süd“ "Alt" \\ </style> <b>'


def test_pdf_page_header_prints_the_kommune_name_exactly(municipality, plan_data):
    municipality.name = ODD_NAME
    municipality.save()
    pages = pdf_pages(reports.build(municipality, plan_data, ON))
    for text in pages:
        assert f"Werkstattplan {ODD_NAME}" in text  # the running header of every page
    assert "u002D" not in " ".join(pages)  # what escapejs printed
