"""The office map: projection, SVG, filters, accessibility, and coordinates from the real
Gemeindeverzeichnis."""

import math
import os
import xml.etree.ElementTree as ET
from decimal import Decimal
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from django.urls import reverse

from demography.readers import read_table
from demography.readers.gv import read_gv_csv
from tests.factories import MunicipalityFactory
from zwk.demo.extensions import coordinates as demo_coordinates
from zwk.municipalities import services as municipality_services
from zwk.municipalities.models import Municipality, Theme
from zwk.office import map as office_map
from zwk.office import map_views
from zwk.profiles.services import statistics_import

GV = "destatis_gv_gemeinden_31122023_derived.csv"
SVG = "{http://www.w3.org/2000/svg}"
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def gv_file():
    """The real Gemeindeverzeichnis (derived CSV) from ../shared/data."""
    path = Path(os.environ.get("ZWK_SHARED_DATA") or REPO.parent / "shared" / "data") / GV
    if not path.exists():
        pytest.skip(f"Gemeindeverzeichnis not found at {path} (set ZWK_SHARED_DATA)")
    return path


@pytest.fixture
def gv_schleswig_holstein(gv_file, tmp_path):
    """The real file cut to Schleswig-Holstein (fast to import); the name keeps the date."""
    lines = gv_file.read_text(encoding="utf-8").splitlines()
    rows = [ln for ln in lines[1:] if ln.split(";")[2].startswith("01")]
    path = tmp_path / "gv_gemeinden_31122023_sh.csv"
    path.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    return path


def _points(html: str) -> list[ET.Element]:
    start = html.index('<svg id="zwk-map"')
    svg = ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])
    return svg.findall(f".//{SVG}a")


# --- projection (hand calculations) ---------------------------------------------------


def test_projection_matches_hand_calculation():
    # cos 51.15° = 0.62728…; Flensburg 9.43751 E 54.78252 N:
    # x = (9.43751 − 5.8) · 100 · 0.62728 = 228.18, y = (55.1 − 54.78252) · 100 = 31.748
    x, y = office_map.project(9.43751, 54.78252)
    assert x == pytest.approx(228.18, abs=0.01)
    assert y == pytest.approx(31.748, abs=0.001)
    # the bounding box's corners are the view box's corners
    assert office_map.project(5.8, 55.1) == (0.0, 0.0)
    assert office_map.project(15.1, 47.2) == pytest.approx((583.37, 790.0), abs=0.01)
    width = office_map.WIDTH
    assert width == pytest.approx(9.3 * 100 * math.cos(math.radians(51.15)))
    # north is up, east is right: Munich lies south-east of Flensburg
    mx, my = office_map.project(11.576, 48.137)
    assert mx > x and my > y
    assert office_map.unproject(*office_map.project(13.4, 52.52)) == pytest.approx((13.4, 52.52))


def test_outline_is_germany_within_the_bounding_box():
    rings = office_map.outline_rings()
    lons = [p[0] for r in rings for p in r]
    lats = [p[1] for r in rings for p in r]
    # Germany's extreme points: 5.87 E (Isenbruch), 15.04 E (Neißeaue), 47.27 N, 55.06 N
    assert min(lons) == pytest.approx(5.87, abs=0.05)
    assert max(lons) == pytest.approx(15.04, abs=0.05)
    assert min(lats) == pytest.approx(47.27, abs=0.05)
    assert max(lats) == pytest.approx(55.06, abs=0.05)
    assert office_map.OUTLINE_FILE.stat().st_size < 20_000


def test_every_point_is_a_titled_link_and_escaped():
    points = [
        office_map.MapPoint(9.43751, 54.78252, "Flensburg <b> & Co", "/kommunen/fl/", 2),
        office_map.MapPoint(11.576, 48.137, "München", "/kommunen/m/", 6),
        office_map.MapPoint(2.35, 48.85, "Paris", "/kommunen/p/", 1),  # outside: left out
    ]
    svg = office_map.render_svg(points, title="Karte", description="Test")
    root = ET.fromstring(svg)
    links = root.findall(f".//{SVG}a")
    assert [a.find(f"{SVG}title").text for a in links] == ["Flensburg <b> & Co", "München"]
    assert [a.get("href") for a in links] == ["/kommunen/fl/", "/kommunen/m/"]
    assert "<b>" not in svg  # escaped
    uses = [a.find(f"{SVG}use") for a in links]
    assert uses[0].get("href") == "#zwk-map-m2" and uses[1].get("href") == "#zwk-map-m6"
    assert (float(uses[0].get("x")), float(uses[0].get("y"))) == (228.2, 31.7)
    assert "style=" not in svg


# --- the page ---------------------------------------------------------------------------


