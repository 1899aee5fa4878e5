"""Tokens: shown once, stored hashed, scoped, revocable, expiring; strict tenancy (IDOR)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, membership
from zwk.accounts.models import AuditEntry
from zwk.api.models import ApiToken
from zwk.api.services import hash_token
from zwk.plans import services as plan_services

pytestmark = pytest.mark.django_db


def test_token_is_shown_once_and_stored_only_as_hash(client_for, member):
    client = client_for(member)
    response = client.post(
        reverse("api:tokens"),
        {"token-name": "Rathaus-Export", "token-scopes": ["read:plan"], "token-valid_days": "30"},
    )
    assert response.status_code == 200
    plain = response.context["plain"]
    assert plain.startswith("zwk_") and plain in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    token = ApiToken.objects.get(user=member)
    assert token.key_hash == hash_token(plain) and plain not in str(token.__dict__)
    assert token.scopes == ["read:plan"]
    assert 29 <= (token.expires_at - timezone.now()).days <= 30
    assert AuditEntry.objects.filter(action="api.token_created", actor=member).exists()
    # The list afterwards shows the prefix, never the token.
    listing = client.get(reverse("api:tokens")).content.decode()
    assert "Rathaus-Export" in listing and token.prefix in listing and plain not in listing


def test_invalid_token_form_is_400_and_keeps_the_input(client_for, member):
    response = client_for(member).post(
        reverse("api:tokens"), {"token-name": "Ohne Rechte", "token-valid_days": "30"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Bitte wählen Sie mindestens eine Berechtigung." in html and 'value="Ohne Rechte"' in html
    )
    assert not ApiToken.objects.exists()


def test_revoked_token_is_refused_and_revocation_is_audited(client_for, api, member, token_for):
    plain = token_for(member)
    url = reverse("api:own_municipalities")
    assert api(url, token=plain).status_code == 200
    token = ApiToken.objects.get(user=member)
    client = client_for(member)
    confirm = client.get(reverse("api:token_revoke", kwargs={"pk": token.pk}))
    assert "widerrufen" in confirm.content.decode()
    client.post(reverse("api:token_revoke", kwargs={"pk": token.pk}))
    client.logout()
    response = api(url, token=plain)
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"
    assert AuditEntry.objects.filter(action="api.token_revoked", actor=member).count() == 1


def test_nobody_revokes_another_persons_token(client_for, member, other_member, token_for):
    token_for(member)
    token = ApiToken.objects.get(user=member)
    client = client_for(other_member)
    assert client.post(reverse("api:token_revoke", kwargs={"pk": token.pk})).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expired_or_unknown_token_is_401_not_anonymous(api, member, token_for):
    plain = token_for(member)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    url = reverse("api:entries")  # a public endpoint: a bad token is still refused
    assert api(url, token=plain).status_code == 401
    assert api(url, token="zwk_dead_beef").status_code == 401
    assert api(url).status_code == 200


def test_last_use_is_recorded(api, member, token_for):
    plain = token_for(member)
    api(reverse("api:own_municipalities"), token=plain)
    assert ApiToken.objects.get(user=member).last_used_at is not None


def test_token_sees_only_its_users_kommunen(
    api, member, municipality, other_municipality, token_for
):
    plain = token_for(member)
    rows = api(reverse("api:own_municipalities"), token=plain).json()["results"]
    assert [r["slug"] for r in rows] == [municipality.slug]
    assert {s["kind"] for s in rows[0]["steps"]}  # process steps come along
    for name in ("own_municipality", "own_profile", "own_plan"):
        url = reverse(f"api:{name}", kwargs={"slug": other_municipality.slug})
        assert api(url, token=plain).status_code == 404, name
        missing = reverse(f"api:{name}", kwargs={"slug": "gibt-es-nicht"})
        assert api(missing, token=plain).status_code == 404, name


def test_scopes_limit_what_a_token_reads(api, member, municipality, token_for):
    plain = token_for(member, scopes=("read:kommune",))
    slug = {"slug": municipality.slug}
    assert api(reverse("api:own_municipality", kwargs=slug), token=plain).status_code == 200
    assert api(reverse("api:own_plan", kwargs=slug), token=plain).status_code == 403
    assert api(reverse("api:own_profile", kwargs=slug), token=plain).status_code == 403


def test_own_plan_includes_the_draft_that_the_public_never_sees(
    api, member, municipality, token_for, coordinator
):
    plan = plan_services.plan_for(municipality)
    plan_services.measure_create(
        plan=plan, by=coordinator, data={"title": "Entwurf Jugendtreff", "responsible": "Frau A."}
    )
    plain = token_for(member, scopes=("read:plan",))
    data = api(reverse("api:own_plan", kwargs={"slug": municipality.slug}), token=plain).json()
    assert data["status"] == "draft" and data["published"] is False
    assert data["measures"][0]["title"] == "Entwurf Jugendtreff"
    assert data["measures"][0]["responsible"] == "Frau A."
    assert api(reverse("api:plan", kwargs={"slug": municipality.slug})).status_code == 404


def test_own_data_is_never_cached_by_proxies(api, member, token_for):
    response = api(reverse("api:own_municipalities"), token=token_for(member))
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert not any(d.startswith(("public", "s-maxage")) for d in directives)
    assert "Authorization" in response["Vary"]


def test_office_token_sees_every_kommune_consultant_only_assigned(
    api, office_user, consultant, municipality, other_municipality, token_for
):
    office_rows = api(reverse("api:own_municipalities"), token=token_for(office_user)).json()
    assert {r["slug"] for r in office_rows["results"]} == {
        municipality.slug,
        other_municipality.slug,
    }
    rows = api(reverse("api:own_municipalities"), token=token_for(consultant)).json()["results"]
    assert [r["slug"] for r in rows] == [municipality.slug]


def test_leaving_a_kommune_ends_the_tokens_access(api, municipality, token_for):
    leaver = UserFactory(username="weggezogen")
    m = membership(leaver, municipality)
    plain = token_for(leaver)
    url = reverse("api:own_municipality", kwargs={"slug": municipality.slug})
    assert api(url, token=plain).status_code == 200
    m.delete()
    assert api(url, token=plain).status_code == 404


def test_per_user_rate_limit_applies_to_tokens(api, member, token_for):
    from rest_framework.throttling import SimpleRateThrottle

    plain = token_for(member)
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = {**original, "user": "2/min"}
    try:
        codes = [api(reverse("api:own_municipalities"), token=plain).status_code for _ in range(3)]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
    assert codes == [200, 200, 429]


def test_personal_data_export_has_no_secret_and_erasure_removes_tokens(member, token_for):
    from zwk.core import personal_data

    plain = token_for(member)
    provider = next(p for p in personal_data.providers() if p.key == "api")
    exported = provider.export(member)
    assert exported[0]["name"] == "Test" and plain not in str(exported)
    assert ApiToken.objects.get(user=member).key_hash not in str(exported)
    assert provider.erase(member) == 1 and not ApiToken.objects.filter(user=member).exists()
