"""Permission matrix: every URL of the project × every role, with the expected status.

A URL pattern without an entry in MATRIX fails ``test_every_url_has_a_matrix_entry`` – so a
new view cannot land without deciding who may use it. Outsiders (member of another Kommune,
consultant not assigned) get 404 for a Kommune's pages: its existence is not revealed.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import UserFactory
from zwk.municipalities import services
from zwk.municipalities.models import ChecklistItem, Invitation, KickoffActor, Membership

ROLES = (
    "anonymous",
    "other_member",
    "unassigned_consultant",
    "member",
    "coordinator",
    "consultant",
    "office",
)
LOGIN = "login"  # expected: redirect to the login page


@dataclass
class Case:
    method: str
    expect: dict[str, object]
    kwargs: tuple[str, ...] = ()
    data: dict = field(default_factory=dict)


def everyone(code):
    return dict.fromkeys(ROLES, code)


def logged_in(code):
    return {**everyone(code), "anonymous": LOGIN}


def tenant(inside, *, member=None, coordinator=None, consultant=None, office=None):
    """Inside a Kommune: outsiders 404, anonymous to login, the rest as given."""
    return {
        "anonymous": LOGIN,
        "other_member": 404,
        "unassigned_consultant": 404,
        "member": member or inside,
        "coordinator": coordinator or inside,
        "consultant": consultant or inside,
        "office": office or inside,
    }


def office_only(code):
    return {**logged_in(403), "office": code}


LEADS = {"member": 403, "consultant": 403}

MATRIX: dict[str, Case] = {
    "home": Case("get", everyone(200)),
    "healthz": Case("get", everyone(200)),
    "accounts:login": Case("get", {**everyone(302), "anonymous": 200}),
    "accounts:logout": Case("post", everyone(302)),
    "accounts:account": Case("get", logged_in(200)),
    "accounts:password_change": Case("get", logged_in(200)),
    "accounts:password_change_done": Case("get", logged_in(200)),
    "accounts:password_reset": Case("get", everyone(200)),
    "accounts:password_reset_done": Case("get", everyone(200)),
    "accounts:password_reset_confirm": Case("get", everyone(200), ("uidb64", "token")),
    "accounts:password_reset_complete": Case("get", everyone(200)),
    "invitation_accept": Case("get", everyone(200), ("invitation_token",)),
    "set_language": Case("post", everyone(302), data={"language": "de", "next": "/"}),
    "municipalities:list": Case("get", logged_in(200)),
    "municipalities:create": Case("get", office_only(200)),
    "municipalities:workspace": Case("get", tenant(200), ("slug",)),
    "municipalities:edit": Case("get", tenant(200, **LEADS), ("slug",)),
    "municipalities:activity": Case("get", tenant(200), ("slug",)),
    "municipalities:logo": Case("get", everyone(200), ("slug",)),
    "municipalities:team": Case("get", tenant(200), ("slug",)),
    "municipalities:team_invite": Case("post", tenant(400, **LEADS), ("slug",)),
    "municipalities:consultant_assign": Case("post", tenant(403, office=400), ("slug",)),
    "municipalities:invitation_revoke": Case("post", tenant(302, **LEADS), ("slug", "invitation")),
    "municipalities:membership_edit": Case("get", tenant(200, **LEADS), ("slug", "membership")),
    "municipalities:membership_remove": Case("get", tenant(200, **LEADS), ("slug", "membership")),
    "municipalities:kickoff_agreement": Case("post", tenant(302), ("slug",)),
    "municipalities:kickoff_actor_add": Case("post", tenant(400), ("slug",)),
    "municipalities:kickoff_actor_remove": Case("get", tenant(200), ("slug", "actor")),
    "municipalities:step": Case("get", tenant(200), ("slug", "step")),
    "municipalities:step_edit": Case("post", tenant(400, member=403), ("slug", "step")),
    "municipalities:step_notes": Case("post", tenant(302), ("slug", "step")),
    "municipalities:checklist_add": Case("post", tenant(400), ("slug", "step")),
    "municipalities:checklist_toggle": Case(
        "post", tenant(302), ("slug", "step", "item"), {"done": "1"}
    ),
    "municipalities:checklist_delete": Case("get", tenant(200), ("slug", "step", "own_item")),
    "municipalities:document_upload": Case("post", tenant(400), ("slug", "step")),
    "municipalities:document_download": Case("get", tenant(200), ("slug", "step", "document")),
    "municipalities:document_delete": Case(
        "get", tenant(200, **LEADS), ("slug", "step", "document")
    ),
    "municipalities:template_download": Case("get", tenant(200), ("slug", "step", "template")),
    "office:dashboard": Case("get", office_only(200)),
    "office:invite": Case("get", office_only(200)),
    "office:checklist_templates": Case("get", office_only(200)),
    "office:checklist_template_edit": Case("get", office_only(200), ("template_item",)),
    "office:audit_log": Case("get", office_only(200)),
}

EXCLUDED_NAMESPACES = {"admin"}  # Django's admin: covered by test_admin_requires_staff


def _all_url_names(patterns=None, prefix=""):
    names = []
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in EXCLUDED_NAMESPACES:
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names.extend(_all_url_names(p.url_patterns, ns))
        elif isinstance(p, URLPattern) and p.name:
            names.append(prefix + p.name)
    return names


def test_every_url_has_a_matrix_entry():
    missing = sorted(set(_all_url_names()) - set(MATRIX))
    assert not missing, f"URL patterns without a permission matrix entry: {missing}"


@pytest.fixture
def world(
    municipality,
    other_municipality,
    office_user,
    coordinator,
    member,
    consultant,
    unassigned_consultant,
    other_member,
    pdf_upload,
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import PASSWORD  # noqa: F401  (documents where users come from)

    step = municipality.steps.get(kind="kickoff")
    document = services.document_upload(
        step=step, upload=pdf_upload(), title="Protokoll", doc_type="minutes", by=coordinator
    )
    own_item = services.checklist_item_add(step=step, text="Eigene Aufgabe", by=coordinator)
    invitation = services.invitation_create(
        email="neu@example.org", kind="member", municipality=municipality, by=coordinator
    )
    actor = KickoffActor.objects.create(municipality=municipality, name="Seniorenbeirat")
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
        b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    services.municipality_update(
        municipality=municipality,
        by=coordinator,
        data={},
        logo=SimpleUploadedFile("logo.png", png, "image/png"),
    )
    from zwk.municipalities.models import ChecklistTemplateItem

    return {
        "users": {
            "anonymous": None,
            "other_member": other_member,
            "unassigned_consultant": unassigned_consultant,
            "member": member,
            "coordinator": coordinator,
            "consultant": consultant,
            "office": office_user,
        },
        "kwargs": {
            "slug": municipality.slug,
            "step": "kickoff",
            "item": ChecklistItem.objects.filter(step=step, template_item__isnull=False).first().pk,
            "own_item": own_item.pk,
            "document": document.pk,
            "invitation": invitation.pk,
            "membership": Membership.objects.get(user=member, municipality=municipality).pk,
            "actor": actor.pk,
            "template": "einladung",
            "template_item": ChecklistTemplateItem.objects.first().pk,
            "uidb64": "MQ",
            "token": "ungueltig",
            "invitation_token": invitation.token,
        },
    }


URL_KWARG_NAMES = {
    "invitation_token": "token",
    "invitation": "pk",
    "membership": "pk",
    "actor": "pk",
    "document": "pk",
    "own_item": "item",
    "template": "name",
    "template_item": "pk",
}


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission_matrix(url_name, world, client_for):
    case = MATRIX[url_name]
    kwargs = {URL_KWARG_NAMES.get(k, k): world["kwargs"][k] for k in case.kwargs}
    url = reverse(url_name, kwargs=kwargs)
    mismatches = []
    for role in ROLES:
        client = client_for(world["users"][role])
        response = getattr(client, case.method)(url, case.data)
        expected = case.expect[role]
        if expected == LOGIN:
            ok = response.status_code == 302 and response["Location"].startswith(
                reverse("accounts:login")
            )
        else:
            ok = response.status_code == expected
        if not ok:
            mismatches.append(f"{role}: expected {expected}, got {response.status_code}")
    assert not mismatches, f"{case.method.upper()} {url}: " + "; ".join(mismatches)


def test_admin_requires_staff(client_for, db):
    plain = UserFactory(username="plain")
    response = client_for(plain).get("/verwaltung/")
    assert response.status_code == 302 and "/verwaltung/login/" in response["Location"]
    staff = UserFactory(username="staff", is_staff=True, is_superuser=True, is_office=True)
    assert client_for(staff).get("/verwaltung/").status_code == 200


def test_invitation_kinds_are_limited_by_role(world, client_for):
    """A coordinator may invite team members but not coordinators (403-free: the choice is refused)."""
    client = client_for(world["users"]["coordinator"])
    url = reverse("municipalities:team_invite", kwargs={"slug": world["kwargs"]["slug"]})
    response = client.post(
        url, {"invite-email": "chef@example.org", "invite-kind": Invitation.Kind.COORDINATOR}
    )
    assert response.status_code == 400
    assert not Invitation.objects.filter(email="chef@example.org").exists()
