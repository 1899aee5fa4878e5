"""Permission matrix: every URL of the project × every role, with the expected status.

Each app declares its URLs in ``tests/zwk/<app>/matrix.py`` (vocabulary in
``tests/zwk/permissions.py``). A URL pattern without an entry fails
``test_every_url_has_a_matrix_entry`` – so a new view cannot land without deciding who may use
it. Outsiders (member of another Kommune, consultant not assigned) get 404 for a Kommune's
pages: its existence is not revealed.
"""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.zwk
from tests.factories import MunicipalityFactory, UserFactory, assign, membership
from tests.zwk.permissions import LOGIN, ROLES, Case, everyone
from zwk.municipalities.models import Invitation, Membership

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"

CORE_MATRIX = {
    "home": Case("get", everyone(200)),
    "healthz": Case("get", everyone(200)),
    # Start page after login: office, team and members of one Kommune are sent on (302),
    # consultants see their Kommunen and open requests.
    "start": Case(
        "get",
        {
            **everyone(302),
            "anonymous": LOGIN,
            "consultant": 200,
            "unassigned_consultant": 200,
        },
    ),
    "set_language": Case("post", everyone(302), data={"language": "de", "next": "/"}),
}

APP_MODULES = [
    importlib.import_module(f"tests.zwk.{info.name}.matrix")
    for info in pkgutil.iter_modules(tests.zwk.__path__)
    if info.ispkg and importlib.util.find_spec(f"tests.zwk.{info.name}.matrix")
]
MATRIX: dict[str, Case] = dict(CORE_MATRIX)
for module in APP_MODULES:
    duplicate = set(MATRIX) & set(module.MATRIX)
    assert not duplicate, f"URL names declared twice in the permission matrix: {duplicate}"
    MATRIX.update(module.MATRIX)

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
    stale = sorted(set(MATRIX) - set(_all_url_names()))
    assert not stale, f"Permission matrix entries for URLs that do not exist: {stale}"


def _build_world() -> dict:
    municipality = MunicipalityFactory(name="Musterdorf", slug="musterdorf", ags="09180999")
    other = MunicipalityFactory(
        name="Nachbarstadt", slug="nachbarstadt", ags="09181999", kind="stadt"
    )
    # The same Kommunen and users as the fixtures of tests/django_fixtures.py.
    coordinator, member, other_member = (
        UserFactory(username=name) for name in ("koordination", "team", "fremd")
    )
    membership(coordinator, municipality, Membership.Role.COORDINATOR)
    membership(member, municipality)
    membership(other_member, other, Membership.Role.COORDINATOR)
    consultant = UserFactory(username="beratung")
    assign(consultant, municipality)
    world = {
        "municipality": municipality,
        "other_municipality": other,
        "users": {
            "anonymous": None,
            "other_member": other_member,
            "unassigned_consultant": UserFactory(username="beratung-fremd", is_consultant=True),
            "member": member,
            "coordinator": coordinator,
            "consultant": consultant,
            "office": UserFactory(username="office", is_office=True),
        },
        "kwargs": {"slug": municipality.slug},
    }
    for module in APP_MODULES:
        if hasattr(module, "build"):
            world["kwargs"].update(module.build(world))
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One Kommune with every role and every app's objects – built once for this module.

    Building it for each of the ~300 URLs cost minutes. It lives in a transaction that is
    rolled back after the module; each test runs in a savepoint inside it (pytest-django's
    ``db``), so what a POST case changes is undone before the next URL."""
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=[FAST_HASHER]),
        transaction.atomic(),
    ):
        world = _build_world()
        world["media_root"] = media
        yield world
        transaction.set_rollback(True)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission_matrix(url_name, world, db, client_for, settings):
    settings.MEDIA_ROOT = world["media_root"]  # uploads of the world's objects
    case = MATRIX[url_name]
    kwargs = {case.rename.get(k, k): world["kwargs"][k] for k in case.kwargs}
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


def test_coordinator_cannot_invite_coordinators(world, db, client_for):
    client = client_for(world["users"]["coordinator"])
    url = reverse("municipalities:team_invite", kwargs={"slug": world["kwargs"]["slug"]})
    response = client.post(
        url, {"invite-email": "chef@example.org", "invite-kind": Invitation.Kind.COORDINATOR}
    )
    assert response.status_code == 400
    assert not Invitation.objects.filter(email="chef@example.org").exists()