@pytest.fixture
def located(db):
    flensburg = MunicipalityFactory(
        name="Flensburg",
        slug="flensburg",
        kind="stadt",
        land="01",
        ags="01001000",
        latitude=Decimal("54.78252"),
        longitude=Decimal("9.43751"),
    )
    passau = MunicipalityFactory(
        name="Passau",
        slug="passau",
        kind="stadt",
        land="09",
        ags="09262000",
        latitude=Decimal("48.5667"),
        longitude=Decimal("13.4319"),
    )
    dorf = MunicipalityFactory(
        name="Kleindorf",
        slug="kleindorf",
        kind="gemeinde",
        land="09",
        ags="09275123",
        latitude=Decimal("48.8"),
        longitude=Decimal("13.5"),
    )
    return flensburg, passau, dorf


def test_map_shows_every_kommune_as_link_with_title_and_table(
    client_for, office_user, located, coordinator
):
    flensburg, passau, dorf = located
    municipality_services.step_update(
        step=passau.steps.get(kind="kickoff"),
        by=office_user,
        data={"status": "done", "confirm_incomplete": True},
    )
    municipality_services.step_update(
        step=passau.steps.get(kind="profile"), by=office_user, data={"status": "in_progress"}
    )
    for step in dorf.steps.all():
        municipality_services.step_update(
            step=step, by=office_user, data={"status": "done", "confirm_incomplete": True}
        )
    response = client_for(office_user).get(reverse("office:map"))
    assert response.status_code == 200
    html = response.content.decode()
    links = {a.get("href"): a.find(f"{SVG}title").text for a in _points(html)}
    assert links[flensburg.get_absolute_url()].startswith(
        "Flensburg (Stadt, Schleswig-Holstein): Schritt 1: Kick-off"
    )
    assert "Schritt 2: Kommunalprofil (in Arbeit)" in links[passau.get_absolute_url()]
    assert links[dorf.get_absolute_url()].endswith("alle Schritte abgeschlossen")
    shapes = {a.get("href"): a.find(f"{SVG}use").get("href") for a in _points(html)}
    assert shapes[flensburg.get_absolute_url()] == "#zwk-map-m1"
    assert shapes[passau.get_absolute_url()] == "#zwk-map-m2"
    assert shapes[dorf.get_absolute_url()] == "#zwk-map-m6"
    # the Kommune without coordinates (the coordinator's fixture Kommune) is named with a
    # link to enter them, and every Kommune is in the table
    assert reverse("municipalities:edit", kwargs={"slug": "musterdorf"}) in html
    assert "Musterdorf: Koordinaten eintragen" in html
    table = html[html.index('<details class="map-table">') :]
    for name in ("Flensburg", "Passau", "Kleindorf", "Musterdorf"):
        assert name in table
    assert "map.css" in html and "style=" not in html[html.index('<svg id="zwk-map"') :]


def test_filters_by_land_kind_and_theme(client_for, office_user, located):
    _flensburg, passau, dorf = located
    theme = Theme.objects.filter(municipality__isnull=True).first()
    dorf.themes.add(theme)
    client = client_for(office_user)

    def shown(**params):
        html = client.get(reverse("office:map"), params).content.decode()
        return {a.get("href") for a in _points(html)}

    assert shown(land="09") == {passau.get_absolute_url(), dorf.get_absolute_url()}
    assert shown(land="09", art="stadt") == {passau.get_absolute_url()}
    assert shown(handlungsfeld=theme.pk) == {dorf.get_absolute_url()}
    assert shown(art="landkreis") == set()


def test_filter_by_demografietyp(client_for, office_user, located, monkeypatch):
    flensburg, _passau, dorf = located
    fake = SimpleNamespace(
        typology=SimpleNamespace(
            codes=("01001000", "09262000", "09275123"),
            labels=np.array([0, 1, 0]),
            types=(SimpleNamespace(name="Alternd, ländlich"), SimpleNamespace(name="Jung")),
        )
    )
    monkeypatch.setattr(map_views.analysis, "typology_data", lambda: fake)
    html = (
        client_for(office_user)
        .get(reverse("office:map"), {"demografietyp": "Alternd, ländlich"})
        .content.decode()
    )
    assert {a.get("href") for a in _points(html)} == {
        flensburg.get_absolute_url(),
        dorf.get_absolute_url(),
    }
    assert "<td>Alternd, ländlich</td>" in html


