"""The Gemeinden of a Landkreis side by side: /kommunen/<slug>/profil/gemeinden/.

Real data: the rows of Landkreis Saarlouis (10044, 13 Gemeinden) cut from the Gemeinde
tables and the Gemeindeverzeichnis in ../shared/data, imported like the office would. Every
expected figure is computed here from the file's text with the csv module – independently of
the readers and the engine.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, UserFactory, assign, membership
from zwk.municipalities.models import Membership
from zwk.profiles import kreis
from zwk.profiles.services import statistics_import

KREIS = "10044"
FOLDER = "gemeinden_2008-2015"
POP = f"{FOLDER}/regio_12411-01-01-5-B_gemeinden_bevoelkerung_geschlecht_2008-2015.csv"
AGES = f"{FOLDER}/regio_12411-02-03-5-B_gemeinden_17altersgruppen_geschlecht_2015.csv"
BIRTHS = f"{FOLDER}/regio_12612-01-01-5-B_gemeinden_lebendgeborene_2008-2015.csv"
DEATHS = f"{FOLDER}/regio_12613-01-01-5-B_gemeinden_gestorbene_2008-2015.csv"
GV = "destatis_gv_gemeinden_31122023_derived.csv"


def _cut(src: Path, dest: Path, prefix: str) -> Path:
    """Header, the data rows of one Kreis, footer – the real file cut to a few Gemeinden."""
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if re.match(r"^(DG|\d{2,});[^;]+;", line))
    end = next(i for i, line in enumerate(lines) if line.startswith("__________"))
    # the region code is the first field, or the second after the year (12613 deaths)
    body = [ln for ln in lines[first:end] if any(f.startswith(prefix) for f in ln.split(";")[:2])]
    dest.write_text("".join(lines[:first] + body + lines[end:]), encoding="utf-8")
    return dest


def _cut_gv(src: Path, dest: Path, prefix: str) -> Path:
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    body = [ln for ln in lines[1:] if ln.split(";")[2].startswith(prefix)]
    dest.write_text("".join([lines[0], *body]), encoding="utf-8")
    return dest


def _rows(path: Path, prefix: str) -> dict[str, list[str]]:
    out = {}
    for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";"):
        if row and row[0].startswith(prefix) and len(row[0]) == 8:
            out[row[0]] = row
    return out


@pytest.fixture
def saarlouis_files(shared_data, tmp_path):
    return {
        "pop": _cut(shared_data / POP, tmp_path / "pop_10044.csv", KREIS),
        "ages": _cut(shared_data / AGES, tmp_path / "ages_10044.csv", KREIS),
        "births": _cut(shared_data / BIRTHS, tmp_path / "births_10044.csv", KREIS),
        "deaths": _cut(shared_data / DEATHS, tmp_path / "deaths_10044.csv", KREIS),
        "gv": _cut_gv(shared_data / GV, tmp_path / "gv_gemeinden_31122023_10044.csv", KREIS),
    }


@pytest.fixture
def landkreis(db):
    return MunicipalityFactory(
        name="Landkreis Saarlouis", slug="lk-saarlouis", kind="landkreis", land="10", ags=KREIS
    )


@pytest.fixture
def people(landkreis):
    coordinator, member = UserFactory(username="k-koord"), UserFactory(username="k-team")
    membership(coordinator, landkreis, Membership.Role.COORDINATOR)
    membership(member, landkreis)
    consultant = UserFactory(username="k-beratung", is_consultant=True)
    assign(consultant, landkreis)
    other = MunicipalityFactory(name="Anderswo", slug="anderswo", ags="10045999")
    outsider = UserFactory(username="k-fremd")
    membership(outsider, other, Membership.Role.COORDINATOR)
    return {
        "coordinator": coordinator,
        "member": member,
        "consultant": consultant,
        "office": UserFactory(username="k-office", is_office=True),
        "outsider": outsider,
        "unassigned": UserFactory(username="k-beratung2", is_consultant=True),
        "other": other,
    }


def _url(name="profiles:kreis_gemeinden", slug="lk-saarlouis"):
    return reverse(name, kwargs={"slug": slug})


def _table_rows(html: str) -> list[tuple[str, list[str]]]:
    """(AGS, cell texts) of the Gemeinden table in page order."""
    body = html.split('<table class="kern-table kreis-table">', 1)[1].split("</table>", 1)[0]
    rows = []
    for m in re.finditer(r'<tr id="g-(\d{8})"[^>]*>(.*?)</tr>', body, re.S):
        cells = re.findall(r'<td class="[^"]*\bnum">(.*?)</td>', m.group(2), re.S)
        rows.append((m.group(1), [re.sub(r"<[^>]+>", "|", c) for c in cells]))
    return rows


def _num(text: str) -> float:
    first = text.split("|")[0].replace("%", "").replace("−", "-").replace("+", "")
    return float(first.replace(".", "").replace(",", ".").strip())


def test_table_lists_every_gemeinde_with_figures_from_the_file(
    saarlouis_files, landkreis, people, client_for
):
    statistics_import(path=saarlouis_files["pop"])
    statistics_import(path=saarlouis_files["ages"])
    pop = _rows(saarlouis_files["pop"], KREIS)
    ages = _rows(saarlouis_files["ages"], KREIS)
    response = client_for(people["member"]).get(_url())
    assert response.status_code == 200
    html = response.content.decode()
    rows = dict(_table_rows(html))
    assert set(rows) == set(pop) and len(rows) == 13
    for ags, cells in rows.items():
        p2015, p2011 = int(pop[ags][2]), int(pop[ags][14])
        groups = [int(v) for v in ages[ags][2:19]]  # 17 groups, both sexes
        total = sum(groups)
        assert total == p2015
        assert _num(cells[0]) == p2015
        assert _num(cells[1]) == pytest.approx(round(100 * (p2015 / p2011 - 1), 1), abs=0.051)
        under_18 = 100 * sum(groups[:5]) / total  # unter 3 … 15–18
        over_65 = 100 * sum(groups[15:17]) / total  # 65–75, 75+
        assert _num(cells[3]) == pytest.approx(round(under_18, 1), abs=0.051)
        assert _num(cells[4]) == pytest.approx(round(over_65, 1), abs=0.051)
    # Stichtag and basis in the header; the change starts at the first year of the same basis
    assert "31.12.2015, Bevölkerung auf Basis des Zensus 2011" in html or "31.12.2015, " in html
    assert "seit 31.12.2011 (gleiche Basis)" in html
    assert "Schätzung:</strong>" not in html  # official ages of 2015: nothing estimated


def _trend_table(html: str) -> dict[int, float]:
    """Year → "Vorausberechnung" of the data table of a profile's chart "Bevölkerung und
    Vorausberechnung", as the page shows it (whole persons, German number format)."""
    figure = html.split('id="diagramm-trend"', 1)[1].split("</figure>", 1)[0]
    headers = re.findall(r'<th scope="col">(.*?)</th>', figure)
    column = headers.index("Vorausberechnung") - 1
    out = {}
    for m in re.finditer(r'<tr><th scope="row">(\d{4})</th>(.*?)</tr>', figure, re.S):
        cells = re.findall(r'<td class="num">(.*?)</td>', m.group(2), re.S)
        if cells[column].strip() not in ("", "–"):  # observed years: no projection
            out[int(m.group(1))] = _num(cells[column])
    return out


