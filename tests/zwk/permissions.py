"""Vocabulary of the permission matrix (see test_permission_matrix.py).

Each app declares its URLs in ``tests/zwk/<app>/matrix.py`` with ``MATRIX: dict[str, Case]``
and, if its URLs need objects, ``def build(world) -> dict`` returning extra URL kwargs.
``build`` also runs a second time for the other Kommune (the IDOR sweep, test_idor.py) with a
mirrored world – its Kommune and people – and ``world["suffix"]`` set: append
``world.get("suffix", "")`` to globally unique values (usernames, codes, slugs).
"""

from dataclasses import dataclass, field

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
    # Maps a world key to the URL's keyword when they differ (e.g. "document" → "pk").
    rename: dict[str, str] = field(default_factory=dict)


def everyone(code):
    return dict.fromkeys(ROLES, code)


def logged_in(code):
    return {**everyone(code), "anonymous": LOGIN}


def tenant(inside, *, member=None, coordinator=None, consultant=None, office=None):
    """Inside a Kommune: outsiders 404 (no existence leak), anonymous to login, the rest as given."""
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
