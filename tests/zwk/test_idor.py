"""IDOR sweep: every object URL of the permission matrix with another Kommune's object ids.

The permission matrix checks who may open a URL with the test Kommune's own objects. Here the
same objects are built a second time for the other Kommune (``build(world)`` of each app's
``matrix.py``, called with a mirrored world: the other Kommune, its coordination, team and
consultant), and then

* the test Kommune's coordination and the office (team or consultant where only they get
  through to their own object) request the URL with the test Kommune's slug but the *other*
  Kommune's object ids,
* the other Kommune's coordination and the office request it with the other Kommune's slug
  and the test Kommune's ids (the reverse shape),
* nested objects (a workshop's card, a request's day log, a draft's material) are also
  requested one at a time inside an own parent,
* URLs without a Kommune in the path (drafts, profiles, posts, tokens, sessions) are requested
  with the other side's object by those who own such an object on this side,

each with GET and POST (the matrix's data for POST cases, an empty form otherwise – which is
what a delete confirmation posts). Every answer must be 403 or 404 (405 for a POST to a
GET-only view or the reverse) and the database must be unchanged afterwards. Object URLs that are public or
programme-wide by design are listed in ``EXCEPTIONS`` with the reason;
``test_every_object_url_is_swept_or_excepted`` fails for a new object URL that is neither.
"""

from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.factories import MunicipalityFactory, UserFactory, assign, membership
from tests.zwk.permissions import LOGIN
from tests.zwk.test_permission_matrix import (  # noqa: F401  (fixture)
    APP_MODULES,
    EXCLUDED_NAMESPACES,
    MATRIX,
    world,
)

# World keys that name no object of a Kommune (or only one *inside* the Kommune of the path).
NOT_OBJECTS = {
    "slug": "the Kommune itself: outsiders are the permission matrix's other_member (404)",
    "step": "a step kind (kickoff …), looked up inside the Kommune of the path",
    "template": "name of a static document template",
    "fmt": "export format",
    "table": "name of an export table",
    "kind": "kind of legal text (privacy/imprint)",
    "cs_year": "a year",
    "ws_action": "name of a phase action",
    "ws_fmt": "download format of a participant's own data",
    "suggestion": "rule key of a computed SWOT suggestion",
    "pl_version": "version number inside the Kommune's own plan",
    "tb_version": "version number inside the entry of the path",
    "pa_fmt": "export format of a survey's answers",
    "pa_page": "page number inside the survey of the path",
    "part": "video or captions of the same explainer video",
}

