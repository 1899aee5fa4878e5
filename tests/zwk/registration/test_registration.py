"""Kommune anmelden: search, form, bad input, e-mail confirmation, the office's decision and
what the applicant may see before and after it."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.factories import MunicipalityFactory, UserFactory, membership
from tests.zwk.registration.helpers import gemeindeverzeichnis
from zwk.accounts.models import AuditEntry
from zwk.municipalities.models import Invitation, Membership, Municipality
from zwk.profiles.models import Profile
from zwk.registration import selectors, services
from zwk.registration.models import Application

APPLY = reverse("registration:apply")


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()  # rate-limit counters of other tests
    yield
    cache.clear()


@pytest.fixture
def gv(db):
    return gemeindeverzeichnis()


def _form(**over):
    data = {
        "anmeldung-ags": "06631009",
        "anmeldung-kind": "stadt",
        "anmeldung-local_name": "",
        "anmeldung-person_name": "Petra Planer",
        "anmeldung-function": "Sozialplanung",
        "anmeldung-email": "p.planer@fulda.example",
        "anmeldung-consent": "on",
    }
    data.update({f"anmeldung-{k}": v for k, v in over.items()})
    return data


def _confirm_path(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/kommune-anmelden/bestaetigen/[^\s]+/)", body)
    assert match, body
    return match.group(1)


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("fuld", ["06631009", "06631"]),  # name, part of it, Gemeinde and Kreis
        ("36037", ["06631009"]),  # PLZ
        ("06631009", ["06631009"]),  # AGS
        ("06631", ["06631"]),  # Kreis key
        ("123", []),
        ("x", []),
    ],
)
def test_search_by_name_plz_and_ags(gv, query, codes):
    assert sorted(p.ags for p in selectors.search_places(query)) == sorted(codes)


def test_search_page_tells_whom_to_ask_for_an_existing_kommune(gv, client):
    MunicipalityFactory(name="Stadt Fulda", slug="fulda", ags="06631009", kind="stadt")
    coordinator = UserFactory(username="chefin", first_name="Geheim", email="geheim@fulda.example")
    membership(coordinator, Municipality.objects.get(slug="fulda"), Membership.Role.COORDINATOR)
    response = client.get(reverse("registration:start"), {"q": "Fulda"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "arbeitet schon auf der Plattform" in text and "Koordination" in text
    assert "geheim@fulda.example" not in text and "Geheim" not in text


# --- the form: success, repeat, bad input -----------------------------------------------------


def test_apply_confirm_and_nothing_twice(gv, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, _form())
    assert response.status_code == 302 and response["Location"] == reverse("registration:sent")
    application = Application.objects.get()
    assert application.status == Application.Status.UNCONFIRMED
    assert application.name == "Fulda" and application.land == "06"
    assert not application.private_domain
    assert mail.outbox[-1].to == ["p.planer@fulda.example"]
    path = _confirm_path(mail.outbox[-1].body)

    # the same submission again: the same application, no second one
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(APPLY, _form())
    assert again.status_code == 302
    assert Application.objects.count() == 1

    office = UserFactory(username="gs", is_office=True, email="gs@zwk.example")
    assert client.get(path).status_code == 200  # GET only asks
    assert Application.objects.get().status == Application.Status.UNCONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(path)
    assert done.status_code == 200
    assert Application.objects.get().status == Application.Status.PENDING
    assert any(m.to == [office.email] for m in mail.outbox)
    # the link a second time: no change, a clear page
    assert client.post(path).status_code == 200
    assert Application.objects.get().status == Application.Status.PENDING
    # the pending application again: still one
    client.post(APPLY, _form())
    assert Application.objects.count() == 1
    assert AuditEntry.objects.filter(action="registration.applied").count() == 1


def test_unknown_ags_is_refused_in_german_with_the_input_kept(gv, client):
    response = client.post(APPLY, _form(ags="06631999"))
    text = response.content.decode()
    assert response.status_code == 400
    assert "gibt es im Gemeindeverzeichnis der Plattform nicht" in text
    assert 'value="Petra Planer"' in text
    assert not Application.objects.exists()


def test_malformed_ags_and_missing_fields(gv, client):
    response = client.post(APPLY, _form(ags="abc", email="kein-mail", consent=""))
    text = response.content.decode()
    assert response.status_code == 400
    assert "8 Ziffern" in text and "Hinweise gelesen" in text
    assert not Application.objects.exists()


def test_existing_kommune_cannot_be_registered_again(gv, client):
    MunicipalityFactory(name="Fulda", slug="fulda", ags="06631009", kind="stadt")
    response = client.post(APPLY, _form())
    assert response.status_code == 400
    assert "arbeitet schon auf der Plattform" in response.content.decode()
    assert not Application.objects.exists()


def test_quartier_of_an_existing_city_may_register_and_needs_a_name(gv, client):
    MunicipalityFactory(name="Fulda", slug="fulda", ags="06631009", kind="stadt")
    response = client.post(APPLY, _form(kind="quartier"))
    assert response.status_code == 400
    assert "Namen des Quartiers" in response.content.decode()
    response = client.post(APPLY, _form(kind="quartier", local_name="Ziehers-Nord"))
    assert response.status_code == 302
    assert Application.objects.get().display_name == "Fulda – Ziehers-Nord"


def test_kind_must_fit_the_level(gv, client):
    response = client.post(APPLY, _form(ags="06631", kind="gemeinde"))
    assert response.status_code == 400
    assert "Landkreis" in response.content.decode()
    assert not Application.objects.exists()


def test_private_mail_domain_is_allowed_but_flagged(gv, client):
    assert client.post(APPLY, _form(email="petra@gmx.de")).status_code == 302
    assert Application.objects.get().private_domain is True


def test_the_public_form_is_rate_limited(gv, client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "registration.apply": "2/1h"}
    for n in range(2):
        assert client.post(APPLY, _form(email=f"p{n}@fulda.example")).status_code == 302
    response = client.post(APPLY, _form(email="p9@fulda.example"))
    assert response.status_code == 429
    assert "sehr viele Anmeldungen" in response.content.decode()
    assert Application.objects.count() == 2


def test_broken_or_expired_link(gv, client):
    response = client.post(reverse("registration:confirm", kwargs={"token": "kaputt"}))
    assert response.status_code == 400
    assert "ungültig" in response.content.decode()


# --- the office's decision ------------------------------------------------------------------


def _pending(gv, **over):
    place = selectors.place("06631009")
    application, _created = services.apply(
        place=place,
        kind=over.get("kind", "stadt"),
        person_name="Petra Planer",
        function="Sozialplanung",
        email=over.get("email", "p.planer@fulda.example"),
    )
    services.confirm(token=services.confirm_token(application))
    application.refresh_from_db()
    return application


def test_approval_creates_the_kommune_with_official_data_and_invites_the_coordinator(
    gv, office_user, client_for, django_capture_on_commit_callbacks
):
    application = _pending(gv)
    client = client_for(office_user)
    assert client.get(reverse("registration_office:queue")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registration_office:approve", kwargs={"pk": application.pk})
        )
    assert response.status_code == 302
    application.refresh_from_db()
    m = application.municipality
    assert application.status == Application.Status.APPROVED
    assert (m.name, m.kind, m.ags, m.land, m.population) == (
        "Fulda",
        "stadt",
        "06631009",
        "06",
        70000,
    )
    assert m.population_date.year == 2023
    assert float(m.longitude) == pytest.approx(9.68)
    assert Profile.objects.filter(municipality=m).exists()
    assert m.steps.count() == 5
    invitation = Invitation.objects.get(municipality=m)
    assert invitation.kind == Invitation.Kind.COORDINATOR
    assert invitation.email == "p.planer@fulda.example"
    # the applicant is no coordinator until they accept the invitation
    assert not Membership.objects.filter(municipality=m).exists()
    subjects = [x.subject for x in mail.outbox if x.to == ["p.planer@fulda.example"]]
    assert any("freigeschaltet" in s for s in subjects) and len(subjects) == 2
    assert AuditEntry.objects.filter(action="registration.approved", municipality=m).exists()
    # a second approval creates nothing
    again = client.post(reverse("registration_office:approve", kwargs={"pk": application.pk}))
    assert again.status_code == 400
    assert Municipality.objects.filter(ags="06631009").count() == 1


def test_applicant_with_an_account_sees_the_kommune_only_after_accepting(
    gv, office_user, client_for
):
    applicant = UserFactory(username="petra", email="p.planer@fulda.example")
    application = _pending(gv)
    services.approve(application=application, by=office_user)
    m = Application.objects.get().municipality
    client = client_for(applicant)
    assert client.get(m.get_absolute_url()).status_code == 404
    invitation = Invitation.objects.get(municipality=m)
    services_m = __import__("zwk.municipalities.services", fromlist=["invitation_accept"])
    services_m.invitation_accept(invitation=invitation, user=applicant)
    assert Membership.objects.get(user=applicant, municipality=m).role == "coordinator"
    response = client.get(m.get_absolute_url())
    assert response.status_code == 200
    assert "Mit dem ersten Schritt beginnen: Kick-off" in response.content.decode()


def test_rejection_needs_a_reason_and_the_applicant_sees_nothing(
    gv, office_user, client_for, django_capture_on_commit_callbacks
):
    applicant = UserFactory(username="petra", email="p.planer@fulda.example")
    application = _pending(gv)
    client = client_for(office_user)
    url = reverse("registration_office:reject", kwargs={"pk": application.pk})
    assert client.post(url, {"ablehnung-reason": "  "}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"ablehnung-reason": "Keine Verwaltungsadresse."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    assert not Municipality.objects.filter(ags="06631009").exists()
    assert not Invitation.objects.exists()
    assert "Keine Verwaltungsadresse." in mail.outbox[-1].body
    own = client_for(applicant)
    assert (
        own.get(reverse("registration_office:detail", kwargs={"pk": application.pk})).status_code
        == 403
    )
    assert own.get(reverse("municipalities:list")).status_code == 200
    assert not Membership.objects.filter(user=applicant).exists()


def test_approval_refused_when_the_kommune_appeared_meanwhile(gv, office_user, client_for):
    application = _pending(gv)
    MunicipalityFactory(name="Fulda", slug="fulda", ags="06631009", kind="stadt")
    response = client_for(office_user).post(
        reverse("registration_office:approve", kwargs={"pk": application.pk})
    )
    assert response.status_code == 400
    assert "gibt es inzwischen" in response.content.decode()
    assert Application.objects.get().status == Application.Status.PENDING


def test_queue_filters(gv, office_user, client_for):
    _pending(gv, email="petra@gmx.de")
    client = client_for(office_user)
    url = reverse("registration_office:queue")
    assert "Fulda" in client.get(url, {"privat": "ja"}).content.decode()
    assert "Fulda" not in client.get(url, {"privat": "nein"}).content.decode()
    assert "Fulda" not in client.get(url, {"status": "approved"}).content.decode()
    assert "Fulda" in client.get(url, {"q": "0663"}).content.decode()


def test_personal_data_export_and_erasure(gv):
    from zwk.registration import personal

    _pending(gv)
    user = UserFactory(username="petra", email="P.Planer@fulda.example")
    assert [row["Name"] for row in personal.export_user(user)] == ["Petra Planer"]
    assert personal.erase_user(user) == 1
    assert not Application.objects.filter(email__iexact="p.planer@fulda.example").exists()
    assert not Application.objects.filter(person_name="Petra Planer").exists()


def test_import_postal_codes(db, tmp_path):
    import io

    from django.core.management import call_command

    from zwk.registration.models import PostalCode

    path = tmp_path / "plz.csv"
    path.write_text("plz;ags\n36037;06631009\n36041;6631009\nxx;1\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_postal_codes", str(path), stdout=out)
    assert "2 Postleitzahlen neu" in out.getvalue() and "1 Zeilen ungültig" in out.getvalue()
    call_command("import_postal_codes", str(path), stdout=io.StringIO())
    assert PostalCode.objects.count() == 2
