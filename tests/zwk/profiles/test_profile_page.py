"""Profile page details: slider values without JavaScript, the register-area form, and a
query count that does not depend on how many years and regions are imported."""

import numpy as np
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zwk.accounts.models import AuditEntry
from zwk.profiles.models import PopulationStock, Profile, Region, StatisticsRelease


def _stocks(codes, years, release):
    """Stocks by single year of age for ``codes`` (code, level) – a different shape per region,
    so that the typology has something to tell apart."""
    rows = []
    for n, (code, level) in enumerate(codes):
        region, _ = Region.objects.get_or_create(code=code, defaults={"name": code, "level": level})
        ages = np.linspace(60 + n, 10 + n % 7, 101).round().tolist()
        for y in years:
            for sex in ("male", "female"):
                rows.append(
                    PopulationStock(
                        region=region, year=y, sex=sex, total=sum(ages), ages=ages, release=release
                    )
                )
            rows.append(
                PopulationStock(
                    region=region,
                    year=y,
                    sex="total",
                    total=2 * sum(ages),
                    ages=[2 * a for a in ages],
                    release=release,
                )
            )
    PopulationStock.objects.bulk_create(rows)


def _references(municipality):
    ags = municipality.ags
    return [(ags, "gemeinde"), (ags[:5], "kreis"), (ags[:2], "land"), ("DG", "bund")]


def _others(count, start=0):
    """Further Gemeinden of the same Land (peers and typology candidates)."""
    return [(f"09{171 + (start + i) % 9}{500 + start + i:03d}", "gemeinde") for i in range(count)]


def _queries(client, url) -> tuple[int, int]:
    """Queries of a cold request (typology not cached) and of a warm one."""
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    return len(cold.captured_queries), len(warm.captured_queries)


def test_query_count_is_the_same_for_2_or_10_years_and_3_or_30_regions(
    db, client_for, member, municipality
):
    client = client_for(member)
    url = reverse("profiles:profile", kwargs={"slug": municipality.slug})
    release = StatisticsRelease.objects.create(table_code="t", file_name="a", sha256="a")
    # three years: two yearly changes, so the history projection runs in every case
    _stocks(_references(municipality) + _others(3), (2018, 2019, 2020), release)
    small = _queries(client, url)
    assert "Demografietyp" in client.get(url).content.decode()

    # 7 more years for every region: 10 years
    more = StatisticsRelease.objects.create(table_code="t", file_name="b", sha256="b")
    _stocks(_references(municipality) + _others(3), range(2011, 2018), more)
    Region.objects.filter(stocks__isnull=True).delete()
    years = _queries(client, url)

    # 27 more Gemeinden with 10 years each: 30 reference regions
    wide = StatisticsRelease.objects.create(table_code="t", file_name="c", sha256="c")
    _stocks(_others(27, start=3), range(2011, 2021), wide)
    regions = _queries(client, url)

    assert small == years == regions, {"2 years": small, "10 years": years, "30 regions": regions}


def test_scenario_form_works_without_javascript(db, client_for, member, municipality):
    """A plain GET (what the "Neu berechnen" button sends) re-renders the whole page; the
    <output> of every slider shows the chosen value in German format."""
    release = StatisticsRelease.objects.create(table_code="t", file_name="a", sha256="a")
    _stocks(_references(municipality), (2019, 2020), release)
    url = reverse("profiles:profile", kwargs={"slug": municipality.slug})
    response = client_for(member).get(
        url, {"migration": "6.5", "tfr": "1.6", "e0_gain": "2.3", "dwellings": "40"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<output for="id_migration" class="slider-value">6,5</output>' in html
    assert '<output for="id_tfr" class="slider-value">1,60</output>' in html
    assert "Mit 40 neuen Wohnungen je Jahr" in html
    assert 'value="6.5"' in html  # the slider keeps its position
    assert "/static/zwk/js/profiles.js" in html
    # only the sliders have a value label; the dwellings field is a number input
    assert 'for="id_dwellings" class="slider-value"' not in html


def test_invalid_register_area_is_refused_with_400_and_keeps_the_input(
    db, client_for, coordinator, municipality
):
    url = reverse("profiles:register_area", kwargs={"slug": municipality.slug})
    client = client_for(coordinator)
    entries = AuditEntry.objects.count()

    response = client.post(url, {"gebiet-register_area": "Q01/Nord"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Der Gebietsschlüssel darf keinen Schrägstrich enthalten." in html
    assert 'value="Q01/Nord"' in html
    assert not Profile.objects.filter(municipality=municipality, register_area="Q01/Nord").exists()
    assert AuditEntry.objects.count() == entries

    too_long = "Q" * 31
    response = client.post(url, {"gebiet-register_area": too_long})
    assert response.status_code == 400
    assert "höchstens 30 Zeichen" in response.content.decode()
    assert f'value="{too_long}"' in response.content.decode()

    response = client.post(url, {"gebiet-register_area": "Q01"})
    assert response.status_code == 302
    assert Profile.objects.get(municipality=municipality).register_area == "Q01"