# Object URLs that are not swept, one line of reason each.
EXCEPTIONS = {
    "announcements:detail": "announcements belong to the office, no Kommune",
    "announcements:edit": "announcements belong to the office, no Kommune",
    "announcements:send": "announcements belong to the office, no Kommune",
    "announcements:delete": "announcements belong to the office, no Kommune",
    "accounts:password_reset_confirm": "signed one-time token: holding it is the authorisation",
    "invitation_accept": "invitation token: holding the link is the authorisation",
    "api:municipality": "public data of a published Kommune",
    "api:profile": "public data of a published Kommune",
    "api:projection": "public data of a published Kommune",
    "api:plan": "public data of a published Kommune",
    "api:entry": "published toolbox entries are public",
    "api:event": "published events are public",
    "consulting:profile": "the consultant pool is visible to everyone in the programme",
    "consulting:photo": "the consultant pool is visible to everyone in the programme",
    "exchange:detail": "published events are public",
    "exchange:register": "published events are open for registration",
    "exchange:ics": "published events are public",
    "exchange:slides": "published events are public",
    "exchange:registration": "signed registration token: holding the link is the authorisation",
    "exchange:registration_ics": "signed registration token",
    "exchange:registration_cancel": "signed registration token",
    "network:theme": "discussions are programme-wide",
    "network:thread_create": "discussions are programme-wide",
    "network:theme_subscribe": "discussions are programme-wide",
    "network:thread": "discussions are programme-wide",
    "network:thread_subscribe": "discussions are programme-wide",
    "network:post_report": "anyone in the programme may report anyone's post",
    "network:thread_lock": "office moderation is programme-wide",
    "network:post_hide": "office moderation is programme-wide",
    "network:post_show": "office moderation is programme-wide",
    "network:report_dismiss": "office moderation is programme-wide",
    "newsletter:confirm": "signed subscriber token",
    "newsletter:preferences": "signed subscriber token",
    "newsletter:unsubscribe": "signed subscriber token",
    "newsletter:archive_detail": "sent issues are public",
    "newsletter:issue_detail": "issues belong to the office, no Kommune",
    "newsletter:issue_edit": "issues belong to the office, no Kommune",
    "newsletter:issue_preview": "issues belong to the office, no Kommune",
    "newsletter:issue_test": "issues belong to the office, no Kommune",
    "newsletter:issue_schedule": "issues belong to the office, no Kommune",
    "newsletter:issue_unschedule": "issues belong to the office, no Kommune",
    "newsletter:issue_send": "issues belong to the office, no Kommune",
    "newsletter:issue_delete": "issues belong to the office, no Kommune",
    "office:checklist_template_edit": "programme-wide template, office only",
    "registration:confirm": "signed one-time token: holding the link is the authorisation",
    "registration:video_file": "explainer videos are programme-wide, for everyone signed in",
    "registration_office:detail": "applications to register a Kommune go to the office, no Kommune",
    "registration_office:approve": "applications to register a Kommune go to the office, no Kommune",
    "registration_office:reject": "applications to register a Kommune go to the office, no Kommune",
    "registration_office:round_detail": "funding rounds are programme-wide, office only",
    "registration_office:round_assign": "funding rounds are programme-wide, office only",
    "registration_office:round_remove": "funding rounds are programme-wide, office only",
    "registration_office:round_report": "funding rounds are programme-wide, office only",
    "registration_office:round_report_xlsx": "funding rounds are programme-wide, office only",
    "registration_office:video_delete": "explainer videos are programme-wide, office only",
    "privacy:person_export": "the office answers requests about any person by design",
    "privacy:person_erase": "the office answers requests about any person by design",
    "accessibility:feedback_mark_done": "accessibility feedback goes to the office, no Kommune",
    "toolbox:rate": "published toolbox entries are public",
    "participation:teacher": "secret teacher link of a school class: holding it is the authorisation",
    "participation:teacher_consent": "secret teacher link: holding it is the authorisation",
    "participation:teacher_decide": "secret teacher link; contributions looked up inside its class",
    "toolbox:bookmark": "published entries; the bookmark is always the requester's own",
    # Participants: the join code is public; a participant's cookie reaching another
    # workshop's cards is tested in workshops/test_participant_views.py
    # (participant of another workshop).
    "participate:entry": "public join code",
    "participate:privacy": "public join code",
    "participate:live": "public join code; participant identity from the cookie",
    "participate:stream": "public join code; participant identity from the cookie",
    "participate:card_create": "public join code; participant identity from the cookie",
    "participate:vote": "card looked up inside the cookie's workshop (test_participant_views)",
    "participate:unvote": "card looked up inside the cookie's workshop (test_participant_views)",
    "participate:card_photo": "card looked up inside the cookie's workshop (test_participant_views)",
    "participate:plain_language": "public join code; only sets a display cookie",
    # A participant's own data: who comes from the cookie (or the Teilnahmecode), never from
    # an id in the URL; other participants, other workshops and accounts are tested in
    # workshops/test_participant_rights.py (test_participant_data_permission_matrix).
    "participate:my_data": "public join code; participant identity from the cookie or code",
    "participate:my_data_download": "public join code; participant identity from the cookie",
    "participate:my_data_delete": "public join code; participant identity from the cookie",
}

# Rows that a refused request may legitimately write.
VOLATILE = {
    "accounts.AuditEntry": "refused attempts may be logged",
    "accounts.UserSession": "last activity of the requesting session",
}

