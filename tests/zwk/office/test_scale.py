"""Scale of the office pages (issue 19): the start page and the map keep a constant number
of queries however many Kommunen there are; the map shows counts per Land at low zoom (an
accessible table and links that drill down by keyboard) and the point table is paginated."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zwk.municipalities.models import Municipality, ProcessStep
from zwk.municipalities.process import STEPS
from zwk.office import map_views

MAP = reverse("office:map")
START = reverse("office:dashboard")
SVG = "{http://www.w3.org/2000/svg}"
# (Land, Kreis prefix, lon, lat) – a few real places; Kommunen are spread over them
PLACES = [
    ("01", "01001", 9.44, 54.78),
    ("09", "09262", 13.43, 48.57),
    ("09", "09275", 13.20, 48.70),
    ("05", "05315", 6.96, 50.94),
]


def _bulk(start: int, n: int) -> None:
    created = Municipality.objects.bulk_create(
        [
            Municipality(
                name=f"Gemeinde {i:04d}",
                slug=f"gemeinde-{i:04d}",
                kind="gemeinde",
                land=PLACES[i % len(PLACES)][0],
                ags=f"{PLACES[i % len(PLACES)][1]}{i:03d}"[:8],
                longitude=PLACES[i % len(PLACES)][2] + (i % 7) * 0.01,
                latitude=PLACES[i % len(PLACES)][3],
            )
            for i in range(start, start + n)
        ]
    )
    ProcessStep.objects.bulk_create(
        ProcessStep(
            municipality=m,
            kind=step.kind,
            status="done" if k < i % 6 else "in_progress" if k == i % 6 else "open",
        )
        for i, m in enumerate(created)
        for k, step in enumerate(STEPS)
    )


def _svg_links(html: str) -> list[ET.Element]:
    start = html.index('<svg id="zwk-map"')
    svg = ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])
    return svg.findall(f".//{SVG}a")


@pytest.mark.parametrize("cache_seconds", [0, 60])
@pytest.mark.parametrize(
    ("url", "params"),
    [
        (MAP, {}),
        (MAP, {"land": "09"}),
        (MAP, {"land": "09", "kreis": "09262"}),
        (MAP, {"runde": "ohne"}),
        (START, {}),
        (START, {"stillstand": "on", "sortierung": "aktivitaet"}),
        (START, {"seite": "2"}),
    ],
)
def test_query_count_is_the_same_for_40_and_400_kommunen(
    client_for, office_user, url, params, cache_seconds, settings, monkeypatch
):
    """With the cache off every figure is read from the database, with it on the first
    request after a change – both in as many queries for 400 Kommunen as for 40."""
    settings.OFFICE_CACHE_SECONDS = cache_seconds
    monkeypatch.setattr(map_views, "POINT_LIMIT", 10)  # both sizes at the same zoom level
    client = client_for(office_user)
    client.get(url, params)  # warm up (session, content types, typology cache)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    _bulk(0, 40)
    few = queries()
    _bulk(40, 360)
    assert queries() == few
    assert few <= 25


def test_cached_figures_follow_every_change(client_for, office_user, settings):
    """The start page's figures come from the cache until something changes: a new
    Kommune (signal) or a bulk insert (fingerprint) shows at once."""
    settings.OFFICE_CACHE_SECONDS = 60
    client = client_for(office_user)
    _bulk(0, 40)
    assert "40 Kommunen im Programm." in client.get(START).content.decode()
    with CaptureQueriesContext(connection) as ctx:
        client.get(START)
    # session, user, fingerprint: the whole page body comes from the cache
    assert len(ctx.captured_queries) == 3, [q["sql"][:80] for q in ctx.captured_queries]
    client.get(MAP)  # fills the map's cache
    with CaptureQueriesContext(connection) as ctx:
        assert "Kommunen gefunden" in client.get(MAP).content.decode()
    assert len(ctx.captured_queries) == 3, [q["sql"][:80] for q in ctx.captured_queries]
    _bulk(40, 2)
    assert "42 Kommunen im Programm." in client.get(START).content.decode()
    m = Municipality.objects.get(slug="gemeinde-0000")
    step = m.steps.get(kind=STEPS[0].kind)
    before = client.get(START).content.decode()
    step.status = ProcessStep.Status.DONE
    step.save()
    after = client.get(START).content.decode()
    assert before != after


def test_low_zoom_shows_counts_per_land_with_table_and_drill_down_links(client_for, office_user):
    _bulk(0, 500)  # more than POINT_LIMIT: no single points, counts from GROUP BY
    html = client_for(office_user).get(MAP, {"runde": "ohne"}).content.decode()
    links = _svg_links(html)
    assert len(links) == 3  # Schleswig-Holstein, Bayern, Nordrhein-Westfalen
    assert not re.search(r'class="map-point', html)
    titles = {a.find(f"{SVG}title").text for a in links}
    assert "Bayern: 250 Kommunen – Karte öffnen" in titles
    hrefs = {a.get("href") for a in links}
    # drill-down links keep the other filters (here the Förderrunde)
    assert f"{MAP}?runde=ohne&land=09" in hrefs
    table = html[html.index('id="gebiete-tabelle"') :]
    table = table[: table.index("</table>")]
    assert 'scope="col">Land</th>' in table and 'scope="col">Stillstand</th>' in table
    assert re.search(
        r'<th class="kern-table__header" scope="row"><a href="[^"]*land=09">Bayern</a>', table
    )
    assert '<td class="kern-table__cell kern-table__cell--numeric">250</td>' in table
    assert "Kommunen je Land" in html
    assert len(html.encode()) < 300 * 1024


def test_land_shows_its_kreise_and_a_kreis_its_points_paginated(
    client_for, office_user, monkeypatch
):
    monkeypatch.setattr(map_views, "POINT_LIMIT", 100)
    _bulk(0, 500)
    client = client_for(office_user)
    html = client.get(MAP, {"land": "09"}).content.decode()
    titles = {a.find(f"{SVG}title").text for a in _svg_links(html)}
    assert titles == {
        "Kreis 09262 (u. a. Gemeinde 0001): 125 Kommunen – Karte öffnen",
        "Kreis 09275 (u. a. Gemeinde 0002): 125 Kommunen – Karte öffnen",
    }
    assert f"{MAP}?land=09&amp;kreis=09262" in html
    assert "Kommunen je Kreis in Bayern" in html

    html = client.get(MAP, {"land": "09", "kreis": "09262"}).content.decode()
    points = _svg_links(html)
    assert len(points) == 125  # the map shows every point of the Kreis
    assert "Seite 1 von 2" in html
    assert "?land=09&amp;kreis=09262&amp;seite=2" in html
    assert html.count('<tr><th scope="row">') == map_views.TABLE_PAGE_SIZE
    html = client.get(MAP, {"land": "09", "kreis": "09262", "seite": "2"}).content.decode()
    assert "Seite 2 von 2" in html and html.count('<tr><th scope="row">') == 25


def test_bad_kreis_is_a_german_message_not_a_500(client_for, office_user):
    response = client_for(office_user).get(MAP, {"kreis": "92<x"})
    assert response.status_code == 400
    assert "fünf Ziffern des Kreisschlüssels" in response.content.decode()


def test_only_the_office_sees_the_drill_down(client_for, coordinator):
    assert client_for(coordinator).get(MAP, {"land": "09", "kreis": "09262"}).status_code == 403


@pytest.mark.parametrize(
    "path",
    ["api:municipalities", "api:plans", "api:entries", "api:events"],
)
def test_api_lists_are_paginated_at_scale(db, client, path):
    """Every public list of the API answers in pages (50 by default, 200 at most), with the
    same number of queries for 40 and 400 Kommunen; bad paging input is no error."""
    url = reverse(path)

    def get(params=None):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params or {}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, response.content[:300]
        return response.json(), len(ctx.captured_queries)

    _bulk(0, 40)
    _data, few = get()
    _bulk(40, 360)
    data, many = get()
    assert many == few
    assert {"count", "next", "previous", "results"} <= set(data)
    if path == "api:municipalities":
        assert data["count"] == 400 and len(data["results"]) == 50 and data["next"]
        assert len(get({"limit": "100000"})[0]["results"]) == 200
    for bad in ({"limit": "abc"}, {"offset": "abc"}, {"offset": "99999999"}, {"limit": "-5"}):
        assert isinstance(get(bad)[0]["results"], list)


# --- Reports and the API with many Kommunen -------------------------------------------------


def _queries(client, url, params) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries), response


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("office:reports", {}),
        ("office:reports", {"von": "2025-07-01", "bis": "2026-12-31", "runde": "ohne"}),
        ("office:report_xlsx", {"von": "2024-01-01", "bis": "2026-12-31"}),
    ],
)
def test_funder_report_counts_in_the_database_for_50_and_500_kommunen(
    client_for, office_user, name, params
):
    """The report's queries do not grow with the Kommunen (nor with the years of the
    period), and its step figures add up to every Kommune."""
    client = client_for(office_user)
    client.get(reverse(name), params)  # warm up (session, content types)
    _bulk(0, 50)
    few, _response = _queries(client, reverse(name), params)
    _bulk(50, 450)
    many, response = _queries(client, reverse(name), params)
    assert many == few <= 40
    if name == "office:reports":
        html = response.content.decode()
        # _bulk: Kommune i has i % 6 steps done (5 = all done): residues 0 and 1 occur 84
        # times among 0..499, the others 83 times
        at_end = re.findall(r'scope="row">\d\. [^<]*</th><td class="num">(\d+)</td>', html)
        assert [int(n) for n in at_end[:5]] == [84, 84, 83, 83, 83]  # table (then chart)
        assert re.search(r'abgeschlossen</th><td class="num">83</td>', html)


def test_funder_report_figures_at_scale(db):
    """Kommunen per step at the end of the period, new Kommunen, per Land and per Art – all
    from GROUP BY – match a count by hand for 500 Kommunen."""
    from datetime import date

    from zwk.office import reports

    _bulk(0, 500)
    today = date.today()
    report = reports.build(reports.Period(date(today.year, 1, 1), date(today.year, 12, 31)))
    assert report.municipalities == report.municipalities_new == 500
    assert [r.at_end for r in report.steps] == [84, 84, 83, 83, 83]
    assert report.all_done == 83
    lands = {r.key: r.count for r in report.by_land}
    assert lands == {"01": 125, "09": 250, "05": 125}
    assert {r.key: r.count for r in report.by_kind}["gemeinde"] == 500


def test_round_report_is_paginated_with_totals_of_the_whole_round(client_for, office_user):
    from datetime import date
    from decimal import Decimal

    from zwk.consulting.models import DayBudget
    from zwk.registration.models import FundingRound, RoundMembership

    year = date.today().year
    funding_round = FundingRound.objects.create(
        name="Große Runde",
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
        places=1000,
        consulting_days=Decimal("2"),
    )

    def join(start, n):
        _bulk(start, n)
        members = Municipality.objects.filter(
            slug__in=[f"gemeinde-{i:04d}" for i in range(start, start + n)]
        )
        RoundMembership.objects.bulk_create(
            RoundMembership(funding_round=funding_round, municipality=m) for m in members
        )
        DayBudget.objects.bulk_create(
            DayBudget(municipality=m, year=year, days=Decimal("2")) for m in members
        )

    client = client_for(office_user)
    url = reverse("registration_office:round_report", kwargs={"pk": funding_round.pk})
    xlsx = reverse("registration_office:round_report_xlsx", kwargs={"pk": funding_round.pk})
    client.get(url)  # warm up (session, content types)
    join(0, 50)
    few = (_queries(client, url, {})[0], _queries(client, xlsx, {})[0])
    join(50, 450)
    many_page, response = _queries(client, url, {"seite": "2"})
    many_xlsx, download = _queries(client, xlsx, {})
    assert (many_page, many_xlsx) == few
    html = response.content.decode()
    assert f"500 Kommunen · Beratungstage {year}: 0 von 1000 genutzt" in html
    assert html.count('<th scope="row" class="kern-table__cell">') == 100
    assert "Seite 2 von 5" in html
    # _bulk: Kommune i has i % 6 steps done, at most 5
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 500
    assert {r[3] for r in rows} == {0, 1, 2, 3, 4, 5}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"land": "09"},
        {"q": "Gemeinde 00", "limit": "200"},
        {"format": "csv", "offset": "10"},
    ],
)
def test_api_kommunen_list_at_50_and_500_kommunen(db, client, params):
    """The public list of Kommunen: filters and CSV answer one page in the same number of
    queries for 50 and 500 Kommunen."""
    url = reverse("api:municipalities")
    _bulk(0, 50)
    client.get(url, params)  # warm up
    few, _response = _queries(client, url, params)
    _bulk(50, 450)
    many, response = _queries(client, url, params)
    assert many == few
    if params.get("format") == "csv":
        lines = response.content.decode().strip().splitlines()
        assert len(lines) == 51  # header + one page of 50
        assert lines[1].startswith("gemeinde-0010;")
    else:
        data = response.json()
        expected = {"": 500, "09": 250}.get(params.get("land", ""), 500)
        if "q" in params:
            expected = 100  # Gemeinde 0000 … 0099
        assert data["count"] == expected
        assert len(data["results"]) == min(expected, int(params.get("limit", 50)))