@pytest.mark.parametrize("current", [False, True], ids=["ages-2015", "estimate-2023"])
def test_projected_change_is_the_one_on_the_gemeindes_own_profile(
    saarlouis_files, landkreis, people, client_for, current
):
    """A user reads a Gemeinde's projected change in the Kreis table, opens the Gemeinde's
    Kommunalprofil and finds the same change there (projection from the official history,
    with births and deaths; from the 2015 ages, and from the 2023 estimate after the GV)."""
    for name in ("pop", "ages", "births", "deaths", *(("gv",) if current else ())):
        statistics_import(path=saarlouis_files[name])
    table = dict(_table_rows(client_for(people["member"]).get(_url()).content.decode()))
    base = 2023 if current else 2015
    office = client_for(people["office"])
    # the Kreisstadt, a mid-sized and the smallest Gemeinde of the Kreis
    for ags, slug in (("10044115", "saarlouis"), ("10044113", "nalbach"), ("10044123", "ensdorf")):
        MunicipalityFactory(name=slug.title(), slug=slug, kind="gemeinde", land="10", ags=ags)
        page = office.get(reverse("profiles:profile", kwargs={"slug": slug})).content.decode()
        assert "aus der amtlichen Entwicklung der Gemeinde" in page
        projected = _trend_table(page)
        start, end = projected[base], projected[base + kreis.HORIZON]
        on_profile = 100 * (end / start - 1)
        # the table rounds to 0.1 %, the profile to whole persons
        rounding = 0.05 + 100 * (0.5 / start + 0.5 / end) * end / start
        assert _num(table[ags][5]) == pytest.approx(on_profile, abs=rounding), ags


