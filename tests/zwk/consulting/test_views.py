"""Pages of the Beratungspool: what users see, bad input (400, nothing written), IDOR, exports."""

import csv
import io
import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import MunicipalityFactory, UserFactory, membership
from tests.zwk.consulting.factories import (
    accepted_request,
    make_profile,
    make_request,
    set_budget,
)
from tests.zwk.consulting.matrix import png_upload
from zwk.consulting import services
from zwk.consulting.models import ConsultingRequest, DayBudget, DayLog
from zwk.municipalities.models import Membership, Theme

S = ConsultingRequest.Status


@pytest.fixture
def theme(db):
    return Theme.objects.get(slug="wohnen-im-alter", municipality__isnull=True)


# --- pool -------------------------------------------------------------------------------------


def test_pool_filters_by_theme_land_language_and_method(client_for, member, theme):
    anna = make_profile(
        UserFactory(first_name="Anna", last_name="Alt"),
        themes=[theme],
        regions=["06"],
        languages=["de", "tr"],
        methods=["moderation"],
    )
    make_profile(UserFactory(first_name="Bodo", last_name="Bau"), regions=["09"])
    client = client_for(member)
    url = reverse("consulting:pool")
    page = client.get(url).content.decode()
    assert "Anna Alt" in page and "Bodo Bau" in page
    for query in (
        {"handlungsfeld": theme.pk},
        {"land": "06"},
        {"sprache": "tr"},
        {"methode": "moderation"},
        {"land": "06", "sprache": "tr", "methode": "moderation"},
    ):
        page = client.get(url, query).content.decode()
        assert "Anna Alt" in page and "Bodo Bau" not in page, query
    page = client.get(url, {"land": "06", "sprache": "pl"}).content.decode()
    assert "Niemand im Pool passt zu dieser Auswahl" in page
    assert anna.get_absolute_url() in client.get(url).content.decode()
    assert client.get(url, {"land": "99"}).status_code == 400


def test_pool_is_paginated(client_for, member):
    for i in range(14):
        make_profile(UserFactory(first_name="Person", last_name=f"Nr{i:02d}"))
    client = client_for(member)
    first = client.get(reverse("consulting:pool")).content.decode()
    assert "Seite 1 von 2" in first and "Nr11" in first and "Nr12" not in first
    second = client.get(reverse("consulting:pool"), {"seite": 2}).content.decode()
    assert "Nr12" in second and "Nr13" in second


def test_a_logged_in_user_without_role_does_not_see_the_pool(client_for, db):
    assert client_for(UserFactory()).get(reverse("consulting:pool")).status_code == 403


def test_consultant_edits_own_profile_with_photo_reencoded(client_for, consultant, theme):
    client = client_for(consultant)
    response = client.post(
        reverse("consulting:my_profile"),
        {
            "headline": "Moderation im ländlichen Raum",
            "themes": [theme.pk],
            "methods": ["moderation", "datenanalyse"],
            "regions": ["13"],
            "languages": ["de"],
            "days_per_month": "2,5",
            "available_from": "2026-01-01",
            "available_until": "2026-12-31",
            "accepts_requests": "on",
            "photo_upload": png_upload(),
        },
    )
    assert response.status_code == 302
    profile = consultant.consultant_profile
    assert profile.days_per_month == D("2.5")
    assert profile.codes("method") == ["datenanalyse", "moderation"]
    assert profile.photo.name.endswith(".png") and "foto" not in profile.photo.name
    photo = client.get(reverse("consulting:photo", kwargs={"pk": profile.pk}))
    assert photo.status_code == 200 and photo["X-Content-Type-Options"] == "nosniff"


