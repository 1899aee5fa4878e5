"""Writes of „Was aus Ihren Ideen wurde“: following a contribution, a participation project or
all of a Kommune's contributions (double opt-in), confirming, unsubscribing, the mail on a
status change (one per address), the purge of unconfirmed requests, and the team featuring
survey answers.

Following never reveals whether an address is known: the form always answers the same; what
happens next is told to the owner of the address by mail.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zwk.accountability import mail, privacy, selectors, tokens
from zwk.accountability.models import FeaturedAnswer, Follower, StatusChange
from zwk.accounts.services import audit_record
from zwk.core import ratelimit
from zwk.core.mail import send_after_commit
from zwk.core.text import clean_text

log = logging.getLogger(__name__)

CONSENT_VERSION = "2026-12"
RESEND_INTERVAL = timedelta(minutes=10)


def describe(kind: str, contribution) -> str:
    if kind == Follower.Kind.ALL or contribution is None:
        return _("allen Beiträgen")
    if kind == Follower.Kind.PROJECT:  # a participation project
        return _("den Beiträgen des Beteiligungsprojekts „%(title)s“") % {
            "title": contribution.title
        }
    text = contribution.text if len(contribution.text) <= 80 else contribution.text[:79] + "…"
    return _("dem Beitrag „%(text)s“") % {"text": text}


def follow_request(*, municipality, email: str, kind: str, object_id: int = 0) -> None:
    """Record a follow request and send the confirmation mail. The caller answers the same for
    every address; an unknown contribution is a ValidationError (the page offered none).
    ``kind`` PROJECT follows a published participation project (``object_id``) as a whole."""
    email = email.strip()
    contribution = None
    if kind == Follower.Kind.ALL:
        object_id = 0
    elif kind == Follower.Kind.PROJECT:
        contribution = selectors.followable_project(municipality, object_id)
        if contribution is None:
            raise ValidationError(_("Diesem Beteiligungsprojekt kann man nicht folgen."))
    else:
        if kind not in Follower.Kind.values:
            raise ValidationError(_("Diesem Beitrag kann man nicht folgen."))
        contribution = selectors.find(municipality, kind, object_id)
        if contribution is None:
            raise ValidationError(_("Diesen Beitrag gibt es hier nicht (mehr)."))
    if ratelimit.exceeded("accountability.confirmation", email.lower()):
        return
    now = timezone.now()
    with transaction.atomic():
        follower = (
            Follower.objects.select_for_update()
            .filter(municipality=municipality, email__iexact=email, kind=kind, object_id=object_id)
            .first()
        )
        if follower is None:
            follower = Follower.objects.create(
                municipality=municipality,
                email=email,
                kind=kind,
                object_id=object_id,
                confirm_nonce=tokens.new_key(),
                link_key=tokens.new_key(),
                consent_version=CONSENT_VERSION,
                confirm_sent_at=now,
                language=translation.get_language() or "",
            )
        elif follower.is_active or (
            follower.confirm_sent_at and now - follower.confirm_sent_at < RESEND_INTERVAL
        ):
            return  # nothing to confirm, or a mail just went out
        else:  # pending or unsubscribed: a fresh link; older links stop working
            follower.status = Follower.Status.PENDING
            follower.confirm_nonce = tokens.new_key()
            follower.confirm_sent_at = now
            follower.consent_version = CONSENT_VERSION
            follower.language = translation.get_language() or ""  # the latest request's
            follower.save(
                update_fields=[
                    "status",
                    "confirm_nonce",
                    "confirm_sent_at",
                    "consent_version",
                    "language",
                ]
            )
        what = describe(kind, contribution)
        send_after_commit(lambda: mail.confirmation(follower, what), what="follow confirmation")
    ratelimit.hit("accountability.confirmation", email.lower())


CONFIRMED, ALREADY, EXPIRED, INVALID = "confirmed", "already", "expired", "invalid"


def confirmation_check(*, municipality, token: str) -> tuple[str, Follower | None]:
    payload = tokens.read(token, confirm=True)
    if payload in (tokens.EXPIRED, tokens.INVALID):
        return payload, None
    follower = Follower.objects.filter(pk=payload[0], municipality=municipality).first()
    if follower is None:
        return INVALID, None
    if follower.status != Follower.Status.PENDING or payload[1] != follower.confirm_nonce:
        return ALREADY, follower
    return CONFIRMED, follower


def follower_confirm(*, municipality, token: str) -> tuple[str, Follower | None]:
    """Use a confirmation link once: the follower becomes active, the consent is stamped."""
    with transaction.atomic():
        result, follower = confirmation_check(municipality=municipality, token=token)
        if result != CONFIRMED:
            return result, follower
        updated = Follower.objects.filter(
            pk=follower.pk, status=Follower.Status.PENDING, confirm_nonce=follower.confirm_nonce
        ).update(
            status=Follower.Status.ACTIVE,
            confirm_nonce="",
            consented_at=timezone.now(),
            unsubscribed_at=None,
        )
        if not updated:
            return ALREADY, follower
        follower.refresh_from_db()
    return CONFIRMED, follower


def follower_for_link(*, municipality, token: str) -> Follower | None:
    payload = tokens.read(token, confirm=False)
    if payload in (tokens.EXPIRED, tokens.INVALID):
        return None
    follower = Follower.objects.filter(pk=payload[0], municipality=municipality).first()
    if follower is None or payload[1] != follower.link_key:
        return None
    return follower


def unsubscribe(*, follower: Follower) -> bool:
    """Withdraw consent; idempotent (True only when this call unsubscribed)."""
    updated = (
        Follower.objects.filter(pk=follower.pk)
        .exclude(status=Follower.Status.UNSUBSCRIBED)
        .update(
            status=Follower.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now(), confirm_nonce=""
        )
    )
    follower.refresh_from_db()
    return bool(updated)


def status_change_notify(*, change_id: int) -> int:
    """Mail every confirmed follower of the changed measure's contributions (or of their
    participation project, or of all contributions of the Kommune) – once per change and
    address, only for a measure of the published plan. Returns the number of mails handed to
    the mail server."""
    with transaction.atomic():
        change = (
            StatusChange.objects.select_for_update(of=("self",))
            .select_related("measure__plan__municipality", "measure__origin_sketch")
            .filter(pk=change_id, notified_at__isnull=True)
            .first()
        )
        if change is None:
            return 0
        change.notified_at = timezone.now()
        change.save(update_fields=["notified_at"])
        measure = change.measure
        if measure.status != change.status or not selectors.is_public_measure(measure):
            return 0  # changed again since, or not public: nothing to tell
        municipality = measure.plan.municipality
        keys = selectors.contribution_keys_for_measure(measure)
        match = Q(kind=Follower.Kind.ALL)
        for kind in {k for k, _pk in keys}:
            match |= Q(kind=kind, object_id__in=[pk for k, pk in keys if k == kind])
        followers = one_per_address(
            Follower.objects.filter(match, municipality=municipality, status=Follower.Status.ACTIVE)
            .select_related("municipality")
            .order_by("id")
        )
        _send_status_notices(
            followers,
            item=measure,
            titles=_project_titles(followers),
            single=gettext_noop("einem Beitrag"),
            what="accountability status notice",
        )
    return len(followers)


def _send_status_notices(followers, *, item, titles, single: str, what: str, idea=False) -> None:
    """After commit, hand one status notice per follower to the mail server, each built in the
    follower's language: ``item`` (a measure or an idea) gives title and status; ``single``
    (marked with ``gettext_noop``) names one followed contribution; ``what`` names the job in
    the log."""

    def build():
        mails = []
        for f in followers:
            with _language_of(f):
                mails.append(
                    mail.status_notice(
                        f,
                        title=item.title,
                        status_label=str(item.get_status_display()),
                        what=_followed(f, titles, _(single)),
                        idea=idea,
                    )
                )
        return mails

    send_after_commit(build, what=what)


def _language_of(follower: Follower):
    """The language of a follower's mails: the one they followed in (a background task sends
    them, whose own language is German); German when none was recorded."""
    return translation.override(follower.language or settings.LANGUAGE_CODE)


# The most specific follow of an address wins: its mail names what the person follows, and its
# link unsubscribes from that.
_BREADTH = {Follower.Kind.PROJECT: 1, Follower.Kind.ALL: 2}


def one_per_address(followers) -> list[Follower]:
    """One mail per address and change: who follows an idea, its project and all
    contributions hears of the idea's new status once, not three times."""
    chosen: dict[str, Follower] = {}
    for f in sorted(followers, key=lambda f: (_BREADTH.get(f.kind, 0), f.pk)):
        chosen.setdefault(f.email.lower(), f)
    return sorted(chosen.values(), key=lambda f: f.pk)


