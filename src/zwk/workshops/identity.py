"""Who is this device? Participants have no account: a signed cookie per workshop holds
their id and a random token. Rejoining from the same device finds the same participant.

The cookie is signed (Django's signing, salted) and HttpOnly; the token is compared too, so a
forged or old cookie (e.g. after anonymisation) identifies nobody.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from zwk.core import languages
from zwk.core.queries import one_or_none
from zwk.workshops.models import Participant, Workshop

SALT = "zwk.workshops.participant"
MAX_AGE = 60 * 60 * 24 * 30
PLAIN_COOKIE = "zwk_leichte_sprache"


def cookie_name(workshop: Workshop | int) -> str:
    pk = workshop if isinstance(workshop, int) else workshop.pk
    return f"zwk_werkstatt_{pk}"


def _parse(request, workshop_pk: int) -> tuple[int, str] | None:
    try:
        value = request.get_signed_cookie(
            cookie_name(workshop_pk), default=None, salt=SALT, max_age=MAX_AGE
        )
    except signing.BadSignature:
        return None
    if not value or ":" not in value:
        return None
    pk, _sep, token = value.partition(":")
    if not pk.isdigit():
        return None
    return int(pk), token


def participant_for(request, workshop: Workshop) -> Participant | None:
    parsed = _parse(request, workshop.pk)
    if parsed is None:
        return None
    pk, token = parsed
    participant = one_or_none(
        Participant.objects.filter(
            pk=pk, token=token, workshop=workshop, anonymised_at__isnull=True
        )
    )
    if participant is not None:
        participant.workshop = workshop  # avoid a second query
    return participant


def participant_by_code(request, code: str) -> tuple[Workshop | None, Participant | None]:
    """One query for the hot path (live polling, voting): workshop and participant together."""
    code = code.lower()
    for name, _value in request.COOKIES.items():
        if not name.startswith("zwk_werkstatt_"):
            continue
        suffix = name.removeprefix("zwk_werkstatt_")
        if not suffix.isdigit():
            continue
        parsed = _parse(request, int(suffix))
        if parsed is None:
            continue
        pk, token = parsed
        participant = one_or_none(
            Participant.objects.select_related("workshop").filter(
                pk=pk, token=token, workshop__code=code, anonymised_at__isnull=True
            )
        )
        if participant is not None:
            return participant.workshop, participant
    return None, None


def remember(response, participant: Participant) -> None:
    response.set_signed_cookie(
        cookie_name(participant.workshop_id),
        f"{participant.pk}:{participant.token}",
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def plain_language(request) -> bool:
    """Leichte Sprache: the language variant (issue 18) or the workshop's own toggle."""
    return languages.is_plain_german() or request.COOKIES.get(PLAIN_COOKIE) == "1"


def set_plain_language(response, on: bool) -> None:
    if on:
        response.set_cookie(
            PLAIN_COOKIE,
            "1",
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(PLAIN_COOKIE, samesite="Lax")
