"""Permission matrix of the Beratungspool (see ``consulting/rules.py``).

Pool and profiles: everyone logged in who is part of the programme (all roles here are).
A Kommune's requests: as its other pages (outsiders 404). Filing and withdrawing: those who
lead the Kommune. Deciding: only the consultant the request is proposed to (``consultant``);
logging days and closing: that consultant and the office. Budgets, overview, export: office.
Posting an empty request form is refused with 400 – nothing is written.
"""

from tests.zwk.permissions import Case, logged_in, office_only, tenant

SLUG = ("slug",)
PROPOSED = ("slug", "cs_proposed")
ACCEPTED = ("slug", "cs_accepted")
R_PROPOSED = {"cs_proposed": "pk"}
R_ACCEPTED = {"cs_accepted": "pk", "cs_log": "log"}
CONSULTANTS = {**logged_in(403), "consultant": 200, "unassigned_consultant": 200}

MATRIX = {
    "consulting:pool": Case("get", logged_in(200)),
    "consulting:profile": Case("get", logged_in(200), ("cs_profile",), rename={"cs_profile": "pk"}),
    "consulting:photo": Case("get", logged_in(200), ("cs_profile",), rename={"cs_profile": "pk"}),
    "consulting:profile_edit": Case(
        "get",
        {**logged_in(403), "consultant": 200, "office": 200},
        ("cs_profile",),
        rename={"cs_profile": "pk"},
    ),
    "consulting:my_profile": Case("get", CONSULTANTS),
    "consulting:my_requests": Case("get", CONSULTANTS),
    "consulting:inbox": Case("get", office_only(200)),
    "consulting:requests": Case("get", tenant(200), SLUG),
    "consulting:request_create": Case("post", tenant(400, member=403, consultant=403), SLUG),
    "consulting:request": Case("get", tenant(200), PROPOSED, rename=R_PROPOSED),
    "consulting:request_assign": Case("get", tenant(403, office=200), PROPOSED, rename=R_PROPOSED),
    "consulting:request_accept": Case(
        "post", tenant(403, consultant=302), PROPOSED, rename=R_PROPOSED
    ),
    "consulting:request_decline": Case(
        "get", tenant(403, consultant=200), PROPOSED, rename=R_PROPOSED
    ),
    "consulting:request_withdraw": Case(
        "get", tenant(200, member=403, consultant=403), PROPOSED, rename=R_PROPOSED
    ),
    "consulting:request_complete": Case(
        "get", tenant(403, consultant=200, office=200), ACCEPTED, rename=R_ACCEPTED
    ),
    "consulting:log_add": Case(
        "get", tenant(403, consultant=200, office=200), ACCEPTED, rename=R_ACCEPTED
    ),
    "consulting:log_delete": Case(
        "get",
        tenant(403, consultant=200, office=200),
        (*ACCEPTED, "cs_log"),
        rename=R_ACCEPTED,
    ),
    "consulting:budgets": Case("get", office_only(200)),
    "consulting:budget_edit": Case("get", office_only(200), SLUG),
    "consulting:export_csv": Case(
        "get", office_only(200), ("cs_year",), rename={"cs_year": "year"}
    ),
    "consulting:export_xlsx": Case(
        "get", office_only(200), ("cs_year",), rename={"cs_year": "year"}
    ),
}


def png_upload(name="foto.png"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (0, 114, 178)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def build(world):
    from datetime import date
    from decimal import Decimal

    from tests.zwk.consulting.factories import (
        accepted_request,
        make_profile,
        make_request,
        set_budget,
    )
    from zwk.consulting import services

    m = world["municipality"]
    users = world["users"]
    consultant, office, coordinator = users["consultant"], users["office"], users["coordinator"]
    profile = make_profile(consultant)
    services.profile_update(profile=profile, by=consultant, data={}, photo=png_upload())
    proposed = make_request(m, coordinator, topic="Moderation Zukunftswerkstatt")
    services.request_propose(consulting_request=proposed, consultant=consultant, by=office)
    accepted = accepted_request(m, coordinator, office, consultant, topic="Datenanalyse")
    set_budget(m, office, 5)
    log = services.day_log_add(
        consulting_request=accepted,
        by=consultant,
        worked_on=date.today(),
        days=Decimal("1"),
        activity="Auswertung der Bevölkerungsdaten",
    )
    return {
        "cs_profile": profile.pk,
        "cs_proposed": proposed.pk,
        "cs_accepted": accepted.pk,
        "cs_log": log.pk,
        "cs_year": date.today().year,
    }
