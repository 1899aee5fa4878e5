"""Demografie-Check: guided form, result with hand-checkable figures, versions, PDF, public.

Stock 31.12.2022 of the Kommune and of its Ortsteil "Altstadt": 10 persons per sex at every
age 0–99, so 65–79 today = 15 ages · 20 = 300 persons, 80+ = 20 · 20 = 400.
"""

import pytest
from django.urls import reverse

from tests.zwk.decisions.factories import ANSWERS, check_data, make_check
from zwk.decisions import selectors, services
from zwk.decisions.models import CheckVersion, DemographyCheck
from zwk.profiles.models import PopulationStock, Region, StatisticsRelease

UNIFORM = [10.0] * 100 + [0.0]


def _stock(code, name, level):
    region = Region.objects.create(code=code, name=name, level=level)
    release, _ = StatisticsRelease.objects.get_or_create(
        table_code="12411-0018", file_name="b.csv", sha256="b" * 64, defaults={"title": "B"}
    )
    for sex in ("male", "female"):
        PopulationStock.objects.create(
            region=region, year=2022, sex=sex, total=1000, ages=UNIFORM, release=release
        )
    return region


@pytest.fixture
def stock(municipality):
    _stock(municipality.ags, municipality.name, "gemeinde")
    return _stock(f"{municipality.ags}/Altstadt", "Altstadt", "gebiet")


def _post_data(**data):
    raw = check_data(**data)
    out = {f"check-{k}": v for k, v in raw.items() if k != "target_groups"}
    out["check-target_groups"] = raw["target_groups"]
    return out


def test_staff_create_a_check_and_see_the_result(municipality, stock, member, client_for):
    client = client_for(member)
    url = reverse("decisions:create", kwargs={"slug": municipality.slug})
    form = client.get(url).content.decode()
    assert "Altstadt" in form and "Generationengerechtigkeit" in form
    response = client.post(url, _post_data(area_code=stock.code))
    assert response.status_code == 302
    check = DemographyCheck.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Tagespflege in der Altstadt" in page
    assert "Die Zielgruppe Ältere Menschen (65 bis 79)" in page and "in Altstadt bis 2032" in page
    assert 'id="zielgruppen"' in page and 'id="bedarf"' in page
    assert ANSWERS["answer_reuse"] in page
    result = selectors.result(check, check.latest)
    seniors = result.groups[0]
    assert seniors.today == pytest.approx(300.0)
    assert seniors.low10 <= seniors.in10 <= seniors.high10
    assert result.base_year == 2022 and result.year10 == 2032 and result.year20 == 2042
    pdf = client.get(
        reverse("decisions:result_pdf", kwargs={"slug": municipality.slug, "pk": check.pk})
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert (
        "demografie-check-tagespflege-in-der-altstadt-fassung-1.pdf" in pdf["Content-Disposition"]
    )


def test_listed_per_kommune(municipality, stock, member, client_for, other_member):
    make_check(municipality, member)
    url = reverse("decisions:list", kwargs={"slug": municipality.slug})
    assert "Tagespflege in der Altstadt" in client_for(member).get(url).content.decode()
    assert client_for(other_member).get(url).status_code == 404


def test_a_new_version_keeps_the_old_one(municipality, stock, member, client_for):
    check = make_check(municipality, member)
    client = client_for(member)
    url = reverse("decisions:edit", kwargs={"slug": municipality.slug, "pk": check.pk})
    assert "Tagespflege in der Altstadt" in client.get(url).content.decode()
    response = client.post(url, _post_data(title="Tagespflege mit 24 Plätzen", capacity=24))
    assert response.status_code == 302
    assert list(check.versions.order_by("number").values_list("number", "title")) == [
        (1, "Tagespflege in der Altstadt"),
        (2, "Tagespflege mit 24 Plätzen"),
    ]
    old = client.get(check.get_absolute_url() + "?fassung=1").content.decode()
    assert '<h1 class="kern-heading-large">Tagespflege in der Altstadt</h1>' in old


def test_an_ortsteil_without_data_is_refused_and_nothing_saved(
    municipality, stock, member, client_for
):
    url = reverse("decisions:create", kwargs={"slug": municipality.slug})
    response = client_for(member).post(url, _post_data(area_code=f"{municipality.ags}/Neustadt"))
    assert response.status_code == 400
    assert not DemographyCheck.objects.exists() and not CheckVersion.objects.exists()
    with pytest.raises(Exception, match="keine Melderegisterdaten"):
        services.check_create(
            municipality=municipality,
            by=member,
            data=check_data(area_code=f"{municipality.ags}/Neustadt"),
        )
    assert not DemographyCheck.objects.exists()


def test_bad_input_gets_german_messages_and_keeps_input(municipality, stock, member, client_for):
    url = reverse("decisions:create", kwargs={"slug": municipality.slug})
    data = _post_data(horizon=30, lifetime=0)
    data.pop("check-target_groups")
    response = client_for(member).post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nutzungsdauer zwischen 1 und 100" in html
    assert "Tagespflege in der Altstadt" in html
    assert "Zielgruppen" in html and "kern-alert" in html
    assert not DemographyCheck.objects.exists()


def test_lifetime_beyond_the_projection_is_said(municipality, stock, member):
    check = make_check(municipality, member, lifetime=40)
    result = selectors.result(check, check.latest)
    assert any("40 Jahre" in n and "2042" in n for n in result.notes)


def test_public_page_only_when_published(municipality, stock, coordinator, client_for):
    check = make_check(municipality, coordinator)
    url = reverse("decisions:public", kwargs={"slug": municipality.slug, "pk": check.pk})
    assert client_for(None).get(url).status_code == 404
    publish = reverse("decisions:publish", kwargs={"slug": municipality.slug, "pk": check.pk})
    assert client_for(coordinator).post(publish, {"public": "1"}).status_code == 302
    page = client_for(None).get(url)
    assert page.status_code == 200 and "Tagespflege in der Altstadt" in page.content.decode()


def test_member_may_not_publish(municipality, stock, member, client_for):
    check = make_check(municipality, member)
    publish = reverse("decisions:publish", kwargs={"slug": municipality.slug, "pk": check.pk})
    assert client_for(member).post(publish, {"public": "1"}).status_code == 403
    check.refresh_from_db()
    assert not check.is_public


def test_without_statistics_the_result_says_so(municipality, member, client_for):
    check = make_check(municipality, member)
    page = client_for(member).get(check.get_absolute_url()).content.decode()
    assert "keine Einwohnerzahlen nach Alter" in page
