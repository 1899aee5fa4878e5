"""Writes of the Beratungspool: profiles, requests and their status, budgets and day logs.

Every function runs in one transaction, checks its invariants, writes the audit log and
returns the changed object. Who may do what to a request now (role and status) is decided
in ``rules.py``; the views show their buttons from those rules and every service asks the
same rule (``permissions.require``) on the locked row before writing. Services also enforce
that logged days never exceed the budget unless the office allowed an overrun (the budget
row is locked with ``select_for_update`` while the days are summed, so parallel logs cannot
overrun it).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zwk.accounts.models import User
from zwk.accounts.services import audit_record
from zwk.consulting.budget import is_half_day_multiple
from zwk.consulting.models import (
    ConsultantProfile,
    ConsultingRequest,
    DayBudget,
    DayLog,
    ProfileTag,
    Proposal,
)
from zwk.consulting.rules import TRANSITIONS, transition_refusal
from zwk.core import hooks, permissions
from zwk.core.mail import message as mail_message
from zwk.core.mail import send_after_commit
from zwk.core.uploads import random_upload_name, reencode_image
from zwk.core.urls import absolute_url
from zwk.municipalities.models import Membership, Municipality

S = ConsultingRequest.Status
MAX_DAYS_PER_LOG = Decimal("10")


def _move(consulting_request: ConsultingRequest, target: str) -> str:
    source = consulting_request.status
    if target not in TRANSITIONS.get(source, set()):
        raise ValidationError(transition_refusal(source, target), code="invalid_transition")
    consulting_request.status = target
    return source


def _locked(consulting_request: ConsultingRequest) -> ConsultingRequest:
    return (
        ConsultingRequest.objects.select_for_update(of=("self",))
        .select_related("municipality", "consultant")
        .get(pk=consulting_request.pk)
    )


def _mail(template: str, context: dict, recipients: list[str], notify: bool = True) -> None:
    if not notify:
        return
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return
    context = {**context, "site_url": absolute_url()}
    subject = render_to_string(f"consulting/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"consulting/email/{template}.txt", context)
    send_after_commit(
        lambda: mail_message(subject, body, recipients), what=f"consulting {template}"
    )


def _office_addresses(proposal: Proposal | None) -> list[str]:
    if proposal is not None and proposal.proposed_by and proposal.proposed_by.is_office:
        return [proposal.proposed_by.email]
    return list(User.objects.filter(is_office=True, is_active=True).values_list("email", flat=True))


def _coordinator_addresses(municipality: Municipality) -> list[str]:
    return list(
        Membership.objects.filter(
            municipality=municipality, role=Membership.Role.COORDINATOR, user__is_active=True
        ).values_list("user__email", flat=True)
    )


# --- Profiles ---------------------------------------------------------------------------------


def profile_for(user: User) -> ConsultantProfile:
    """The profile of a consultant, created empty on first use."""
    if not user.is_consultant:
        raise ValidationError(_("%(user)s gehört nicht zum Beratungspool.") % {"user": user})
    profile, _created = ConsultantProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(
    *,
    profile: ConsultantProfile,
    by: User,
    data: dict,
    themes=None,
    tags: dict[str, list[str]] | None = None,
    photo=None,
    remove_photo: bool = False,
    request=None,
) -> ConsultantProfile:
    """Save the profile; ``tags`` maps a ProfileTag kind to its codes (replaces them)."""
    for key, value in data.items():
        setattr(profile, key, value)
    old_photo = profile.photo.name if profile.photo else ""
    if photo is not None:
        content, ext = reencode_image(photo, max_size=(600, 600))
        profile.photo.save(random_upload_name(ext), ContentFile(content), save=False)
    elif remove_photo:
        profile.photo = ""
    profile.full_clean()
    profile.save()
    if themes is not None:
        profile.themes.set(themes)
    for kind, codes in (tags or {}).items():
        valid = ProfileTag.CHOICES[kind]
        unknown = set(codes) - set(valid)
        if unknown:
            raise ValidationError(
                _("Unbekannte Auswahl: %(v)s") % {"v": ", ".join(sorted(unknown))}
            )
        profile.tags.filter(kind=kind).exclude(code__in=codes).delete()
        existing = set(profile.tags.filter(kind=kind).values_list("code", flat=True))
        ProfileTag.objects.bulk_create(
            [ProfileTag(profile=profile, kind=kind, code=c) for c in sorted(set(codes) - existing)]
        )
    if old_photo and old_photo != (profile.photo.name if profile.photo else ""):
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    audit_record(
        actor=by,
        action="consulting.profile_updated",
        message=_("Beratungsprofil von %(user)s bearbeitet") % {"user": profile.user},
        obj=profile,
        request=request,
    )
    return profile


# --- Requests ---------------------------------------------------------------------------------


@transaction.atomic
def request_create(
    *, municipality: Municipality, by: User, data: dict, request=None, notify: bool = True
) -> ConsultingRequest:
    consulting_request = ConsultingRequest(municipality=municipality, created_by=by, **data)
    consulting_request.full_clean()
    consulting_request.save()
    audit_record(
        actor=by,
        action="consulting.request_created",
        message=_("Beratungsanfrage gestellt: %(topic)s") % {"topic": consulting_request.topic},
        municipality=municipality,
        obj=consulting_request,
        request=request,
    )
    _mail(
        "request_created",
        {"r": consulting_request},
        list(User.objects.filter(is_office=True, is_active=True).values_list("email", flat=True)),
        notify,
    )
    return consulting_request


@transaction.atomic
def request_propose(
    *,
    consulting_request: ConsultingRequest,
    consultant: User,
    by: User,
    note: str = "",
    score: int = 0,
    reasons: list[str] | None = None,
    request=None,
    notify: bool = True,
) -> Proposal:
    """The office proposes (assigns) a consultant; a pending proposal is withdrawn."""
    consulting_request = _locked(consulting_request)
    permissions.require(by, "consulting.assign_request", consulting_request)
    if not (consultant.is_consultant and consultant.is_active):
        raise ValidationError(_("%(user)s gehört nicht zum Beratungspool.") % {"user": consultant})
    _move(consulting_request, S.PROPOSED)
    consulting_request.proposals.filter(decision=Proposal.Decision.PENDING).update(
        decision=Proposal.Decision.WITHDRAWN, decided_at=timezone.now()
    )
    proposal = Proposal.objects.create(
        request=consulting_request,
        consultant=consultant,
        proposed_by=by,
        note=note.strip(),
        score=score,
        reasons=list(reasons or []),
    )
    consulting_request.consultant = consultant
    consulting_request.save(update_fields=["status", "consultant", "updated_at"])
    audit_record(
        actor=by,
        action="consulting.proposed",
        message=_("Beratungsanfrage „%(topic)s“ an %(user)s zugewiesen")
        % {"topic": consulting_request.topic, "user": consultant},
        municipality=consulting_request.municipality,
        obj=consulting_request,
        request=request,
    )
    _mail("proposed", {"r": consulting_request, "proposal": proposal}, [consultant.email], notify)
    return proposal


def _pending(consulting_request: ConsultingRequest, by: User) -> Proposal:
    permissions.require(by, "consulting.decide_request", consulting_request)
    proposal = consulting_request.proposals.filter(
        consultant=by, decision=Proposal.Decision.PENDING
    ).first()
    if proposal is None:
        raise ValidationError(
            _("Diese Anfrage wartet nicht auf Ihre Entscheidung."), code="invalid_transition"
        )
    return proposal


@transaction.atomic
def request_accept(
    *, consulting_request: ConsultingRequest, by: User, request=None, notify: bool = True
) -> ConsultingRequest:
    consulting_request = _locked(consulting_request)
    proposal = _pending(consulting_request, by)
    _move(consulting_request, S.ACCEPTED)
    proposal.decision = Proposal.Decision.ACCEPTED
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["decision", "decided_at"])
    consulting_request.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action="consulting.accepted",
        message=_("%(user)s hat die Beratungsanfrage „%(topic)s“ angenommen")
        % {"user": by, "topic": consulting_request.topic},
        municipality=consulting_request.municipality,
        obj=consulting_request,
        request=request,
    )
    _mail(
        "decided",
        {"r": consulting_request, "proposal": proposal},
        _office_addresses(proposal) + _coordinator_addresses(consulting_request.municipality),
        notify,
    )
    return consulting_request


@transaction.atomic
def request_decline(
    *,
    consulting_request: ConsultingRequest,
    by: User,
    reason: str,
    request=None,
    notify: bool = True,
) -> ConsultingRequest:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Bitte nennen Sie der Geschäftsstelle einen Grund."))
    consulting_request = _locked(consulting_request)
    proposal = _pending(consulting_request, by)
    _move(consulting_request, S.DECLINED)
    proposal.decision = Proposal.Decision.DECLINED
    proposal.decision_reason = reason
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["decision", "decision_reason", "decided_at"])
    consulting_request.consultant = None
    consulting_request.save(update_fields=["status", "consultant", "updated_at"])
    audit_record(
        actor=by,
        action="consulting.declined",
        message=_("%(user)s hat die Beratungsanfrage „%(topic)s“ abgelehnt")
        % {"user": by, "topic": consulting_request.topic},
        municipality=consulting_request.municipality,
        obj=consulting_request,
        request=request,
    )
    _mail(
        "decided",
        {"r": consulting_request, "proposal": proposal},
        _office_addresses(proposal),
        notify,
    )
    return consulting_request


@transaction.atomic
def request_complete(
    *, consulting_request: ConsultingRequest, by: User, summary: str = "", request=None
) -> ConsultingRequest:
    consulting_request = _locked(consulting_request)
    permissions.require(by, "consulting.complete_request", consulting_request)
    _move(consulting_request, S.COMPLETED)
    consulting_request.summary = (summary or "").strip()
    consulting_request.completed_at = timezone.now()
    consulting_request.save(update_fields=["status", "summary", "completed_at", "updated_at"])
    audit_record(
        actor=by,
        action="consulting.completed",
        message=_("Beratung „%(topic)s“ abgeschlossen") % {"topic": consulting_request.topic},
        municipality=consulting_request.municipality,
        obj=consulting_request,
        request=request,
    )
    return consulting_request


@transaction.atomic
def request_withdraw(
    *, consulting_request: ConsultingRequest, by: User, request=None
) -> ConsultingRequest:
    consulting_request = _locked(consulting_request)
    permissions.require(by, "consulting.withdraw_request", consulting_request)
    _move(consulting_request, S.WITHDRAWN)
    consulting_request.proposals.filter(decision=Proposal.Decision.PENDING).update(
        decision=Proposal.Decision.WITHDRAWN, decided_at=timezone.now()
    )
    consulting_request.consultant = None
    consulting_request.save(update_fields=["status", "consultant", "updated_at"])
    audit_record(
        actor=by,
        action="consulting.withdrawn",
        message=_("Beratungsanfrage „%(topic)s“ zurückgezogen")
        % {"topic": consulting_request.topic},
        municipality=consulting_request.municipality,
        obj=consulting_request,
        request=request,
    )
    return consulting_request


# --- Budgets and day logs ---------------------------------------------------------------------


@transaction.atomic
def budget_set(
    *,
    municipality: Municipality,
    year: int,
    days: Decimal,
    by: User,
    allow_overrun: bool = False,
    note: str = "",
    request=None,
) -> DayBudget:
    if days is None or days < 0 or not (days == 0 or is_half_day_multiple(days)):
        raise ValidationError(_("Bitte geben Sie ganze oder halbe Tage an (z. B. 10 oder 12,5)."))
    if days > 0 and not _rounds_allow_budget(municipality, year):
        raise ValidationError(
            _(
                "%(name)s ist %(year)d in keiner Förderrunde: Beratungstage gibt es nur für "
                "Kommunen einer Förderrunde. Nehmen Sie die Kommune zuerst in eine Runde auf."
            )
            % {"name": municipality.name, "year": year}
        )
    budget = (
        DayBudget.objects.select_for_update().filter(municipality=municipality, year=year).first()
    )
    old = budget.days if budget else None
    if budget is None:
        budget = DayBudget(municipality=municipality, year=year)
    budget.days, budget.allow_overrun, budget.note = days, allow_overrun, note.strip()
    budget.full_clean()
    budget.save()
    audit_record(
        actor=by,
        action="consulting.budget_set",
        message=(
            _("Beratungsbudget %(year)d: %(old)s → %(new)s Tage")
            if old is not None
            else _("Beratungsbudget %(year)d: %(new)s Tage festgelegt")
        )
        % {
            "year": year,
            "old": floatformat(old, -1) if old is not None else "",
            "new": floatformat(days, -1),
        }
        + (" " + _("(Überschreitung erlaubt)") if allow_overrun else ""),
        municipality=municipality,
        obj=budget,
        request=request,
    )
    return budget


def _rounds_allow_budget(municipality: Municipality, year: int) -> bool:
    """Consulting days come with a funding round (zwk.registration through zwk.core.hooks)."""
    try:
        rounds = hooks.service(hooks.FUNDING_ROUNDS)
    except LookupError:
        return True
    return rounds.allows_budget(municipality, year)


def used_days(municipality: Municipality, year: int) -> Decimal:
    total = DayLog.objects.filter(municipality=municipality, worked_on__year=year).aggregate(
        s=Sum("days")
    )["s"]
    return total or Decimal("0")


@transaction.atomic
def day_log_add(
    *,
    consulting_request: ConsultingRequest,
    by: User,
    worked_on: date,
    days: Decimal,
    activity: str,
    request=None,
) -> DayLog:
    consulting_request = _locked(consulting_request)
    permissions.require(by, "consulting.log_days", consulting_request)
    activity = (activity or "").strip()
    if not activity:
        raise ValidationError(_("Bitte beschreiben Sie die Tätigkeit."))
    if days is None or not is_half_day_multiple(days):
        raise ValidationError(_("Bitte buchen Sie ganze oder halbe Tage (z. B. 0,5 oder 1)."))
    if days > MAX_DAYS_PER_LOG:
        raise ValidationError(
            _("Höchstens %(n)s Tage je Eintrag – bitte teilen Sie längere Einsätze auf.")
            % {"n": MAX_DAYS_PER_LOG}
        )
    if worked_on > timezone.localdate():
        raise ValidationError(_("Das Datum liegt in der Zukunft."))
    municipality = consulting_request.municipality
    budget = (
        DayBudget.objects.select_for_update()
        .filter(municipality=municipality, year=worked_on.year)
        .first()
    )
    if budget is None:
        raise ValidationError(
            _("Für %(year)d hat die Geschäftsstelle noch kein Beratungsbudget festgelegt.")
            % {"year": worked_on.year}
        )
    left = budget.days - used_days(municipality, worked_on.year)
    over = days > left
    if over and not budget.allow_overrun:
        raise ValidationError(
            _(
                "Im Budget %(year)d sind nur noch %(left)s Tage übrig. Die Geschäftsstelle kann "
                "eine Überschreitung erlauben."
            )
            % {"year": worked_on.year, "left": floatformat(max(left, Decimal("0")), -1)},
            code="over_budget",
        )
    log = DayLog.objects.create(
        request=consulting_request,
        municipality=municipality,
        consultant=consulting_request.consultant or by,
        worked_on=worked_on,
        days=days,
        activity=activity[:500],
        over_budget=over,
        created_by=by,
    )
    audit_record(
        actor=by,
        action="consulting.days_logged",
        message=ngettext(
            "%(days)s Beratungstag am %(date)s gebucht: %(activity)s",
            "%(days)s Beratungstage am %(date)s gebucht: %(activity)s",
            1 if days == 1 else 2,
        )
        % {
            "days": floatformat(days, -1),
            "date": worked_on.strftime("%d.%m.%Y"),
            "activity": log.activity[:200],
        }
        + (" " + _("(über dem Budget)") if over else ""),
        municipality=municipality,
        obj=log,
        request=request,
    )
    return log


@transaction.atomic
def day_log_delete(*, log: DayLog, by: User, request=None) -> None:
    log = DayLog.objects.select_for_update(of=("self",)).select_related("request").get(pk=log.pk)
    permissions.require(by, "consulting.delete_day_log", log.request)
    audit_record(
        actor=by,
        action="consulting.days_deleted",
        message=ngettext(
            "Buchung gelöscht: %(days)s Tag am %(date)s",
            "Buchung gelöscht: %(days)s Tage am %(date)s",
            1 if log.days == 1 else 2,
        )
        % {"days": floatformat(log.days, -1), "date": log.worked_on.strftime("%d.%m.%Y")},
        municipality=log.municipality,
        obj=log,
        request=request,
    )
    log.delete()


# --- Personal data (DSGVO) --------------------------------------------------------------------


def personal_data_erase(user: User) -> int:
    """Delete the profile (and photo); keep day logs for accounting, without the person."""
    count = 0
    profile = ConsultantProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.photo:
            profile.photo.delete(save=False)
        profile.delete()
        count += 1
    count += DayLog.objects.filter(consultant=user).update(consultant=None)
    count += DayLog.objects.filter(created_by=user).update(created_by=None)
    count += Proposal.objects.filter(consultant=user).update(note="", decision_reason="")
    return count
