"""Permission matrix of the Zukunftswerkstatt (account roles; participants: test_participant_matrix.py).

Team side: the Kommune's team sees everything and downloads the protocol; moderating needs the
coordination, an assigned consultant, the office or a named moderator (the plain team member
here is none of these → 403). Outsiders get 404. Participant side: without a participant
cookie, accounts are like anyone else – they may join, but not write or vote (403).
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.zwk.permissions import LEADS, Case, everyone, tenant

MOD = {"member": 403}
W = ("slug", "ws_workshop")
R = {
    "ws_workshop": "pk",
    "ws_card": "card",
    "ws_phase": "phase",
    "ws_cluster": "cluster",
    "ws_participant": "participant",
    "ws_sketch": "sketch",
    "ws_code": "code",
    "ws_action": "action",
    "ws_photo": "photo",
    "ws_fmt": "fmt",
}

MATRIX = {
    "workshops:list": Case("get", tenant(200), ("slug",)),
    "workshops:create": Case("get", tenant(200, **MOD), ("slug",)),
    "workshops:detail": Case("get", tenant(200), W, rename=R),
    "workshops:edit": Case("get", tenant(200, **MOD), W, rename=R),
    "workshops:console_live": Case("get", tenant(200), W, rename=R),
    # Server-sent events: without REDIS_URL (as in the tests) 204 "not available".
    "workshops:stream": Case("get", tenant(204), W, rename=R),
    "workshops:finish": Case("get", tenant(200, **MOD), W, rename=R),
    "workshops:phase_action": Case(
        "post", tenant(302, **MOD), (*W, "ws_phase", "ws_action"), rename=R
    ),
    "workshops:phase_minutes": Case("post", tenant(400, **MOD), (*W, "ws_phase"), rename=R),
    "workshops:projector": Case("get", tenant(200), W, rename=R),
    "workshops:projector_live": Case("get", tenant(200), W, rename=R),
    "workshops:qr": Case("get", tenant(200), W, rename=R),
    "workshops:join_sheet": Case("get", tenant(200), W, rename=R),
    # The join notice as a PDF, one page per chosen language (issue 18): the Kommune's team.
    "workshops:join_sheet_pdf": Case("get", tenant(200), W, rename=R),
    "workshops:card_add": Case("post", tenant(400, **MOD), W, rename=R),
    "workshops:card_merge": Case("post", tenant(400, **MOD), W, rename=R),
    "workshops:card_edit": Case("get", tenant(200, **MOD), (*W, "ws_card"), rename=R),
    "workshops:card_hide": Case("get", tenant(200, **MOD), (*W, "ws_card"), rename=R),
    "workshops:card_show": Case("post", tenant(302, **MOD), (*W, "ws_card"), rename=R),
    "workshops:card_cluster": Case("post", tenant(302, **MOD), (*W, "ws_card"), rename=R),
    "workshops:card_redact": Case("get", tenant(200, **MOD), (*W, "ws_card"), rename=R),
    "workshops:card_photo": Case("get", tenant(200), (*W, "ws_card"), rename=R),
    "workshops:cluster_create": Case("post", tenant(400, **MOD), W, rename=R),
    "workshops:cluster_edit": Case("get", tenant(200, **MOD), (*W, "ws_cluster"), rename=R),
    "workshops:cluster_delete": Case("get", tenant(200, **MOD), (*W, "ws_cluster"), rename=R),
    "workshops:participants": Case("get", tenant(200, **MOD), W, rename=R),
    "workshops:participant_block": Case(
        "get", tenant(200, **MOD), (*W, "ws_participant"), rename=R
    ),
    "workshops:participant_unblock": Case(
        "post", tenant(302, **MOD), (*W, "ws_participant"), rename=R
    ),
    "workshops:sketch_create": Case("get", tenant(200, **MOD), W, rename=R),
    "workshops:sketch_edit": Case("get", tenant(200, **MOD), (*W, "ws_sketch"), rename=R),
    "workshops:photo_add": Case("post", tenant(400, **MOD), W, rename=R),
    "workshops:photo_view": Case("get", tenant(200), (*W, "ws_photo"), rename=R),
    "workshops:photo_delete": Case("get", tenant(200, **MOD), (*W, "ws_photo"), rename=R),
    "workshops:protocol_md": Case("get", tenant(200), W, rename=R),
    "workshops:protocol_pdf": Case("get", tenant(200), W, rename=R),
    # Participant side, seen by account roles without a participant cookie.
    "participate:index": Case("get", everyone(200)),
    "participate:entry": Case("get", everyone(200), ("ws_code",), rename=R),
    "participate:privacy": Case("get", everyone(200), ("ws_code",), rename=R),
    "participate:live": Case("get", everyone(403), ("ws_code",), rename=R),
    "participate:stream": Case("get", everyone(403), ("ws_code",), rename=R),
    "participate:card_create": Case("post", everyone(403), ("ws_code",), rename=R),
    "participate:vote": Case("post", everyone(403), ("ws_code", "ws_card"), rename=R),
    "participate:unvote": Case("post", everyone(403), ("ws_code", "ws_card"), rename=R),
    "participate:card_photo": Case("get", everyone(403), ("ws_code", "ws_card"), rename=R),
    "participate:plain_language": Case("post", everyone(302), ("ws_code",), rename=R),
    # "Meine Daten": without a participant cookie only the code form (the same for every
    # code); download and deletion 403 (participants: test_participant_rights.py).
    "participate:my_data": Case("get", everyone(200), ("ws_code",), rename=R),
    "participate:my_data_download": Case("get", everyone(403), ("ws_code", "ws_fmt"), rename=R),
    "participate:my_data_delete": Case("post", everyone(403), ("ws_code",), rename=R),
}

assert LEADS  # shared vocabulary; moderating here is broader than "leads" (consultants too)

PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def build(world):
    from tests.zwk.workshops.factories import make_workshop
    from zwk.workshops import results, services

    municipality, users = world["municipality"], world["users"]
    coordinator = users["coordinator"]
    code = f"matrix{world.get('suffix', '')}"
    workshop = make_workshop(municipality, by=coordinator, code=code)
    phase = workshop.phases.get(kind="critique")
    services.phase_open(phase=phase, by=coordinator)
    card = services.card_add_paper(
        phase=phase,
        by=coordinator,
        text="Zu wenig Bänke am Marktplatz",
        photo=SimpleUploadedFile("karte.png", PNG_1PX, "image/png"),
    )
    participant = services.participant_join(workshop=workshop, pseudonym="Anna", consent=True)
    cluster = services.cluster_create(phase=phase, title="Aufenthalt", by=coordinator)
    sketch = results.sketch_save(
        workshop=workshop, by=coordinator, data={"title": "Bänke", "goal": "Mehr Sitzplätze"}
    )
    photo = results.photo_add(
        workshop=workshop,
        by=coordinator,
        upload=SimpleUploadedFile("pinnwand.png", PNG_1PX, "image/png"),
        caption="Pinnwand Kritikphase",
    )
    return {
        "ws_photo": photo.pk,
        "ws_workshop": workshop.pk,
        "ws_code": workshop.code,
        "ws_card": card.pk,
        "ws_phase": phase.pk,
        "ws_action": "oeffnen",
        "ws_cluster": cluster.pk,
        "ws_participant": participant.pk,
        "ws_sketch": sketch.pk,
        "ws_fmt": "json",
    }