def test_bad_filter_values_are_refused_with_a_message_not_a_500(client_for, office_user, located):
    response = client_for(office_user).get(
        reverse("office:map"), {"land": "99", "handlungsfeld": "x", "demografietyp": "<script>"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert len(_points(html)) == 3  # unfiltered
    assert "<script>" not in html.split("</head>", 1)[1].replace("<script src", "")


def test_coordinator_and_anonymous_do_not_see_the_map(client_for, coordinator):
    assert client_for(coordinator).get(reverse("office:map")).status_code == 403
    response = client_for(None).get(reverse("office:map"))
    assert response.status_code == 302 and "/anmelden/" in response["Location"]


# --- coordinates ------------------------------------------------------------------------


@pytest.mark.parametrize("xlsx", [False, True], ids=["derived-csv", "gv-isys-xlsx"])
def test_reader_keeps_the_real_gemeindeverzeichnis_coordinates(gv_file, xlsx):
    if xlsx:
        table = read_table(gv_file.with_name("destatis_gv-isys_auszug_gv_31122023.xlsx"))
    else:
        table = read_gv_csv(gv_file.read_text(encoding="utf-8"), gv_file.name)
    points = table.attributes["coordinates"]
    assert points["01001000"] == (9.43751, 54.78252)  # Flensburg
    assert len(points) > 10_000


def test_import_fills_coordinates_by_ags_centroid_and_parent_city(
    db, gv_schleswig_holstein, office_user
):
    flensburg = MunicipalityFactory(
        name="Flensburg", slug="fl", kind="stadt", land="01", ags="01001000"
    )
    kreis = MunicipalityFactory(
        name="Kreis Dithmarschen", slug="dith", kind="landkreis", land="01", ags="01051"
    )
    quartier = MunicipalityFactory(
        name="Kiel – Gaarden",
        slug="gaarden",
        kind="quartier",
        land="01",
        ags="01002000",
        local_name="Gaarden",
    )
    own = MunicipalityFactory(
        name="Lübeck",
        slug="hl",
        kind="stadt",
        land="01",
        ags="01003000",
        latitude=Decimal("53.9"),
        longitude=Decimal("10.7"),
    )
    assert flensburg.latitude is None
    statistics_import(path=gv_schleswig_holstein, by=office_user)
    for m in (flensburg, kreis, quartier, own):
        m.refresh_from_db()
    assert (flensburg.longitude, flensburg.latitude) == (Decimal("9.43751"), Decimal("54.78252"))
    assert (quartier.longitude, quartier.latitude) == (Decimal("10.13727"), Decimal("54.321775"))
    # the Landkreis: mean of its Gemeinden's points, computed here from the file itself
    rows = [
        ln.split(";")
        for ln in gv_schleswig_holstein.read_text(encoding="utf-8").splitlines()[1:]
        if ln.split(";")[2].startswith("01051")
    ]
    lon = sum(float(r[16].replace(",", ".")) for r in rows) / len(rows)
    lat = sum(float(r[17].replace(",", ".")) for r in rows) / len(rows)
    assert float(kreis.longitude) == pytest.approx(lon, abs=1e-6)
    assert float(kreis.latitude) == pytest.approx(lat, abs=1e-6)
    # what the office entered stays
    assert (own.longitude, own.latitude) == (Decimal("10.7"), Decimal("53.9"))
    # a Kommune created after the import takes its point at once
    kiel = MunicipalityFactory(name="Kiel", slug="kiel", kind="stadt", land="01", ags="01002000")
    assert (kiel.longitude, kiel.latitude) == (Decimal("10.137270"), Decimal("54.321775"))


def test_office_enters_coordinates_and_gets_german_errors_outside_germany(
    client_for, office_user, municipality
):
    url = reverse("municipalities:edit", kwargs={"slug": municipality.slug})
    data = {
        "name": municipality.name,
        "kind": municipality.kind,
        "land": municipality.land,
        "ags": municipality.ags,
    }
    client = client_for(office_user)
    html = client.post(url, {**data, "latitude": "48.85", "longitude": "2.35"}).content.decode()
    assert "Der Längengrad liegt westlich von Deutschland" in html
    html = client.post(url, {**data, "latitude": "49.5"}).content.decode()
    assert "Bitte geben Sie Breiten- und Längengrad an" in html
    municipality.refresh_from_db()
    assert municipality.latitude is None
    response = client.post(url, {**data, "latitude": "49.45", "longitude": "11.08"})
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert (municipality.latitude, municipality.longitude) == (Decimal("49.45"), Decimal("11.08"))


def test_demo_kommunen_get_plausible_points(db):
    m = MunicipalityFactory(
        name="Musterstadt", slug="musterstadt", kind="stadt", land="06", ags="06435999"
    )
    out = StringIO()
    demo_coordinates.build(municipalities={"musterstadt": m}, users={}, stdout=out)
    m.refresh_from_db()
    assert 50 < m.latitude < 50.5 and 8.8 < m.longitude < 9.5  # Main-Kinzig-Kreis
    assert Municipality.objects.filter(latitude__isnull=False).count() == 1