def _project_titles(followers) -> dict[int, str]:
    from zwk.participation.models import Project

    ids = [f.object_id for f in followers if f.kind == Follower.Kind.PROJECT]
    return dict(Project.objects.filter(pk__in=ids).values_list("pk", "title")) if ids else {}


def _followed(follower: Follower, titles: dict[int, str], single: str) -> str:
    """What the mail says the person follows (``single``: one contribution)."""
    if follower.kind == Follower.Kind.ALL:
        return _("allen Beiträgen")
    if follower.kind == Follower.Kind.PROJECT:
        return _("dem Beteiligungsprojekt „%(title)s“") % {
            "title": titles.get(follower.object_id, "")
        }
    return single


def idea_status_notify(*, change_id: int) -> int:
    """Mail the confirmed followers of an idea (or of its participation project, or of all
    contributions) when the team gives it a new status – once per address, only for a public
    idea (``ideas_for_accountability``)."""
    from zwk.participation.models import IdeaStatusChange
    from zwk.participation.selectors import ideas_for_accountability

    change = (
        IdeaStatusChange.objects.select_related("idea__collection__project__municipality")
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        return 0
    idea = change.idea
    municipality = idea.collection.project.municipality
    if (
        idea.status != change.status
        or not ideas_for_accountability(municipality).filter(pk=idea.pk).exists()
    ):
        return 0
    project = idea.collection.project
    followers = one_per_address(
        Follower.objects.filter(
            Q(kind=Follower.Kind.ALL)
            | Q(kind=Follower.Kind.IDEA, object_id=idea.pk)
            | Q(kind=Follower.Kind.PROJECT, object_id=project.pk),
            municipality=municipality,
            status=Follower.Status.ACTIVE,
        )
        .select_related("municipality")
        .order_by("id")
    )
    _send_status_notices(
        followers,
        item=idea,
        titles={project.pk: project.title},
        single=gettext_noop("einer Idee"),
        idea=True,
        what="accountability idea notice",
    )
    return len(followers)


def followers_purge_unconfirmed() -> int:
    """Delete follow requests not confirmed within ``privacy.PENDING_DAYS`` days."""
    cutoff = timezone.now() - timedelta(days=privacy.PENDING_DAYS)
    count, _detail = Follower.objects.filter(
        status=Follower.Status.PENDING, created_at__lt=cutoff
    ).delete()
    return count


# --- the team: survey answers shown publicly ------------------------------------------------


@transaction.atomic
def answer_feature(*, municipality, answer_id: int, measure_id: int | None, by) -> FeaturedAnswer:
    from zwk.plans.models import Measure

    answer = selectors.answers_for_team(municipality).filter(pk=answer_id).first()
    if answer is None:
        raise ValidationError(_("Diese Antwort gibt es nicht oder sie ist schon hervorgehoben."))
    text = clean_text(str(answer.value or ""), max_length=2000)
    if not text:
        raise ValidationError(_("Eine leere Antwort kann nicht gezeigt werden."))
    measure = None
    if measure_id:
        measure = Measure.objects.filter(pk=measure_id, plan__municipality=municipality).first()
        if measure is None:
            raise ValidationError({"measure": _("Bitte wählen Sie eine Maßnahme Ihres Plans.")})
    survey = answer.response.survey
    featured = FeaturedAnswer.objects.create(
        municipality=municipality,
        answer=answer,
        project=survey.project,
        text=text,
        source=_("Umfrage „%(title)s“") % {"title": survey.title},
        answered_on=timezone.localdate(answer.response.created_at),
        measure=measure,
        created_by=by,
    )
    audit_record(
        actor=by,
        action="accountability.answer_featured",
        message=_("Umfrage-Antwort öffentlich gezeigt"),
        municipality=municipality,
        obj=featured,
    )
    return featured


@transaction.atomic
def featured_remove(*, featured: FeaturedAnswer, by) -> None:
    audit_record(
        actor=by,
        action="accountability.answer_unfeatured",
        message=_("Umfrage-Antwort nicht mehr öffentlich"),
        municipality=featured.municipality,
        obj=featured,
    )
    Follower.objects.filter(kind=Follower.Kind.ANSWER, object_id=featured.pk).delete()
    featured.delete()
