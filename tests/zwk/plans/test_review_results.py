"""Zwischenbilanz and council report put the results first (issue 16.10): the traffic lights
and the measures by status as charts, each indicator's trend against its target as a chart,
every measure with its Handlungsfeld, the method after; the council PDF carries the charts;
numbers in German format and counts as whole numbers ("164 Fahrgäste", not "164,38")."""

from datetime import date

import pytest
from django.urls import reverse
from weasyprint.formatting_structure import boxes

from tests.zwk.plans.factories import make_goal, make_measure
from tests.zwk.profiles.test_chart_contrast import contrast
from tests.zwk.profiles.test_chart_layout import _assert_text_apart_and_inside
from zwk.municipalities.models import Theme
from zwk.plans import reports, services
from zwk.plans.review import charts as review_charts
from zwk.plans.review import selectors as review_selectors

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 1)


@pytest.fixture
def plan(municipality, coordinator):
    by = coordinator
    mobility = Theme.objects.create(name="Mobilität", slug="mobilitaet-test")
    make_measure(municipality, by, "Bürgerbus", status="running", theme=mobility)
    make_measure(municipality, by, "Dorfladen", status="planned")
    goal = make_goal(municipality, by, "Mobil ohne Auto")
    bus = services.indicator_create(
        goal=goal,
        by=by,
        data={
            "kind": "own",
            "name": "Fahrgäste im Bürgerbus pro Monat",
            "unit": "Fahrgäste",
            "baseline": 120,
            "baseline_date": date(2024, 1, 1),
            "target": 180,
            "due": date(2027, 1, 1),
        },
    )
    for day, value in ((date(2024, 11, 1), 131), (date(2025, 12, 1), 150)):
        services.measurement_add(indicator=bus, by=by, measured_on=day, value=value)
    share = services.indicator_create(
        goal=goal,
        by=by,
        data={
            "kind": "own",
            "name": "Anteil der Haushalte mit Bürgerbus-Halt",
            "unit": "%",
            "baseline": 40.5,
            "baseline_date": date(2024, 1, 1),
            "target": 60,
            "due": date(2028, 1, 1),
        },
    )
    services.measurement_add(indicator=share, by=by, measured_on=date(2025, 6, 1), value=41.25)
    return services.plan_for(municipality)


def test_counts_are_whole_numbers_and_rates_keep_their_decimals(plan):
    review = review_selectors.review(plan, ON)
    bus, share = sorted(review.indicators, key=lambda r: r.indicator.unit)[::-1]
    assert bus.indicator.unit == "Fahrgäste" and bus.digits == 0
    # 120 → 180 over three years: the line expects 120 + 60 × 790/1096 = 163,25 on 1.3.2026
    assert bus.assessment.expected == pytest.approx(163.25, abs=0.01)
    assert review_charts.figure(bus.assessment.expected, bus.digits) == "163"
    assert share.digits == 2 and review_charts.figure(41.25, share.digits) == "41,25"
    assert review_charts.figure(12345.5, 1) == "12.345,5"


def test_review_page_shows_results_first_and_the_method_last(plan, member, client_for):
    url = reverse("review:review", args=[plan.municipality.slug])
    html = client_for(member).get(url, {"stichtag": ON.isoformat()}).content.decode()
    order = [
        html.index('id="ergebnisse"'),
        html.index('id="diagramm-ampel"'),
        html.index('id="diagramm-massnahmen-status"'),
        html.index('id="indikatoren"'),
        html.index('id="verlauf"'),
        html.index('id="massnahmen"'),
        html.index('id="regel"'),
    ]
    assert order == sorted(order)
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 4  # ampel, status, 2 trends
    assert "163,25" not in html and ">163<" in html.replace(" ", "")
    assert "41,25" in html


def test_every_measure_shows_its_handlungsfeld(plan, member, client_for):
    url = reverse("review:review", args=[plan.municipality.slug])
    html = client_for(member).get(url).content.decode()
    rows = html[html.index('id="massnahmen"') :]
    assert "Mobilität" in rows[: rows.index("Dorfladen") + 400]
    assert "keinem Handlungsfeld zugeordnet" in rows


def test_review_charts_are_readable(plan):
    charts = review_charts.review_charts(review_selectors.review(plan, ON))
    assert charts.lights.rows and all(isinstance(v, int) for _l, v in charts.lights.rows)
    assert sum(v for _l, v in charts.statuses.rows) == 2
    assert len(charts.indicators) == 2
    bus = next(c for c in charts.indicators if "Fahrgäste" in c.title)
    assert bus.headers[1:] == [
        "gemessen (letzter Wert im Jahr)",
        "Zielpfad: Ausgangswert bis Zielwert",
    ]
    years = [row[0] for row in bus.rows]
    assert years[0] == 2024 and years[-1] == 2027
    assert all(v is None or isinstance(v, int) for row in bus.rows for v in row[1:])
    for chart in (charts.lights, charts.statuses, *charts.indicators):
        _assert_text_apart_and_inside(chart)
    for colour in review_charts.LIGHT_COLOURS.values():
        assert contrast(colour) >= 3


def _replaced(box):
    if isinstance(box, boxes.ReplacedBox):
        yield box
    for child in getattr(box, "children", None) or []:
        yield from _replaced(child)


def _texts(box):
    if isinstance(box, boxes.TextBox):
        yield box.text
    for child in getattr(box, "children", None) or []:
        yield from _texts(child)


def test_council_pdf_carries_the_charts_and_every_handlungsfeld(plan):
    document = reports.document(reports.build(plan.municipality, plan, ON))
    first = document.pages[0]._page_box
    assert len(list(_replaced(first))) >= 2  # traffic lights and measures by status as SVG
    first_text = " ".join(_texts(first))
    assert "Ergebnisse" in first_text and "Ampel der Indikatoren" in first_text
    all_boxes = [b for page in document.pages for b in _replaced(page._page_box)]
    assert len(all_boxes) >= 4  # and both indicator trends
    text = " ".join(" ".join(_texts(p._page_box)) for p in document.pages)
    assert "Handlungsfeld: Mobilität" in text
    assert "Handlungsfeld: keinem Handlungsfeld zugeordnet" in text
    assert "163,25" not in text
    assert text.index("Ergebnisse") < text.index("So wird die Ampel bestimmt")