# A URL answers 403/404 – or 405 to GET on a POST-only view (and the reverse).
REFUSED = {403, 404, 405}
# Shared with the other Kommune by construction: the reverse shape uses a third Kommune.
REVERSE_VIA_THIRD = {
    "network:conversation": "the test Kommune's conversation is with the other",
    "announcements:dismiss": "the test world's announcement went to all Kommunen (before the third)",
}

# Without a Kommune in the path: the people who own such an object on this side (the office
# may edit every draft and profile by design).
OWNERS = ("coordinator", "member", "consultant")


def _object_keys(name):
    return [k for k in MATRIX[name].kwargs if k not in NOT_OBJECTS]


SWEPT = sorted(n for n in MATRIX if _object_keys(n) and n not in EXCEPTIONS)


def _pattern_kwargs(patterns=None, prefix="", inherited=()):
    found = {}
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        own = tuple(getattr(p.pattern, "converters", {})) or tuple(p.pattern.regex.groupindex)
        if isinstance(p, URLResolver):
            if p.namespace in EXCLUDED_NAMESPACES:
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            found.update(_pattern_kwargs(p.url_patterns, ns, inherited + own))
        elif isinstance(p, URLPattern) and p.name:
            found[prefix + p.name] = set(inherited + own)
    return found


def test_every_object_url_is_swept_or_excepted():
    with_objects = {
        name for name, kwargs in _pattern_kwargs().items() if kwargs - {"slug"} and name in MATRIX
    }
    unswept = sorted(
        n for n in with_objects if n not in EXCEPTIONS and n not in SWEPT and _object_keys(n)
    )
    assert not unswept, f"Object URLs neither swept nor excepted: {unswept}"
    stale = sorted(set(EXCEPTIONS) - set(MATRIX))
    assert not stale, f"IDOR exceptions for URLs that do not exist: {stale}"
    pointless = sorted(n for n in EXCEPTIONS if n in MATRIX and not _object_keys(n))
    assert not pointless, f"IDOR exceptions for URLs without an object: {pointless}"


def _mirror(world):  # noqa: F811
    """The same objects for the other Kommune, built by its own people."""
    other = world["other_municipality"]
    member = UserFactory(username="team-nachbarstadt")
    membership(member, other)
    consultant = UserFactory(username="beratung-nachbarstadt")
    assign(consultant, other)
    third = MunicipalityFactory(name="Drittort", slug="drittort", ags="09182999")
    third_member = UserFactory(username="team-drittort")
    membership(third_member, third)
    users = world["users"]
    mirror = {
        "municipality": other,
        "other_municipality": third,
        "suffix": "2",
        "users": {
            **users,
            "other_member": third_member,
            "member": member,
            "coordinator": users["other_member"],
            "consultant": consultant,
        },
        "kwargs": {"slug": other.slug},
    }
    for module in APP_MODULES:
        if hasattr(module, "build") and any(n in module.MATRIX for n in SWEPT):
            mirror["kwargs"].update(module.build(mirror))
    return mirror


def _fingerprint(models):
    return {m._meta.label: list(m.objects.order_by("pk").values_list()) for m in models}


def _models(*app_labels):
    labels = app_labels or {c.label for c in apps.get_app_configs() if c.name.startswith("zwk.")}
    return [
        m
        for label in labels
        for m in apps.get_app_config(label).get_models()
        if m._meta.label not in VOLATILE
    ]


def _app_of(url):
    func = resolve(url).func
    module = getattr(func, "view_class", func).__module__
    return apps.get_containing_app_config(module).label


def _url(name, objects, slug):
    case = MATRIX[name]
    kwargs = {**objects, "slug": slug}
    return reverse(name, kwargs={case.rename.get(k, k): kwargs[k] for k in case.kwargs})


def _clients(users):
    clients = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user, backend="zwk.accounts.backends.EmailOrUsernameBackend")
        clients[role] = client
    return clients


def _reaches(case, role):
    """Does ``role`` get through to the test Kommune's own object (per the matrix)?"""
    return case.expect[role] not in (403, 404, LOGIN)


