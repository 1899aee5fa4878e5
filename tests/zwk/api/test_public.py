"""Public read API: only published data, filters, pagination, ETag, CSV, rate limits."""

import csv
import io
import re

import numpy as np
import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory
from tests.zwk.api import factories
from zwk.plans import services as plan_services
from zwk.plans.models import Measure
from zwk.profiles import services as profile_services

pytestmark = pytest.mark.django_db


def _csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_kommune_list_shows_public_fields_only_and_publication_flags(api, public_kommune):
    MunicipalityFactory(slug="geheimdorf", contact_email="buergermeister@geheim.example")
    data = api(reverse("api:municipalities")).json()
    rows = {r["slug"]: r for r in data["results"]}
    assert rows["offenbach-land"]["profile_published"] is True
    assert rows["offenbach-land"]["plan_published"] is True
    assert rows["geheimdorf"]["profile_published"] is False
    assert "buergermeister@geheim.example" not in str(data)
    assert "contact_email" not in rows["geheimdorf"]


def test_kommune_list_filters_by_land_and_kind_and_refuses_unknown_values(api, public_kommune):
    MunicipalityFactory(slug="kiel-sued", land="01", ags="01002999", kind="stadt")
    slugs = [
        r["slug"] for r in api(reverse("api:municipalities"), data={"land": "01"}).json()["results"]
    ]
    assert slugs == ["kiel-sued"]
    slugs = [
        r["slug"]
        for r in api(reverse("api:municipalities"), data={"kind": "stadt"}).json()["results"]
    ]
    assert slugs == ["kiel-sued"]
    response = api(reverse("api:municipalities"), data={"land": "99"})
    assert response.status_code == 400 and "land" in response.json()


def test_kommune_list_filters_by_published_profile(api, public_kommune):
    MunicipalityFactory(slug="stilldorf")
    url = reverse("api:municipalities")
    published = [r["slug"] for r in api(url, data={"profile_published": "true"}).json()["results"]]
    unpublished = api(url, data={"profile_published": "false"}).json()["results"]
    assert published == ["offenbach-land"] and [r["slug"] for r in unpublished] == ["stilldorf"]


def test_lists_are_paginated_with_limit_and_offset(api, db):
    for i in range(5):
        MunicipalityFactory(slug=f"ort-{i}", name=f"Ort {i}")
    first = api(reverse("api:municipalities"), data={"limit": 2}).json()
    assert first["count"] == 5 and len(first["results"]) == 2 and "offset=2" in first["next"]
    last = api(reverse("api:municipalities"), data={"limit": 2, "offset": 4}).json()
    assert [r["slug"] for r in last["results"]] == ["ort-4"] and last["next"] is None


def test_published_profile_gives_engine_indicators_with_attribution(api, public_kommune):
    data = api(reverse("api:profile", kwargs={"slug": "offenbach-land"})).json()
    keys = {i["key"]: i for i in data["indicators"]}
    assert keys["population"]["value"] == pytest.approx(2 * np.linspace(60, 10, 101).round().sum())
    assert "mean_age" in keys and keys["mean_age"]["kreis"] is not None
    assert "dl-de/by-2-0" in data["attribution"]
    assert data["sources"][0]["licence"] == "dl-de/by-2-0"


def test_projection_runs_the_basis_scenario_for_twenty_years(api, public_kommune):
    data = api(reverse("api:projection", kwargs={"slug": "offenbach-land"})).json()
    assert data["base_year"] == 2020 and data["scenario"] == "Basis"
    assert [y["year"] for y in data["years"]][:2] == [2020, 2021] and len(data["years"]) == 21
    first = data["years"][0]
    assert (
        first["population_low_migration"]
        <= first["population"]
        <= first["population_high_migration"]
    )
    assert first["kita_0_2"] > 0


def test_unpublished_profile_and_plan_are_not_found(api, office_user):
    factories.statistics("09180222")
    factories.kommune("verborgen", "09180222", by=office_user, profile=False, plan=False)
    for name in ("profile", "projection", "plan"):
        assert api(reverse(f"api:{name}", kwargs={"slug": "verborgen"})).status_code == 404


def test_withdrawn_profile_disappears(api, public_kommune, office_user):
    url = reverse("api:profile", kwargs={"slug": "offenbach-land"})
    assert api(url).status_code == 200
    profile_services.profile_set_published(
        municipality=public_kommune, by=office_user, published=False
    )
    assert api(url).status_code == 404


