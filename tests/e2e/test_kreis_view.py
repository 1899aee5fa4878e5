"""Browser test of the Landkreis page /kommunen/<slug>/profil/gemeinden/ with the demo's
Landkreis Musterland: its (fictional, AGS 12099…) Gemeinden are added to the demo data here,
then the table sorts, the map's points and labels lie inside the drawing area without
overlapping (measured by the browser), every point is reachable by keyboard and leads to its
row, and axe-core finds nothing."""

import re

import numpy as np
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, follow, login

pytestmark = pytest.mark.e2e

NAMES = (
    "Lindenfelde", "Musterau", "Birkenwerder am See", "Kleinmusterow", "Eichhorst",
    "Neu Wendisch", "Sandberg", "Wiesenau", "Altlandsberg-Süd", "Fichtenwalde",
    "Rohrbeck", "Waldesruh", "Großmusterbach", "Heidekrug",
)  # fmt: skip


def _musterland_gemeinden() -> None:
    from zwk.profiles.models import PopulationStock, Region, StatisticsRelease

    release = StatisticsRelease.objects.create(
        table_code="Demodaten",
        file_name="gemeinden-musterland",
        sha256="e2e-musterland-gemeinden",
        summary={"official": False, "notes": ["Erfundene Gemeinden"]},
    )
    rng = np.random.default_rng(7)
    ages = np.arange(101, dtype=float)
    stocks = []
    for i, name in enumerate(NAMES):
        region = Region.objects.create(
            code=f"12099{i + 1:03d}",
            name=name,
            level="gemeinde",
            longitude=13.84 + rng.uniform(-0.35, 0.35),
            latitude=52.36 + rng.uniform(-0.22, 0.22),
        )
        size = float(rng.choice([900, 2500, 6000, 14000, 30000]))
        shape = np.exp(-((np.maximum(ages - 60, 0) / 22) ** 3)) * np.exp(
            rng.uniform(-0.01, 0.012) * (ages - 45)
        )
        for year, factor in ((2015, 1.0), (2021, rng.uniform(0.93, 1.06))):
            both = np.round(size * factor * shape / shape.sum())
            for sex, part in (("male", 0.49), ("female", 0.51)):
                counts = np.round(both * part)
                stocks.append(
                    PopulationStock(
                        region=region, year=year, sex=sex, total=float(counts.sum()),
                        ages=counts.tolist(), release=release,
                    )
                )  # fmt: skip
            stocks.append(
                PopulationStock(
                    region=region, year=year, sex="total", total=float(both.sum()), release=release
                )
            )
    PopulationStock.objects.bulk_create(stocks)


BOXES = """(svg) => {
  const vb = svg.viewBox.baseVal;
  const box = (e) => { const b = e.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
  return {
    width: vb.width, height: vb.height,
    points: [...svg.querySelectorAll("a.kreis-point circle")].map(box),
    labels: [...svg.querySelectorAll(".kreis-labels text")].map(box),
  };
}"""


def _inside(b, w, h):
    return b[0] >= 0 and b[1] >= 0 and b[2] <= w and b[3] <= h


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_kreis_page_table_map_keyboard_and_axe(page, base_url, demo):
    _musterland_gemeinden()
    login(page, base_url, "team-landkreis-musterland", check=False)
    page.goto(f"{base_url}/kommunen/landkreis-musterland/profil/gemeinden/")
    table = page.get_by_role("table", name=re.compile("Gemeinden im Vergleich"))
    expect(table.locator("tbody tr")).to_have_count(len(NAMES))
    svg = page.get_by_role("group", name="Gemeinden im Landkreis Musterland")
    expect(svg.locator("a.kreis-point")).to_have_count(len(NAMES))
    assert_no_axe_violations(page)

    # pixel check by the browser's own text metrics: points and labels inside, no overlaps
    geo = page.locator("svg.kreis-map").evaluate(BOXES)
    w, h = geo["width"], geo["height"]
    assert all(_inside(b, w, h) for b in geo["points"])
    assert geo["labels"], "the largest Gemeinden are named on the map"
    for i, a in enumerate(geo["labels"]):
        assert _inside(a, w, h)
        assert not any(_overlap(a, b) for b in geo["labels"][i + 1 :])

    # sort by the share 65+ (a link in the header), then descending
    header = table.get_by_role("columnheader", name=re.compile("^Anteil ab 65"))
    follow(header.get_by_role("link"))
    expect(table.get_by_role("columnheader", name=re.compile("^Anteil ab 65"))).to_have_attribute(
        "aria-sort", "ascending"
    )
    follow(table.get_by_role("columnheader", name=re.compile("^Anteil ab 65")).get_by_role("link"))
    header = table.get_by_role("columnheader", name=re.compile("^Anteil ab 65"))
    expect(header).to_have_attribute("aria-sort", "descending")
    shares = [
        float(t.split("%")[0].replace(".", "").replace(",", "."))
        for t in table.locator("tbody tr td:nth-of-type(5)").all_inner_texts()
    ]
    assert shares == sorted(shares, reverse=True)
    assert_no_axe_violations(page)

    # keyboard: Tab reaches a point, Enter leads to the Gemeinde's row
    point = svg.locator("a.kreis-point").first
    point.focus()
    expect(point).to_be_focused()
    target = point.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(f"tr{target}")).to_be_visible()

    # the map's indicator is chosen in a form
    page.get_by_label("Farbe zeigt").select_option(label="Einwohner")
    follow(page.get_by_role("button", name="Karte anzeigen"))
    expect(page).to_have_url(re.compile(r"karte=einwohner"))
    expect(page.get_by_role("heading", name="Legende: Einwohner")).to_be_visible()
    assert_no_axe_violations(page)