def test_estimated_ages_are_the_same_for_a_gemeinde_loaded_alone_or_with_its_kreis(
    db, saarlouis_files
):
    """The Kreis page estimates the 2023 ages of all Gemeinden in one engine call, a profile
    those of its own Gemeinde alone – the projection starts from the same numbers."""
    from zwk.profiles import analysis

    for name in ("pop", "ages", "gv"):
        statistics_import(path=saarlouis_files[name])
    codes = sorted(_rows(saarlouis_files["pop"], KREIS))
    together = analysis.load_regions(codes)
    for code in codes:
        alone = analysis.load_regions([code])[code]
        assert 2023 in alone.estimates and 2023 in together[code].estimates
        assert (alone.ages[2023] == together[code].ages[2023]).all(), code


def test_current_total_from_the_gv_and_estimated_ages_are_labelled(
    saarlouis_files, landkreis, people, client_for
):
    for name in ("pop", "ages", "gv"):
        statistics_import(path=saarlouis_files[name])
    gv = {
        line.split(";")[2]: int(line.split(";")[11])
        for line in saarlouis_files["gv"].read_text(encoding="utf-8").splitlines()[1:]
    }
    pop = _rows(saarlouis_files["pop"], KREIS)
    html = client_for(people["member"]).get(_url()).content.decode()
    rows = dict(_table_rows(html))
    assert set(rows) == set(gv)
    for ags, cells in rows.items():
        assert _num(cells[0]) == gv[ags]
        change = 100 * (gv[ags] / int(pop[ags][14]) - 1)  # 2011 → 2023, both Zensus 2011
        assert _num(cells[1]) == pytest.approx(round(change, 1), abs=0.051)
    assert "31.12.2023 – Schätzung" in html  # the age columns' header
    assert "Schätzung:</strong>" in html  # and the explanation


def test_sorting_by_a_column_and_back(saarlouis_files, landkreis, people, client_for):
    statistics_import(path=saarlouis_files["pop"])
    statistics_import(path=saarlouis_files["ages"])
    client = client_for(people["member"])
    html = client.get(_url(), {"sortierung": "-einwohner"}).content.decode()
    order = [_num(cells[0]) for _ags, cells in _table_rows(html)]
    assert order == sorted(order, reverse=True)
    assert re.search(r'<th scope="col" aria-sort="descending" class="[^"]*\bnum"><a href="[^"]*'
                     r'sortierung=einwohner', html)  # fmt: skip
    assert html.count('aria-sort="descending"') == 1
    assert html.count('aria-sort="none"') == 6
    html = client.get(_url(), {"sortierung": "ab65"}).content.decode()
    shares = [_num(cells[4]) for _ags, cells in _table_rows(html)]
    assert shares == sorted(shares)
    html = client.get(_url(), {"sortierung": "unsinn"}).content.decode()  # unknown: by name
    names = re.findall(r'<th scope="row">([^<]+?) <span', html)
    assert names == sorted(names, key=str.casefold)
    assert 'aria-sort="ascending"' in html