def test_public_plan_shows_the_approved_version_and_current_status_never_a_new_draft(
    api, public_kommune, office_user
):
    plan = plan_services.plan_for(public_kommune)
    laden = Measure.objects.get(plan=plan, title="Dorfladen")
    plan_services.measure_set_status(measure=laden, by=office_user, status="running")
    plan_services.plan_set_status(plan=plan, by=office_user, status="draft")
    plan_services.measure_create(plan=plan, by=office_user, data={"title": "Geheimer Entwurf"})
    data = api(reverse("api:plan", kwargs={"slug": "offenbach-land"})).json()
    titles = {m["title"]: m for m in data["measures"]}
    assert set(titles) == {"Dorfladen", "Bürgerbus"}
    assert titles["Dorfladen"]["status"] == "running"
    assert titles["Dorfladen"]["status_at_approval"] == "planned"
    assert data["version"] == 1
    running = api(
        reverse("api:plan", kwargs={"slug": "offenbach-land"}), data={"status": "running"}
    )
    assert [m["title"] for m in running.json()["measures"]] == ["Dorfladen"]


def test_plan_list_counts_measures_by_status_of_published_plans_only(
    api, public_kommune, office_user
):
    other = MunicipalityFactory(slug="entwurfsdorf")
    plan_services.measure_create(
        plan=plan_services.plan_for(other), by=office_user, data={"title": "X"}
    )
    rows = api(reverse("api:plans")).json()["results"]
    assert [r["kommune"]["slug"] for r in rows] == ["offenbach-land"]
    assert rows[0]["measures_total"] == 2 and rows[0]["measures_planned"] == 2


def test_toolbox_lists_published_entries_only(api, office_user):
    factories.entry(office_user, title="Öffentliche Methode")
    draft = factories.entry(office_user, title="Entwurfsmethode", status="draft")
    titles = [
        e["title"] for e in api(reverse("api:entries"), data={"q": "methode"}).json()["results"]
    ]
    assert titles == ["Öffentliche Methode"]
    assert api(reverse("api:entry", kwargs={"slug": draft.slug})).status_code == 404


def test_events_hide_drafts_and_the_online_link(api, db):
    public = factories.event(title="Fachforum")
    draft = factories.event(title="Entwurf", status="draft")
    response = api(reverse("api:events"))
    assert [e["title"] for e in response.json()["results"]] == ["Fachforum"]
    assert "meet.example.org" not in response.content.decode()
    assert api(reverse("api:event", kwargs={"pk": draft.pk})).status_code == 404
    assert api(reverse("api:event", kwargs={"pk": public.pk})).json()["online"] is True


def test_etag_gives_304_until_the_data_changes(api, public_kommune, office_user):
    url = reverse("api:municipality", kwargs={"slug": "offenbach-land"})
    first = api(url)
    assert first.status_code == 200 and first["Cache-Control"] == "public, max-age=300"
    etag = first["ETag"]
    again = api(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    public_kommune.description = "Neu beschrieben."
    public_kommune.save()
    changed = api(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_csv_export_neutralises_formulas(api, office_user):
    factories.entry(office_user, title='=HYPERLINK("http://evil.example")', summary="-2+3")
    response = api(reverse("api:entries"), data={"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    header, body = rows[0], rows[1:]
    row = dict(
        zip(header, next(r for r in body if "HYPERLINK" in r[header.index("title")]), strict=True)
    )
    assert row["title"].startswith("'=") and row["summary"] == "'-2+3"


def test_csv_of_a_profile_has_one_row_per_indicator(api, public_kommune):
    url = reverse("api:profile", kwargs={"slug": "offenbach-land"})
    rows = _csv(api(url, HTTP_ACCEPT="text/csv"))
    assert rows[0][:3] == ["key", "name", "unit"]
    assert "population" in [r[0] for r in rows[1:]]


def test_anonymous_requests_beyond_the_rate_are_refused_with_429(api, db, settings):
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "3/min"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        responses = [api(reverse("api:entries")) for _ in range(4)]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert int(responses[-1]["Retry-After"]) > 0


def test_schema_and_reference_describe_every_endpoint(client):
    schema = client.get(reverse("api:schema")).json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {
        "/api/v1/kommunen/{slug}/profil/",
        "/api/v1/intern/kommunen/{slug}/werkstattplan/",
    } <= paths
    html = client.get(reverse("api:docs")).content.decode()
    for path in paths:
        assert path in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all('src="/static/' in tag for tag in scripts)  # no inline/CDN script
    assert "Authorization: Bearer $ZWK_TOKEN" in html