def _attempts(name, own, theirs):
    """(who, url) pairs: the other side's objects, by people who reach their own."""
    case = MATRIX[name]
    keys = _object_keys(name)
    slug = own["slug"] if "slug" in case.kwargs else None
    # All objects of the other side – and, for nested objects, one at a time inside an own
    # parent (own workshop, other workshop's card).
    urls = [_url(name, theirs, slug)]
    if len(keys) > 1:
        urls += [_url(name, {**own, key: theirs[key]}, slug) for key in keys]
    if slug is None:
        owners = [r for r in OWNERS if _reaches(case, r)] or ["coordinator"]
        return [(role, url) for url in urls for role in owners]
    # The coordination and the office (who may see every Kommune); team and consultant where
    # the coordination does not get through to its own object (e.g. accepting a request).
    inside = ["coordinator", "office"]
    if not _reaches(case, "coordinator"):
        inside += [r for r in ("member", "consultant") if _reaches(case, r)]
    attempts = [(role, url) for url in urls for role in inside]
    if name in REVERSE_VIA_THIRD:
        return [*attempts, ("third_member", _url(name, own, "drittort"))]
    reverse_url = _url(name, own, theirs["slug"])
    return attempts + [(r, reverse_url) for r in ("other_coordinator", "office")]


def test_no_object_of_another_kommune_is_reachable(world, db, settings):  # noqa: F811
    if "media_root" in world:  # a world built once per module keeps its uploads there
        settings.MEDIA_ROOT = world["media_root"]
    mirror = _mirror(world)
    own, theirs = world["kwargs"], mirror["kwargs"]
    users = world["users"]
    clients = _clients(
        {
            **{role: users[role] for role in ("coordinator", "member", "consultant", "office")},
            "other_coordinator": users["other_member"],
            "third_member": mirror["users"]["other_member"],
        }
    )
    missing = sorted({k for n in SWEPT for k in _object_keys(n) if k not in theirs})
    assert not missing, f"build() made no object of the other Kommune for: {missing}"

    # Control: the mirrored objects are real – the other coordination opens its own pages.
    wrong = []
    for name in SWEPT:
        case = MATRIX[name]
        if "slug" in case.kwargs and case.method == "get" and _reaches(case, "coordinator"):
            url = _url(name, theirs, theirs["slug"])
            status = clients["other_coordinator"].get(url).status_code
            if status != case.expect["coordinator"]:
                wrong.append(f"{url} → {status}, expected {case.expect['coordinator']}")
    assert not wrong, "The other Kommune's own objects are not reachable:\n" + "\n".join(wrong)

    found = []
    everything = _models()
    at_start = _fingerprint(everything)
    known = dict(at_start)  # last seen rows per model: each model is read once per URL
    for name in SWEPT:
        case = MATRIX[name]
        attempts = _attempts(name, own, theirs)
        touched = _models(_app_of(attempts[0][1]), "municipalities")
        before = {m._meta.label: known[m._meta.label] for m in touched if m._meta.label in known}
        before |= _fingerprint([m for m in touched if m._meta.label not in before])
        for who, url in attempts:
            for method in ("get", "post"):
                data = case.data if method == case.method else {}
                status = getattr(clients[who], method)(url, data).status_code
                if status not in REFUSED:
                    found.append(f"{method.upper()} {url} as {who} → {status}")
        after = _fingerprint(touched)
        known |= after
        changed = sorted(label for label in before if before[label] != after[label])
        if changed:
            found.append(f"{name}: refused requests changed {changed}")
    at_end = _fingerprint(everything)
    changed = sorted(label for label in at_start if at_start[label] != at_end[label])
    if changed:
        found.append(f"the sweep changed {changed}")
    assert not found, "Objects of another Kommune reachable:\n" + "\n".join(found)


def test_sweep_covers_all_apps():
    # Guards against the sweep silently shrinking (e.g. a renamed world key).
    apps_swept = {n.split(":")[0] for n in SWEPT}
    assert apps_swept >= {
        "accounts",
        "announcements",
        "api",
        "consulting",
        "exchange",
        "municipalities",
        "network",
        "plans",
        "profiles",
        "review",
        "situation",
        "toolbox",
        "workshops",
    }, apps_swept