def test_map_has_one_point_per_gemeinde_inside_the_drawing_area(
    saarlouis_files, landkreis, people, client_for
):
    for name in ("pop", "ages", "gv"):
        statistics_import(path=saarlouis_files[name])
    html = client_for(people["member"]).get(_url(), {"karte": "einwohner"}).content.decode()
    svg = html.split('<svg id="kreis-karte"', 1)[1].split("</svg>", 1)[0]
    w, h = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    points = re.findall(
        r'<a href="#g-(\d{8})" class="kreis-point"><title>([^<]+)</title>'
        r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"',
        svg,
    )
    rows = dict(_table_rows(html))
    assert sorted(p[0] for p in points) == sorted(rows)  # one point per Gemeinde, linked
    for _ags, title, cx, cy, r in points:
        x, y, r = float(cx), float(cy), float(r)
        assert x - r >= 0 and x + r <= w and y - r >= 0 and y + r <= h
        assert "Einwohner" in title
    # every point's row exists as a link target
    for ags in rows:
        assert f'id="g-{ags}"' in html
    # labels: none overlaps another or leaves the map (same width estimate as the layout)
    kmap = kreis.render_map(kreis.overview(KREIS).rows, kreis.indicators()[0], title="t")
    assert kmap.labels
    for i, a in enumerate(kmap.labels):
        assert a.box[0] >= 0 and a.box[2] <= w and a.box[1] >= 0 and a.box[3] <= h
        for b in kmap.labels[i + 1 :]:
            assert not kreis._overlaps(a.box, b.box)
    assert 'class="kreis-legend"' in html and "Legende: Einwohner" in html


