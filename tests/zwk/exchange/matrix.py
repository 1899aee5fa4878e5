"""Permission matrix of the Austausch (online formats and events).

Published events and their calendar files are public; registering for an open event needs no
account. The draft used for the organising URLs belongs to the test Kommune's consultant as
organiser: only they and the office may see it – everyone else gets 404 (no existence leak),
anonymous visitors are sent to the login first. The personal registration page works for
everyone who has the signed link.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PDF_BYTES
from tests.zwk.permissions import LOGIN, Case, everyone, office_only

PUBLISHED = {"ev_open": "pk"}
DRAFT = {"ev_draft": "pk"}


def organiser(code):
    """Draft event organised by the consultant: the organiser and the office as given."""
    return {
        "anonymous": LOGIN,
        "other_member": 404,
        "unassigned_consultant": 404,
        "member": 404,
        "coordinator": 404,
        "consultant": code,
        "office": code,
    }


MATRIX = {
    "exchange:list": Case("get", everyone(200)),
    "exchange:calendar": Case("get", everyone(200)),
    "exchange:create": Case("get", office_only(200)),
    "exchange:detail": Case("get", everyone(200), ("ev_open",), rename=PUBLISHED),
    # Empty form: 400 with the form shown again, for everyone who may register.
    "exchange:register": Case("post", everyone(400), ("ev_open",), rename=PUBLISHED),
    "exchange:ics": Case("get", everyone(200), ("ev_open",), rename=PUBLISHED),
    "exchange:slides": Case("get", everyone(200), ("ev_open",), rename=PUBLISHED),
    "exchange:edit": Case("get", organiser(200), ("ev_draft",), rename=DRAFT),
    "exchange:cancel": Case("get", organiser(200), ("ev_draft",), rename=DRAFT),
    "exchange:attendees": Case("get", organiser(200), ("ev_draft",), rename=DRAFT),
    "exchange:attendees_export": Case("get", organiser(200), ("ev_draft", "fmt"), rename=DRAFT),
    "exchange:documentation": Case("get", organiser(200), ("ev_draft",), rename=DRAFT),
    "exchange:registration": Case(
        "get", everyone(200), ("ev_token",), rename={"ev_token": "token"}
    ),
    "exchange:registration_ics": Case(
        "get", everyone(200), ("ev_token",), rename={"ev_token": "token"}
    ),
    "exchange:registration_cancel": Case(
        "get", everyone(200), ("ev_token",), rename={"ev_token": "token"}
    ),
}


def build(world):
    from datetime import timedelta

    from django.utils import timezone

    from zwk.exchange import services

    office, consultant = world["users"]["office"], world["users"]["consultant"]
    start = timezone.now() + timedelta(days=7)
    common = {
        "event_type": "webinar",
        "description": "<p>Beschreibung.</p>",
        "start": start,
        "end": start + timedelta(hours=2),
        "capacity": 10,
        "audience": "open",
    }
    published = services.event_create(
        by=office, data={**common, "title": "Matrix-Seminar", "status": "published"}
    )
    services.event_document(
        event=published,
        by=office,
        summary="<p>Ergebnisse.</p>",
        recording_url="",
        slides=SimpleUploadedFile("folien.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    draft = services.event_create(
        by=office,
        data={**common, "title": "Matrix-Entwurf", "status": "draft", "organiser": consultant},
    )
    registration = services.registration_create(
        event=published, name="Erika Muster", email="erika@example.org", organisation="Musterdorf"
    )
    return {
        "ev_open": published.pk,
        "ev_draft": draft.pk,
        "fmt": "xlsx",
        "ev_token": services.registration_token(registration),
    }