def test_invalid_profile_is_refused_and_kept(client_for, consultant):
    client = client_for(consultant)
    response = client.post(
        reverse("consulting:my_profile"),
        {
            "headline": "Neu",
            "days_per_month": "1,3",
            "available_from": "2026-06-01",
            "available_until": "2026-01-01",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ganze oder halbe Tage" in page and "liegt vor" in page
    assert 'value="Neu"' in page
    assert not consultant.consultant_profile.headline


def test_consultant_cannot_edit_someone_elses_profile(client_for, consultant, db):
    other = make_profile(UserFactory())
    url = reverse("consulting:profile_edit", kwargs={"pk": other.pk})
    assert client_for(consultant).get(url).status_code == 403


# --- requests ---------------------------------------------------------------------------------


def test_coordinator_files_a_request(client_for, coordinator, municipality, theme):
    response = client_for(coordinator).post(
        reverse("consulting:request_create", kwargs={"slug": municipality.slug}),
        {
            "topic": "Moderation der Werkstatt",
            "theme": theme.pk,
            "step": "workshop",
            "methods": ["moderation"],
            "format": "vor_ort",
            "language": "de",
            "urgency": "high",
            "days_estimated": "1,5",
            "description": "Zwei Tage im März.",
        },
    )
    r = ConsultingRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == r.get_absolute_url()
    assert (r.status, r.municipality, r.days_estimated, r.methods) == (
        S.OPEN,
        municipality,
        D("1.5"),
        ["moderation"],
    )


def test_invalid_request_is_refused_with_input_kept(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        reverse("consulting:request_create", kwargs={"slug": municipality.slug}),
        {
            "topic": "Bürgerbus",
            "format": "vor_ort",
            "language": "de",
            "urgency": "normal",
            "wished_from": "2026-05-01",
            "wished_until": "2026-04-01",
            "days_estimated": "0,2",
            "description": "",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Bürgerbus"' in page and "liegt vor" in page
    assert not ConsultingRequest.objects.exists()


def test_office_assigns_from_ranked_suggestions(
    client_for, office_user, coordinator, consultant, municipality, theme
):
    make_profile(consultant, themes=[theme], regions=[municipality.land])
    r = make_request(municipality, coordinator, theme=theme)
    client = client_for(office_user)
    url = reverse("consulting:request_assign", kwargs={"slug": municipality.slug, "pk": r.pk})
    page = client.get(url).content.decode()
    assert "Expertise im Handlungsfeld „Wohnen im Alter“" in page
    assert "berät die Kommune bereits" in page
    assert client.post(url, {"consultant": 999999}).status_code == 400
    response = client.post(url, {"consultant": consultant.pk, "note": "Passt gut"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.status == S.PROPOSED and r.consultant == consultant
    proposal = r.proposals.get()
    assert proposal.score > 0 and any("Handlungsfeld" in x for x in proposal.reasons)


def test_consultant_declines_with_reason_and_loses_access(
    client_for, office_user, coordinator, unassigned_consultant, municipality
):
    make_profile(unassigned_consultant)
    r = make_request(municipality, coordinator)
    services.request_propose(consulting_request=r, consultant=unassigned_consultant, by=office_user)
    client = client_for(unassigned_consultant)
    kwargs = {"slug": municipality.slug, "pk": r.pk}
    assert client.get(reverse("consulting:request", kwargs=kwargs)).status_code == 200
    url = reverse("consulting:request_decline", kwargs=kwargs)
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Urlaub"}).status_code == 302
    r.refresh_from_db()
    assert r.status == S.DECLINED
    assert client.get(reverse("consulting:request", kwargs=kwargs)).status_code == 404


def test_accepting_twice_is_refused_without_a_500(
    client_for, office_user, coordinator, consultant, municipality
):
    r = accepted_request(municipality, coordinator, office_user, consultant)
    url = reverse("consulting:request_accept", kwargs={"slug": municipality.slug, "pk": r.pk})
    response = client_for(consultant).post(url)
    assert response.status_code == 400
    assert "wartet nicht auf Ihre Entscheidung" in response.content.decode()


def test_consultant_logs_days_and_the_kommune_sees_what_is_left(
    client_for, office_user, coordinator, consultant, municipality
):
    r = accepted_request(municipality, coordinator, office_user, consultant)
    set_budget(municipality, office_user, "3")
    client = client_for(consultant)
    url = reverse("consulting:log_add", kwargs={"slug": municipality.slug, "pk": r.pk})
    today = date.today().isoformat()
    response = client.post(url, {"worked_on": today, "days": "2,5", "activity": "Werkstatt"})
    assert response.status_code == 302
    refused = client.post(url, {"worked_on": today, "days": "1", "activity": "Noch mehr"})
    assert refused.status_code == 400
    assert "nur noch 0,5 Tage übrig" in refused.content.decode()
    assert 'value="1"' in refused.content.decode()
    assert DayLog.objects.count() == 1
    page = (
        client_for(coordinator)
        .get(reverse("consulting:requests", kwargs={"slug": municipality.slug}))
        .content.decode()
    )
    assert "0,5 Tage übrig" in page


@pytest.mark.parametrize("days", ["0", "-1", "0,3", "abc", ""])
def test_bad_day_amounts_give_400(
    client_for, office_user, coordinator, consultant, municipality, days
):
    r = accepted_request(municipality, coordinator, office_user, consultant)
    set_budget(municipality, office_user, "3")
    url = reverse("consulting:log_add", kwargs={"slug": municipality.slug, "pk": r.pk})
    response = client_for(consultant).post(
        url, {"worked_on": date.today().isoformat(), "days": days, "activity": "x"}
    )
    assert response.status_code == 400
    assert not DayLog.objects.exists()


# --- IDOR: another Kommune's ids ------------------------------------------------------------


@pytest.fixture
def foreign(other_municipality, office_user, unassigned_consultant):
    """An accepted request of the other Kommune with a log, served by another consultant."""
    boss = UserFactory()
    membership(boss, other_municipality, Membership.Role.COORDINATOR)
    r = accepted_request(other_municipality, boss, office_user, unassigned_consultant)
    set_budget(other_municipality, office_user, "5")
    log = services.day_log_add(
        consulting_request=r,
        by=unassigned_consultant,
        worked_on=date.today(),
        days=D("1"),
        activity="Fremd",
    )
    return r, log


@pytest.mark.parametrize(
    "name",
    [
        "request",
        "request_assign",
        "request_decline",
        "request_complete",
        "request_withdraw",
        "log_add",
    ],
)
def test_another_kommunes_request_id_under_my_slug_is_404(
    client_for, foreign, municipality, coordinator, consultant, office_user, name
):
    r, _log = foreign
    url = reverse(f"consulting:{name}", kwargs={"slug": municipality.slug, "pk": r.pk})
    for user in (coordinator, consultant, office_user):
        assert client_for(user).get(url).status_code == 404, (name, user)


def test_another_kommunes_log_id_is_404_and_not_deleted(
    client_for, foreign, municipality, coordinator, consultant, office_user
):
    _r, foreign_log = foreign
    mine = accepted_request(municipality, coordinator, office_user, consultant)
    url = reverse(
        "consulting:log_delete",
        kwargs={"slug": municipality.slug, "pk": mine.pk, "log": foreign_log.pk},
    )
    client = client_for(consultant)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert DayLog.objects.filter(pk=foreign_log.pk).exists()


def test_outsiders_cannot_see_a_request_of_the_kommune(client_for, foreign, member, consultant):
    r, _log = foreign
    url = r.get_absolute_url()
    assert client_for(member).get(url).status_code == 404
    assert client_for(consultant).get(url).status_code == 404


# --- budgets and exports (office) -------------------------------------------------------------


def test_office_sets_a_budget_with_half_days(client_for, office_user, municipality):
    year = date.today().year
    url = reverse("consulting:budget_edit", kwargs={"slug": municipality.slug})
    client = client_for(office_user)
    assert client.post(url, {"year": year, "days": "7,3"}).status_code == 400
    assert not DayBudget.objects.exists()
    response = client.post(url, {"year": year, "days": "7,5", "allow_overrun": "on"})
    assert response.status_code == 302
    budget = DayBudget.objects.get(municipality=municipality, year=year)
    assert budget.days == D("7.5") and budget.allow_overrun


def test_overview_shows_over_and_under_use(
    client_for, office_user, coordinator, consultant, municipality
):
    other = MunicipalityFactory(name="Fleißdorf")
    set_budget(other, office_user, "10")
    r = accepted_request(municipality, coordinator, office_user, consultant)
    set_budget(municipality, office_user, "1", allow_overrun=True)
    services.day_log_add(
        consulting_request=r, by=consultant, worked_on=date.today(), days=D("2"), activity="x"
    )
    page = client_for(office_user).get(reverse("consulting:budgets")).content.decode()
    rows = {line.split("</th>")[0]: line for line in re.split(r"<tr[ >]", page) if "</th>" in line}
    musterdorf = next(v for k, v in rows.items() if "Musterdorf" in k)
    assert "über Plan" in musterdorf and "200 %" in musterdorf


def _export(client, fmt, year):
    return client.get(reverse(f"consulting:export_{fmt}", kwargs={"year": year}))


def test_exports_neutralise_formulas_and_keep_days_as_numbers(
    client_for, office_user, coordinator, consultant, municipality
):
    r = accepted_request(municipality, coordinator, office_user, consultant, topic="=1+1")
    set_budget(municipality, office_user, "5")
    services.day_log_add(
        consulting_request=r,
        by=consultant,
        worked_on=date.today(),
        days=D("1.5"),
        activity='=HYPERLINK("http://evil.example","klick")',
    )
    client = client_for(office_user)
    year = date.today().year
    response = _export(client, "csv", year)
    assert response["Content-Disposition"] == f'attachment; filename="beratungstage-{year}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Kommune" and len(rows) == 2
    row = rows[1]
    assert row[0] == "Musterdorf" and row[4] == "'=1+1" and row[7] == "1,5"
    assert row[8].startswith("'=HYPERLINK")
    book = load_workbook(io.BytesIO(_export(client, "xlsx", year).content))
    sheet = book.active
    cells = list(sheet[2])
    assert cells[4].value == "=1+1" and cells[4].data_type == "s"
    assert cells[8].data_type == "s"
    assert cells[7].value == 1.5
    assert _export(client, "csv", year - 1).content.decode("utf-8-sig").count("\n") == 1


def test_my_requests_show_what_waits_for_an_answer_first(
    client_for, office_user, coordinator, consultant, municipality
):
    waiting = make_request(municipality, coordinator, topic="Wartet auf Antwort")
    services.request_propose(consulting_request=waiting, consultant=consultant, by=office_user)
    # Newer, but already accepted: it comes after the one that waits.
    accepted_request(municipality, coordinator, office_user, consultant, topic="Läuft schon")
    page = client_for(consultant).get(reverse("consulting:my_requests")).content.decode()
    assert page.index("Wartet auf Antwort") < page.index("Läuft schon")


def test_coordinator_withdraws_after_confirmation(client_for, coordinator, municipality):
    r = make_request(municipality, coordinator, topic="Doch nicht nötig")
    client = client_for(coordinator)
    url = reverse("consulting:request_withdraw", kwargs={"slug": municipality.slug, "pk": r.pk})
    page = client.get(url).content.decode()
    assert "Möchten Sie die Anfrage „Doch nicht nötig“ zurückziehen?" in page
    r.refresh_from_db()
    assert r.status == S.OPEN  # GET only asks
    assert client.post(url).status_code == 302
    r.refresh_from_db()
    assert r.status == S.WITHDRAWN
    again = client.post(url)
    assert again.status_code == 400 and "kann nicht" in again.content.decode()


def test_consultant_closes_with_a_summary_and_cannot_log_afterwards(
    client_for, office_user, coordinator, consultant, municipality
):
    r = accepted_request(municipality, coordinator, office_user, consultant)
    client = client_for(consultant)
    kwargs = {"slug": municipality.slug, "pk": r.pk}
    response = client.post(
        reverse("consulting:request_complete", kwargs=kwargs), {"summary": "Werkstatt lief gut."}
    )
    assert response.status_code == 302
    page = client.get(reverse("consulting:request", kwargs=kwargs)).content.decode()
    assert "Werkstatt lief gut." in page and "Beratungstage buchen" not in page
    set_budget(municipality, office_user, "3")
    refused = client.post(
        reverse("consulting:log_add", kwargs=kwargs),
        {"worked_on": date.today().isoformat(), "days": "1", "activity": "Nachtrag"},
    )
    assert refused.status_code == 400 and not DayLog.objects.exists()
