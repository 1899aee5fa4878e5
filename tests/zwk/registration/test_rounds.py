"""Funding rounds: places, budgets from the round, no budget outside one, funder report,
the onboarding guide and explainer videos on step pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import MunicipalityFactory
from zwk.consulting import services as consulting_services
from zwk.consulting.models import DayBudget
from zwk.registration import services
from zwk.registration.models import FundingRound, RoundMembership, StepVideo

THIS_YEAR = date.today().year


@pytest.fixture
def funding_round(db):
    return FundingRound.objects.create(
        name="Förderrunde Test",
        starts_on=date(THIS_YEAR, 1, 1),
        ends_on=date(THIS_YEAR + 1, 12, 31),
        places=2,
        consulting_days=Decimal("12.5"),
    )


def test_assignment_gives_the_rounds_days_for_each_year(funding_round, municipality, office_user):
    services.round_assign(
        funding_round=funding_round, municipalities=[municipality], by=office_user
    )
    budgets = dict(DayBudget.objects.filter(municipality=municipality).values_list("year", "days"))
    assert budgets == {THIS_YEAR: Decimal("12.5"), THIS_YEAR + 1: Decimal("12.5")}


def test_no_budget_outside_a_round_once_rounds_exist(
    funding_round, municipality, other_municipality, office_user
):
    with pytest.raises(ValidationError, match="keiner Förderrunde"):
        consulting_services.budget_set(
            municipality=other_municipality, year=THIS_YEAR, days=Decimal(5), by=office_user
        )
    services.round_assign(
        funding_round=funding_round, municipalities=[municipality], by=office_user
    )
    consulting_services.budget_set(
        municipality=municipality, year=THIS_YEAR, days=Decimal(20), by=office_user
    )


def test_places_are_a_limit(funding_round, office_user, db):
    kommunen = [MunicipalityFactory() for _ in range(3)]
    with pytest.raises(ValidationError, match="Plätze"):
        services.round_assign(funding_round=funding_round, municipalities=kommunen, by=office_user)
    assert not RoundMembership.objects.exists()
    assert not DayBudget.objects.exists()


def test_leaving_the_round_shrinks_budgets_to_the_days_used(
    funding_round, municipality, office_user
):
    services.round_assign(
        funding_round=funding_round, municipalities=[municipality], by=office_user
    )
    services.round_remove(funding_round=funding_round, municipality=municipality, by=office_user)
    assert set(
        DayBudget.objects.filter(municipality=municipality).values_list("days", flat=True)
    ) == {Decimal("0")}


def test_office_pages_assign_and_report(funding_round, municipality, office_user, client_for):
    client = client_for(office_user)
    url = reverse("registration_office:round_assign", kwargs={"pk": funding_round.pk})
    response = client.post(url, {"aufnahme-kommunen": "gibt-es-nicht"})
    assert response.status_code == 400 and "gibt es nicht" in response.content.decode()
    response = client.post(url, {"aufnahme-kommunen": municipality.slug})
    assert response.status_code == 302
    report = client.get(
        reverse("registration_office:round_report", kwargs={"pk": funding_round.pk})
    )
    assert municipality.name in report.content.decode()
    xlsx = client.get(
        reverse("registration_office:round_report_xlsx", kwargs={"pk": funding_round.pk})
    )
    assert xlsx.status_code == 200
    create = client.post(
        reverse("registration_office:rounds"),
        {
            "runde-name": "Runde 2027",
            "runde-starts_on": "2027-12-31",
            "runde-ends_on": "2027-01-01",
            "runde-places": "5",
            "runde-consulting_days": "10",
        },
    )
    assert create.status_code == 400
    assert not FundingRound.objects.filter(name="Runde 2027").exists()


def test_beratungspool_page_of_a_kommune_without_round_explains_how_to_apply(
    funding_round, municipality, coordinator, client_for
):
    client = client_for(coordinator)
    response = client.get(municipality.get_absolute_url())
    assert "Wie man sich für eine Förderrunde bewirbt" in response.content.decode()
    pool = client.get(reverse("consulting:requests", kwargs={"slug": municipality.slug}))
    assert "So bewirbt sich Ihre Kommune für eine Förderrunde" in pool.content.decode()


def test_step_page_shows_the_guide_and_the_video(municipality, member, office_user, client_for):
    url = reverse("municipalities:step", kwargs={"slug": municipality.slug, "step": "kickoff"})
    text = client_for(member).get(url).content.decode()
    assert "Was oft schiefgeht" in text and "Beispiele aus anderen Kommunen" in text
    assert "Erklärvideo zu diesem Schritt stellt die Geschäftsstelle" in text

    office = client_for(office_user)
    videos = reverse("registration_office:videos")
    mp4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32
    # captions are required
    response = office.post(
        videos,
        {
            "video-step_kind": "kickoff",
            "video-title": "Kick-off in 3 Minuten",
            "video-video": SimpleUploadedFile("k.mp4", mp4),
        },
    )
    assert response.status_code == 400 and not StepVideo.objects.exists()
    response = office.post(
        videos,
        {
            "video-step_kind": "kickoff",
            "video-title": "Kick-off in 3 Minuten",
            "video-video": SimpleUploadedFile("k.mp4", mp4),
            "video-captions": SimpleUploadedFile("k.vtt", b"kein vtt"),
        },
    )
    assert response.status_code == 400 and not StepVideo.objects.exists()
    response = office.post(
        videos,
        {
            "video-step_kind": "kickoff",
            "video-title": "Kick-off in 3 Minuten",
            "video-video": SimpleUploadedFile("k.mp4", mp4),
            "video-captions": SimpleUploadedFile(
                "k.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHallo"
            ),
        },
    )
    assert response.status_code == 302
    text = client_for(member).get(url).content.decode()
    assert "<video" in text and 'kind="captions"' in text


def test_office_overview_and_map_filter_by_round(
    funding_round, municipality, other_municipality, office_user, client_for
):
    services.round_assign(
        funding_round=funding_round, municipalities=[municipality], by=office_user
    )
    client = client_for(office_user)
    for name in ("office:dashboard", "office:map"):
        inside = client.get(reverse(name), {"runde": funding_round.pk}).content.decode()
        outside = client.get(reverse(name), {"runde": "ohne"}).content.decode()
        assert municipality.name in inside and other_municipality.name not in inside, name
        assert other_municipality.name in outside and municipality.name not in outside, name


def test_funder_report_of_the_office_filters_by_round(
    funding_round, municipality, other_municipality, office_user, client_for
):
    from zwk.office import reports

    services.round_assign(
        funding_round=funding_round, municipalities=[municipality], by=office_user
    )
    period = reports.Period(date(THIS_YEAR, 1, 1), date(THIS_YEAR, 12, 31))
    assert reports.build(period).municipalities == 2
    assert reports.build(period, str(funding_round.pk)).municipalities == 1
    assert reports.build(period, "ohne").municipalities == 1
    response = client_for(office_user).get(
        reverse("office:reports"),
        {"von": f"{THIS_YEAR}-01-01", "bis": f"{THIS_YEAR}-12-31", "runde": funding_round.pk},
    )
    assert response.status_code == 200
    assert f"runde={funding_round.pk}" in response.content.decode()


def test_messages_reach_the_kommunen_of_a_round(
    funding_round, municipality, other_municipality, office_user
):
    from zwk.announcements.forms import AnnouncementForm
    from zwk.announcements.selectors import municipalities_matching

    services.round_assign(
        funding_round=funding_round, municipalities=[municipality], by=office_user
    )
    assert list(municipalities_matching("filter", {"rounds": [str(funding_round.pk)]})) == [
        municipality
    ]
    assert list(municipalities_matching("filter", {"rounds": ["ohne"]})) == [other_municipality]
    form = AnnouncementForm(
        {"subject": "Treffen", "body": "Text", "audience": "filter", "rounds": ["ohne"]}
    )
    assert form.is_valid(), form.errors
    assert form.service_data()["criteria"]["rounds"] == ["ohne"]