def test_csv_and_xlsx_hold_the_same_rows_as_the_page(
    saarlouis_files, landkreis, people, client_for
):
    statistics_import(path=saarlouis_files["pop"])
    statistics_import(path=saarlouis_files["ages"])
    client = client_for(people["coordinator"])
    page = _table_rows(client.get(_url(), {"sortierung": "-ab65"}).content.decode())
    response = client.get(_url("profiles:kreis_csv"), {"sortierung": "-ab65"})
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:2] == ["AGS", "Gemeinde"]
    assert [ln[0] for ln in lines[1:]] == [ags for ags, _c in page]
    for line, (_ags, cells) in zip(lines[1:], page, strict=True):
        assert float(line[4].replace(",", ".")) == _num(cells[0])
        assert float(line[11].replace(",", ".")) == _num(cells[4])
    # negative changes are numbers, not defused text
    assert any(ln[6].startswith("-") for ln in lines[1:])
    response = client.get(_url("profiles:kreis_xlsx"), {"sortierung": "-ab65"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    xrows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in xrows[1:]] == [ags for ags, _c in page]
    assert [r[4] for r in xrows[1:]] == [_num(c[0]) for _a, c in page]


def test_formula_like_names_are_defused_in_csv(landkreis, people, client_for):
    from zwk.profiles.models import PopulationStock, Region, StatisticsRelease

    release = StatisticsRelease.objects.create(table_code="t", file_name="t.csv", sha256="x1")
    region = Region.objects.create(code="10044999", name="=HYPERLINK(1)", level="gemeinde")
    PopulationStock.objects.create(region=region, year=2015, sex="total", total=5, release=release)
    text = client_for(people["office"]).get(_url("profiles:kreis_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def test_empty_state_links_to_the_import_for_the_office(landkreis, people, client_for):
    html = client_for(people["office"]).get(_url()).content.decode()
    assert "noch keine Statistiken importiert" in html
    assert reverse("profiles:import", kwargs={"slug": "lk-saarlouis"}) in html
    html = client_for(people["coordinator"]).get(_url()).content.decode()
    assert "noch keine Statistiken importiert" in html
    assert 'kern-btn--primary" href' not in html  # the coordinator cannot import Gemeinde data


@pytest.mark.parametrize("name", ["profiles:kreis_gemeinden", "profiles:kreis_csv"])
def test_permissions(name, landkreis, people, client_for):
    url = _url(name)
    for role in ("member", "coordinator", "consultant", "office"):
        assert client_for(people[role]).get(url).status_code == 200, role
    for role in ("outsider", "unassigned"):
        assert client_for(people[role]).get(url).status_code == 404, role
    assert client_for(None).get(url).status_code == 302  # anonymous: to the login
    # a Kommune that is no Landkreis has no such page, even for its own team
    other_url = reverse(name, kwargs={"slug": "anderswo"})
    assert client_for(people["outsider"]).get(other_url).status_code == 404


def test_query_count_does_not_grow_with_the_gemeinden(
    saarlouis_files, landkreis, people, client_for, django_assert_max_num_queries
):
    statistics_import(path=saarlouis_files["pop"])
    statistics_import(path=saarlouis_files["ages"])
    client = client_for(people["member"])
    client.get(_url())  # fills the cache of this data version
    with django_assert_max_num_queries(8):
        assert client.get(_url(), {"sortierung": "-veraenderung"}).status_code == 200


def test_office_sees_the_gemeinden_of_a_land(saarlouis_files, landkreis, people, client_for):
    statistics_import(path=saarlouis_files["pop"])
    statistics_import(path=saarlouis_files["ages"])
    url = reverse("office:land_gemeinden")
    office = client_for(people["office"])
    html = office.get(url, {"land": "10", "sortierung": "-einwohner"}).content.decode()
    rows = _table_rows(html)
    assert len(rows) == 13 and rows[0][0] == "10044115"  # Saarlouis is the largest
    assert "Gemeinden – Saarland" in html
    lines = office.get(reverse("office:land_gemeinden_csv"), {"land": "10"}).content
    assert len(lines.decode("utf-8-sig").strip().splitlines()) == 14
    assert "Wählen Sie ein Land" in office.get(url).content.decode()
    assert office.get(url, {"land": "99"}).status_code == 400
    for role in ("coordinator", "consultant"):
        assert client_for(people[role]).get(url, {"land": "10"}).status_code == 403
    assert client_for(None).get(url).status_code == 302


@pytest.mark.parametrize("n", [1, 2, 60, 400])
def test_map_layout_keeps_points_and_labels_inside_without_overlaps(n):
    import random

    rng = random.Random(n)
    rows = [
        kreis.GemeindeRow(
            code=f"10044{i:03d}",
            name=rng.choice(["Au", "Großmusterbach am Walde", "Sankt Ingbert-Mitte"]) + str(i),
            lon=6.8 + rng.gauss(0, 0.05),
            lat=49.35 + rng.gauss(0, 0.03),
            population=rng.uniform(300, 40_000),
            share_65_plus=rng.uniform(15, 35) if i % 7 else None,
        )
        for i in range(n)
    ]
    kmap = kreis.render_map(rows, kreis.indicators()[4], title="Test")
    assert len(kmap.points) == n
    assert kmap.svg.count('class="kreis-point"') == n
    for p in kmap.points:
        assert p.r <= p.x <= kmap.width - p.r and p.r <= p.y <= kmap.height - p.r
    for i, a in enumerate(kmap.labels):
        assert a.box[0] >= 0 and a.box[1] >= 0 and a.box[2] <= kmap.width
        assert a.box[3] <= kmap.height
        assert not any(kreis._overlaps(a.box, b.box) for b in kmap.labels[i + 1 :])
    assert sum(c.count for c in kmap.classes) == sum(1 for r in rows if r.share_65_plus)
    assert kmap.svg.count('class="kreis-none"') == sum(1 for r in rows if r.share_65_plus is None)


def test_the_landkreis_profile_links_to_its_gemeinden_and_a_gemeinde_profile_does_not(
    landkreis, people, client_for
):
    link = _url()
    profile = reverse("profiles:profile", kwargs={"slug": "lk-saarlouis"})
    assert link in client_for(people["member"]).get(profile).content.decode()
    other = reverse("profiles:profile", kwargs={"slug": "anderswo"})
    response = client_for(people["outsider"]).get(other)
    assert response.status_code == 200
    assert "/gemeinden/" not in response.content.decode()
