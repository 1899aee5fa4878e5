"""DSGVO: legal texts, export of a person's data, erasure that leaves nothing behind,
the processing register and the office's request tools."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, UserFactory
from zwk.accounts.models import AuditEntry
from zwk.accounts.services import audit_record
from zwk.core import personal_data
from zwk.municipalities.models import Invitation, Membership
from zwk.newsletter import services as newsletter
from zwk.privacy import services

pytestmark = pytest.mark.django_db

SECRETS = (
    "Zacharias",
    "Quellbrunn",
    "zq-geheim@example.org",
    "zquell",
    "0171-5550123",
    "Quellwerk",
)


@pytest.fixture(autouse=True)
def _reset_axes():
    from axes.utils import reset

    reset()
    yield
    reset()


@pytest.fixture
def person(municipality):
    """A coordinator with traces in many places: audit log, sessions, 2FA, an invitation,
    a newsletter subscription and a log line that names him."""
    user = UserFactory(
        username="zquell",
        first_name="Zacharias",
        last_name="Quellbrunn",
        email="zq-geheim@example.org",
        phone="0171-5550123",
        organisation="Quellwerk",
    )
    Membership.objects.create(user=user, municipality=municipality, role="coordinator")
    client = Client(HTTP_USER_AGENT="Testbrowser", REMOTE_ADDR="192.0.2.44")
    client.post(reverse("accounts:login"), {"username": "zquell", "password": PASSWORD})
    Client().post(reverse("accounts:login"), {"username": "zquell", "password": "falsch"})
    TOTPDevice.objects.create(user=user, name="Handy von Zacharias", confirmed=True)
    Invitation.objects.create(
        email="zq-geheim@example.org",
        kind="team",
        municipality=municipality,
        token="t" * 40,
        expires_at=timezone.now() + timedelta(days=14),
    )
    audit_record(actor=None, action="test.note", message="Zacharias Quellbrunn eingeladen")
    newsletter.signup_request(email="zq-geheim@example.org", topics=[])
    return user, client


def _rows_mentioning(secrets) -> list[str]:
    """Every text value in every table that still contains one of the secrets."""
    found = []
    for model in apps.get_models():
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*[f.attname for f in fields]):
            text = json.dumps(row, ensure_ascii=False, default=str).lower()
            found += [f"{model._meta.label}: {s}" for s in secrets if s.lower() in text]
    return found


def test_export_contains_the_account_and_every_app(person):
    user, client = person
    page = client.get(reverse("privacy:my_data"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "zq-geheim@example.org" in text and "Testbrowser" in text
    download = client.get(reverse("privacy:my_data_json"))
    assert download["Content-Disposition"].startswith("attachment;")
    data = json.loads(download.content)
    assert data["Konto"]["E-Mail-Adresse"] == "zq-geheim@example.org"
    assert [m["Rolle"] for m in data["Mitgliedschaften"]] == ["Koordination"]
    for provider in personal_data.providers():
        assert str(provider.label) in data
    assert AuditEntry.objects.filter(action="privacy.export", actor=user).exists()


def test_erasure_leaves_no_personal_data_anywhere(person):
    user, client = person
    assert _rows_mentioning(SECRETS), "the fixture must leave traces, else this test proves nothing"
    response = client.post(
        reverse("privacy:erase_account"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    left = _rows_mentioning(SECRETS)
    assert left == [], left
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    # Signed out, and the log keeps the fact but not the person.
    assert client.get(reverse("accounts:account")).status_code == 302
    assert AuditEntry.objects.filter(action="privacy.person_erased").exists()
    assert AuditEntry.objects.filter(action="auth.login", actor=user).get().ip_address is None
    assert (
        not Client()
        .post(reverse("accounts:login"), {"username": "zquell", "password": PASSWORD})
        .has_header("Location")
    )


def test_erasure_needs_the_password_and_the_confirmation(person):
    user, client = person
    wrong = client.post(reverse("privacy:erase_account"), {"password": "falsch", "confirm": "on"})
    assert wrong.status_code == 400 and "Das Passwort stimmt nicht" in wrong.content.decode()
    unconfirmed = client.post(reverse("privacy:erase_account"), {"password": PASSWORD})
    assert unconfirmed.status_code == 400
    user.refresh_from_db()
    assert user.is_active and user.email == "zq-geheim@example.org"


def test_erasure_is_all_or_nothing(person, monkeypatch):
    user, _client = person

    def broken(_user):
        raise RuntimeError("app kaputt")

    personal_data.register("zz-broken", label="kaputt", export=lambda u: {}, erase=broken)
    try:
        with pytest.raises(RuntimeError):
            services.erase_person(user=user, by=user)
    finally:
        personal_data._providers.pop("zz-broken")
    user.refresh_from_db()
    assert user.email == "zq-geheim@example.org"
    assert Membership.objects.filter(user=user).exists()
    assert TOTPDevice.objects.filter(user=user).exists()


def test_office_answers_a_request_for_someone_else(person, office_user, client_for):
    user, _client = person
    client = client_for(office_user)
    found = client.get(reverse("privacy:requests"), {"q": "quellbrunn"})
    assert "zq-geheim@example.org" in found.content.decode()
    export = client.get(reverse("privacy:person_export", args=[user.pk]))
    assert json.loads(export.content)["Konto"]["Nachname"] == "Quellbrunn"
    confirm = client.get(reverse("privacy:person_erase", args=[user.pk]))
    assert "Endgültig löschen" in confirm.content.decode()
    client.post(reverse("privacy:person_erase", args=[user.pk]))
    left = _rows_mentioning(SECRETS)
    assert left == [], left


def test_legal_texts_are_versioned_and_sanitised(office_user, client_for):
    client = client_for(office_user)
    default = Client().get(reverse("imprint")).content.decode()
    assert "Angaben gemäß § 5 DDG" in default
    url = reverse("privacy:legal_edit", args=["imprint"])
    client.post(
        url, {"body": "<h2>Impressum</h2><p>Stadt Musterstadt</p><script>alert(1)</script>"}
    )
    client.post(url, {"body": '<p>Version zwei <a href="javascript:alert(1)">x</a></p>'})
    page = Client().get(reverse("imprint")).content.decode()
    assert "Version zwei" in page and "Version 2" in page
    assert "<script>alert" not in page and "javascript:" not in page
    assert client.post(url, {"body": ""}).status_code == 400
    assert client.get(reverse("privacy:legal_edit", args=["gibtsnicht"])).status_code == 404


def test_processing_register_lists_every_app(office_user, client_for):
    client = client_for(office_user)
    page = client.get(reverse("privacy:register")).content.decode()
    for provider in personal_data.providers():
        assert str(provider.label) in page
    csv = client.get(reverse("privacy:register_csv"))
    assert csv["Content-Type"].startswith("text/csv")
    assert "Benutzerkonten und Anmeldung" in csv.content.decode("utf-8-sig")


def test_footer_links_the_legal_pages(client):
    page = client.get(reverse("home")).content.decode()
    assert reverse("privacy:notice") in page and reverse("imprint") in page
