from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PDF_BYTES
from tests.zwk.permissions import LEADS, Case, everyone, logged_in, office_only, tenant

PK = {"invitation": "pk", "membership": "pk", "actor": "pk", "document": "pk"}

MATRIX = {
    "invitation_accept": Case(
        "get", everyone(200), ("invitation_token",), rename={"invitation_token": "token"}
    ),
    "municipalities:list": Case("get", logged_in(200)),
    "municipalities:create": Case("get", office_only(200)),
    "municipalities:workspace": Case("get", tenant(200), ("slug",)),
    "municipalities:edit": Case("get", tenant(200, **LEADS), ("slug",)),
    "municipalities:activity": Case("get", tenant(200), ("slug",)),
    "municipalities:logo": Case("get", everyone(200), ("slug",)),
    "municipalities:team": Case("get", tenant(200), ("slug",)),
    "municipalities:team_invite": Case("post", tenant(400, **LEADS), ("slug",)),
    "municipalities:consultant_assign": Case("post", tenant(403, office=400), ("slug",)),
    "municipalities:invitation_revoke": Case(
        "post", tenant(302, **LEADS), ("slug", "invitation"), rename=PK
    ),
    "municipalities:membership_edit": Case(
        "get", tenant(200, **LEADS), ("slug", "membership"), rename=PK
    ),
    "municipalities:membership_remove": Case(
        "get", tenant(200, **LEADS), ("slug", "membership"), rename=PK
    ),
    "municipalities:kickoff_agreement": Case("post", tenant(302), ("slug",)),
    "municipalities:kickoff_actor_add": Case("post", tenant(400), ("slug",)),
    "municipalities:kickoff_actor_remove": Case("get", tenant(200), ("slug", "actor"), rename=PK),
    "municipalities:step": Case("get", tenant(200), ("slug", "step")),
    "municipalities:step_edit": Case("post", tenant(400, member=403), ("slug", "step")),
    "municipalities:step_notes": Case("post", tenant(302), ("slug", "step")),
    "municipalities:checklist_add": Case("post", tenant(400), ("slug", "step")),
    "municipalities:checklist_toggle": Case(
        "post", tenant(302), ("slug", "step", "item"), {"done": "1"}
    ),
    "municipalities:checklist_delete": Case(
        "get", tenant(200), ("slug", "step", "own_item"), rename={"own_item": "item"}
    ),
    "municipalities:document_upload": Case("post", tenant(400), ("slug", "step")),
    "municipalities:document_download": Case(
        "get", tenant(200), ("slug", "step", "document"), rename=PK
    ),
    "municipalities:document_delete": Case(
        "get", tenant(200, **LEADS), ("slug", "step", "document"), rename=PK
    ),
    "municipalities:template_download": Case(
        "get", tenant(200), ("slug", "step", "template"), rename={"template": "name"}
    ),
}

PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def build(world):
    from zwk.municipalities import services
    from zwk.municipalities.models import KickoffActor, Membership

    municipality, users = world["municipality"], world["users"]
    coordinator = users["coordinator"]
    step = municipality.steps.get(kind="kickoff")
    pdf = SimpleUploadedFile("protokoll.pdf", PDF_BYTES, content_type="application/pdf")
    document = services.document_upload(
        step=step, upload=pdf, title="Protokoll", doc_type="minutes", by=coordinator
    )
    own_item = services.checklist_item_add(step=step, text="Eigene Aufgabe", by=coordinator)
    invitation = services.invitation_create(
        email="neu@example.org", kind="member", municipality=municipality, by=coordinator
    )
    actor = KickoffActor.objects.create(municipality=municipality, name="Seniorenbeirat")
    logo = SimpleUploadedFile("logo.png", PNG_1PX, "image/png")
    services.municipality_update(municipality=municipality, by=coordinator, data={}, logo=logo)
    return {
        "step": "kickoff",
        "item": step.checklist.filter(template_item__isnull=False).first().pk,
        "own_item": own_item.pk,
        "document": document.pk,
        "invitation": invitation.pk,
        "invitation_token": invitation.token,
        "membership": Membership.objects.get(user=users["member"], municipality=municipality).pk,
        "actor": actor.pk,
        "template": "einladung",
    }
