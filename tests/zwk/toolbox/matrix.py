"""Permission matrix of the Werkzeugkoffer.

Published entries are public. The entry used for most URLs is a *draft submitted by the test
Kommune*: only its team and the office may see it; everyone else gets 404 (no existence leak).
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PDF_BYTES
from tests.zwk.permissions import LOGIN, Case, everyone, logged_in, office_only, tenant

DRAFT = {"tb_draft": "entry"}
PUBLISHED = {"tb_published": "entry"}


def submitter(code, *, anonymous=404, office=None):
    """Draft of the test Kommune: its team and the office as given, all others 404."""
    return {
        "anonymous": anonymous,
        "other_member": 404,
        "unassigned_consultant": 404,
        "member": code,
        "coordinator": code,
        "consultant": 404,
        "office": office or code,
    }


def kommune_users(code):
    """Logged-in members of any Kommune may act; consultants and the office have no Kommune."""
    return {
        **logged_in(code),
        "unassigned_consultant": 403,
        "consultant": 403,
        "office": 403,
    }


MATRIX = {
    "toolbox:list": Case("get", everyone(200)),
    "toolbox:feed": Case("get", everyone(200)),
    "toolbox:bookmarks": Case("get", logged_in(200)),
    "toolbox:review": Case("get", office_only(200)),
    "toolbox:create": Case("get", office_only(200)),
    "toolbox:submit": Case("get", tenant(200, consultant=403, office=403), ("slug",)),
    "toolbox:detail": Case("get", submitter(200), ("tb_draft",), rename=DRAFT),
    "toolbox:pdf": Case("get", submitter(200), ("tb_draft",), rename=DRAFT),
    "toolbox:edit": Case("get", submitter(200, anonymous=LOGIN), ("tb_draft",), rename=DRAFT),
    "toolbox:transition": Case(
        "post",
        submitter(403, anonymous=LOGIN, office=302),
        ("tb_draft",),
        {"action": "publish"},
        rename=DRAFT,
    ),
    "toolbox:history": Case("get", submitter(200, anonymous=LOGIN), ("tb_draft",), rename=DRAFT),
    "toolbox:version": Case(
        "get",
        submitter(200, anonymous=LOGIN),
        ("tb_draft", "tb_version"),
        rename={**DRAFT, "tb_version": "number"},
    ),
    "toolbox:material_upload": Case(
        "post", submitter(400, anonymous=LOGIN), ("tb_draft",), rename=DRAFT
    ),
    "toolbox:material": Case(
        "get", submitter(200), ("tb_draft", "tb_material"), rename={**DRAFT, "tb_material": "pk"}
    ),
    "toolbox:material_delete": Case(
        "get",
        submitter(200, anonymous=LOGIN),
        ("tb_draft", "tb_material"),
        rename={**DRAFT, "tb_material": "pk"},
    ),
    "toolbox:rate": Case("post", kommune_users(400), ("tb_published",), rename=PUBLISHED),
    "toolbox:bookmark": Case("post", kommune_users(302), ("tb_published",), rename=PUBLISHED),
}


def build(world):
    from zwk.toolbox import services

    municipality, users = world["municipality"], world["users"]
    published = services.entry_create(
        by=users["office"],
        data={"entry_type": "method", "title": "Matrix-Methode", "summary": "Öffentlich."},
        status="published",
    )
    draft = services.best_practice_submit(
        municipality=municipality,
        by=users["member"],
        data={"title": "Matrix-Beispiel", "summary": "Entwurf der Kommune."},
    )
    draft = services.entry_transition(
        entry=draft, action="return", by=users["office"], note="Bitte Quelle ergänzen."
    )
    material = services.material_add(
        entry=draft,
        upload=SimpleUploadedFile("ablauf.pdf", PDF_BYTES, content_type="application/pdf"),
        title="Ablaufplan",
        by=users["member"],
    )
    return {
        "tb_published": published.slug,
        "tb_draft": draft.slug,
        "tb_version": draft.versions.order_by("number").first().number,
        "tb_material": material.pk,
    }
