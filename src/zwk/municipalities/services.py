"""Writes for Kommunen, teams, invitations and the five steps.

Every function runs in one transaction, checks its invariants, writes the audit log and
returns the changed object. Permission checks happen in views (rules); services enforce what
must hold whoever calls them.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zwk.accounts.models import User
from zwk.accounts.predicates import forget_cached_roles
from zwk.accounts.services import audit_record
from zwk.core.mail import message as mail_message
from zwk.core.mail import send_after_commit
from zwk.core.uploads import check_document, random_upload_name, reencode_image
from zwk.core.urls import absolute_url
from zwk.municipalities import geo, rules
from zwk.municipalities.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    ConsultantAssignment,
    Invitation,
    KickoffActor,
    KickoffAgreement,
    Membership,
    Municipality,
    ProcessStep,
    StepDocument,
    Theme,
)
from zwk.municipalities.process import STEPS


@transaction.atomic
def municipality_create(*, by: User | None, request=None, themes=(), **fields) -> Municipality:
    """Create a Kommune with its five steps, checklists from the office's templates and
    an empty Kick-off agreement."""
    fields.setdefault("slug", slugify(fields.get("name", ""))[:80])
    municipality = Municipality(**fields)
    _fill_coordinates(municipality)
    municipality.full_clean()
    municipality.save()
    municipality.themes.set(themes)
    templates = list(ChecklistTemplateItem.objects.filter(active=True))
    for step_type in STEPS:
        step = ProcessStep.objects.create(municipality=municipality, kind=step_type.kind)
        ChecklistItem.objects.bulk_create(
            ChecklistItem(step=step, text=t.text, order=t.order, template_item=t)
            for t in templates
            if t.step_kind == step_type.kind
        )
    KickoffAgreement.objects.create(municipality=municipality)
    audit_record(
        actor=by,
        action="municipality.created",
        message=_("Kommune „%(name)s“ angelegt") % {"name": municipality.name},
        municipality=municipality,
        obj=municipality,
        request=request,
    )
    return municipality


@transaction.atomic
def municipality_update(
    *, municipality: Municipality, by: User, data: dict, themes=None, logo=None, request=None
) -> Municipality:
    for key, value in data.items():
        setattr(municipality, key, value)
    if logo is not None:
        content, ext = reencode_image(logo)
        municipality.logo.save(random_upload_name(ext), ContentFile(content), save=False)
    _fill_coordinates(municipality)
    municipality.full_clean()
    municipality.save()
    if themes is not None:
        municipality.themes.set(themes)
    audit_record(
        actor=by,
        action="municipality.updated",
        message=_("Stammdaten der Kommune bearbeitet"),
        municipality=municipality,
        obj=municipality,
        request=request,
    )
    return municipality


def _fill_coordinates(municipality: Municipality) -> None:
    """Take the point from the Gemeindeverzeichnis if the Kommune has none yet."""
    if municipality.latitude is not None and municipality.longitude is not None:
        return
    if not municipality.ags or not municipality.kind:
        return
    point = geo.lookup(municipality.kind, municipality.ags)
    if point is not None:
        municipality.longitude, municipality.latitude = map(geo.as_decimal, point)


@transaction.atomic
def coordinates_fill_missing(points: dict[str, geo.Point]) -> int:
    """Give every Kommune without coordinates its point from ``points`` (Gemeinde points by
    8-digit AGS, e.g. from the Gemeindeverzeichnis); returns how many were filled.
    Coordinates that the office entered are never overwritten."""
    filled = []
    for municipality in geo.missing(
        Municipality.objects.only("id", "kind", "ags", "latitude", "longitude")
    ):
        point = geo.point_for(municipality.kind, municipality.ags, points)
        if point is not None:
            municipality.longitude, municipality.latitude = map(geo.as_decimal, point)
            filled.append(municipality)
    Municipality.objects.bulk_update(filled, ["latitude", "longitude"], batch_size=500)
    return len(filled)


@transaction.atomic
def theme_add_own(*, municipality: Municipality, name: str, by: User, request=None) -> Theme:
    name = name.strip()
    if not name:
        raise ValidationError(_("Bitte geben Sie einen Namen für das Handlungsfeld an."))
    slug = slugify(name)[:120] or "thema"
    theme, created = Theme.objects.get_or_create(
        municipality=municipality, slug=slug, defaults={"name": name}
    )
    municipality.themes.add(theme)
    if created:
        audit_record(
            actor=by,
            action="theme.created",
            message=_("Eigenes Handlungsfeld „%(name)s“ angelegt") % {"name": name},
            municipality=municipality,
            obj=theme,
            request=request,
        )
    return theme


# --- Team and invitations -------------------------------------------------------------


def _invitation_url(invitation: Invitation) -> str:
    return absolute_url(reverse("invitation_accept", kwargs={"token": invitation.token}))


@transaction.atomic
def invitation_create(
    *,
    email: str,
    kind: str,
    by: User,
    municipality: Municipality | None = None,
    message: str = "",
    request=None,
) -> Invitation:
    email = email.strip()
    if kind in (Invitation.Kind.COORDINATOR, Invitation.Kind.MEMBER) and municipality is None:
        raise ValidationError(_("Eine Einladung ins Team braucht eine Kommune."))
    if kind == Invitation.Kind.CONSULTANT:
        municipality = None
    if (
        municipality is not None
        and Membership.objects.filter(municipality=municipality, user__email__iexact=email).exists()
    ):
        raise ValidationError(
            _("%(email)s gehört schon zum Team dieser Kommune.") % {"email": email}
        )
    # A new invitation replaces an open one for the same address and purpose.
    Invitation.objects.filter(
        email__iexact=email,
        kind=kind,
        municipality=municipality,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=timezone.now())
    invitation = Invitation.objects.create(
        email=email,
        kind=kind,
        municipality=municipality,
        token=Invitation.new_token(),
        invited_by=by,
        message=message,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    context = {
        "invitation": invitation,
        "url": _invitation_url(invitation),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    body = render_to_string("municipalities/email/invitation.txt", context)
    subject = render_to_string("municipalities/email/invitation_subject.txt", context).strip()
    send_after_commit(lambda: mail_message(subject, body, [invitation.email]), what="invitation")
    audit_record(
        actor=by,
        action="invitation.created",
        message=_("%(email)s eingeladen als %(kind)s")
        % {"email": email, "kind": invitation.get_kind_display()},
        municipality=municipality,
        obj=invitation,
        request=request,
        security=True,
    )
    return invitation


def invitation_problem(invitation: Invitation) -> str | None:
    """Why the invitation can no longer be used, in German, or None if it is valid."""
    if invitation.revoked_at:
        return _("Diese Einladung wurde zurückgezogen oder durch eine neuere ersetzt.")
    if invitation.accepted_at:
        return _("Diese Einladung wurde bereits angenommen. Sie können sich anmelden.")
    if invitation.expires_at < timezone.now():
        return _("Diese Einladung ist abgelaufen. Bitte lassen Sie sich erneut einladen.")
    return None


def invitation_account_problem(invitation: Invitation, user: User) -> str | None:
    """Why the signed-in ``user`` may not take ``invitation`` (in German), or None.

    An invitation belongs to the address it was sent to: whoever holds the link (a forwarded
    mail, a shared screen) must not join a Kommune with another account.
    """
    if (user.email or "").strip().casefold() == invitation.email.strip().casefold():
        return None
    return _(
        "Diese Einladung wurde an %(invited)s geschickt, Sie sind aber als %(user)s "
        "(%(email)s) angemeldet. Bitte melden Sie sich ab und melden Sie sich mit dem Konto "
        "für %(invited)s an – oder legen Sie nach dem Abmelden über diesen Link ein neues "
        "Konto an. Soll die Einladung für eine andere Adresse gelten, bitten Sie die "
        "einladende Person um eine neue Einladung an diese Adresse."
    ) % {"invited": invitation.email, "user": user.get_username(), "email": user.email}


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None = None, account: dict | None = None, request=None
) -> User:
    """Accept ``invitation`` as the logged-in ``user`` or by creating an account from ``account``."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(problem)
    if user is not None and (problem := invitation_account_problem(invitation, user)):
        raise ValidationError(problem)
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _(
                    "Für diese E-Mail-Adresse gibt es schon ein Konto. Bitte melden Sie sich zuerst an."
                )
            )
        user = User.objects.create_user(
            username=account["username"],
            email=invitation.email,
            password=account["password1"],
            first_name=account["first_name"],
            last_name=account["last_name"],
        )
    if invitation.kind == Invitation.Kind.CONSULTANT:
        user.is_consultant = True
        user.save(update_fields=["is_consultant"])
    else:
        role = (
            Membership.Role.COORDINATOR
            if invitation.kind == Invitation.Kind.COORDINATOR
            else Membership.Role.MEMBER
        )
        membership, created = Membership.objects.get_or_create(
            user=user, municipality=invitation.municipality, defaults={"role": role}
        )
        if not created and role == Membership.Role.COORDINATOR and membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_cached_roles(user)
    audit_record(
        actor=user,
        action="invitation.accepted",
        message=_("Einladung als %(kind)s angenommen") % {"kind": invitation.get_kind_display()},
        municipality=invitation.municipality,
        obj=invitation,
        request=request,
        security=True,
    )
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User, request=None) -> Invitation:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        actor=by,
        action="invitation.revoked",
        message=_("Einladung an %(email)s zurückgezogen") % {"email": invitation.email},
        municipality=invitation.municipality,
        obj=invitation,
        request=request,
        security=True,
    )
    return invitation


def _ensure_coordinator_remains(municipality: Municipality, excluding: Membership) -> None:
    others = municipality.memberships.filter(role=Membership.Role.COORDINATOR).exclude(
        pk=excluding.pk
    )
    if not others.exists():
        raise ValidationError(
            _("Eine Kommune braucht mindestens eine Koordinatorin oder einen Koordinator.")
        )


@transaction.atomic
def membership_change_role(
    *, membership: Membership, role: str, by: User, request=None
) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if role not in Membership.Role.values:
        raise ValidationError(_("Unbekannte Rolle."))
    if membership.role == Membership.Role.COORDINATOR and role != Membership.Role.COORDINATOR:
        _ensure_coordinator_remains(membership.municipality, membership)
    membership.role = role
    membership.save(update_fields=["role"])
    forget_cached_roles(membership.user)
    audit_record(
        actor=by,
        action="membership.role_changed",
        message=_("Rolle von %(user)s geändert zu %(role)s")
        % {"user": membership.user, "role": membership.get_role_display()},
        municipality=membership.municipality,
        obj=membership,
        request=request,
        security=True,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User, request=None) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Membership.Role.COORDINATOR:
        _ensure_coordinator_remains(membership.municipality, membership)
    audit_record(
        actor=by,
        action="membership.removed",
        message=_("%(user)s aus dem Team entfernt") % {"user": membership.user},
        municipality=membership.municipality,
        obj=membership,
        request=request,
        security=True,
    )
    membership.delete()


@transaction.atomic
def consultant_assign(
    *, municipality: Municipality, consultant: User, by: User, active: bool = True, request=None
) -> ConsultantAssignment:
    if not consultant.is_consultant:
        raise ValidationError(_("%(user)s gehört nicht zum Beratungspool.") % {"user": consultant})
    assignment, _created = ConsultantAssignment.objects.update_or_create(
        consultant=consultant, municipality=municipality, defaults={"active": active}
    )
    forget_cached_roles(consultant)
    audit_record(
        actor=by,
        action="consultant.assigned" if active else "consultant.unassigned",
        message=(
            _("%(user)s berät diese Kommune")
            if active
            else _("%(user)s berät diese Kommune nicht mehr")
        )
        % {"user": consultant},
        municipality=municipality,
        obj=assignment,
        request=request,
        security=True,
    )
    return assignment


# --- Steps ----------------------------------------------------------------------------


@transaction.atomic
def step_update(*, step: ProcessStep, by: User, data: dict, request=None) -> ProcessStep:
    """Change status, dates, responsible person or notes of a step.

    Closing a step whose results are missing needs ``data["confirm_incomplete"]``
    (``rules.step_close_refusal``); otherwise a ValidationError says what is missing."""
    old_status = step.status
    data = dict(data)
    confirmed = bool(data.pop("confirm_incomplete", False))
    if data.get("status") == ProcessStep.Status.DONE and old_status != ProcessStep.Status.DONE:
        refusal = rules.step_close_refusal(step, confirmed=confirmed)
        if refusal:
            raise ValidationError({"confirm_incomplete": refusal})
    for key, value in data.items():
        setattr(step, key, value)
    if (
        step.status == ProcessStep.Status.DONE
        and old_status != ProcessStep.Status.DONE
        and not step.completed_on
    ):
        step.completed_on = timezone.localdate()
    if step.status != ProcessStep.Status.DONE:
        step.completed_on = None
    if step.status != ProcessStep.Status.OPEN and step.start_date is None:
        step.start_date = timezone.localdate()
    step.full_clean()
    step.save()
    if old_status != step.status:
        message = _("%(step)s: Status „%(old)s“ → „%(new)s“") % {
            "step": step.type.title,
            "old": ProcessStep.Status(old_status).label,
            "new": step.get_status_display(),
        }
    else:
        message = _("%(step)s bearbeitet") % {"step": step.type.title}
    audit_record(
        actor=by,
        action="step.updated",
        message=message,
        municipality=step.municipality,
        obj=step,
        request=request,
    )
    return step


@transaction.atomic
def checklist_item_set_done(
    *, item: ChecklistItem, done: bool, by: User, request=None
) -> ChecklistItem:
    item = (
        ChecklistItem.objects.select_for_update()
        .select_related("step__municipality")
        .get(pk=item.pk)
    )
    if item.done == done:
        return item
    item.done = done
    item.done_at = timezone.now() if done else None
    item.done_by = by if done else None
    item.save(update_fields=["done", "done_at", "done_by"])
    step = item.step
    if done and step.status == ProcessStep.Status.OPEN:
        # Ticking the first item means work has started; saves a click.
        step.status = ProcessStep.Status.IN_PROGRESS
        step.start_date = step.start_date or timezone.localdate()
        step.save(update_fields=["status", "start_date", "updated_at"])
    audit_record(
        actor=by,
        action="checklist.done" if done else "checklist.reopened",
        message=(_("Erledigt: %(text)s") if done else _("Wieder offen: %(text)s"))
        % {"text": item.text},
        municipality=step.municipality,
        obj=item,
        request=request,
    )
    return item


@transaction.atomic
def checklist_item_add(*, step: ProcessStep, text: str, by: User, request=None) -> ChecklistItem:
    text = text.strip()
    if not text:
        raise ValidationError(_("Bitte beschreiben Sie die Aufgabe."))
    last = step.checklist.order_by("-order").values_list("order", flat=True).first() or 0
    item = ChecklistItem.objects.create(step=step, text=text[:300], order=last + 1)
    audit_record(
        actor=by,
        action="checklist.added",
        message=_("Neue Aufgabe: %(text)s") % {"text": item.text},
        municipality=step.municipality,
        obj=item,
        request=request,
    )
    return item


@transaction.atomic
def checklist_item_delete(*, item: ChecklistItem, by: User, request=None) -> None:
    if not item.is_own:
        raise ValidationError(
            _("Aufgaben aus der Vorlage der Geschäftsstelle können nicht gelöscht werden.")
        )
    audit_record(
        actor=by,
        action="checklist.deleted",
        message=_("Aufgabe gelöscht: %(text)s") % {"text": item.text},
        municipality=item.step.municipality,
        obj=item,
        request=request,
    )
    item.delete()


@transaction.atomic
def checklist_template_sync(*, template_item: ChecklistTemplateItem, by: User, request=None) -> int:
    """Add a (new) template item to every Kommune's step that lacks it; returns how many."""
    steps = ProcessStep.objects.filter(kind=template_item.step_kind).exclude(
        checklist__template_item=template_item
    )
    items = [
        ChecklistItem(
            step=s, text=template_item.text, order=template_item.order, template_item=template_item
        )
        for s in steps
    ]
    ChecklistItem.objects.bulk_create(items)
    audit_record(
        actor=by,
        action="checklist_template.synced",
        message=_("Vorlage „%(text)s“ an %(n)d Kommunen verteilt")
        % {"text": template_item.text, "n": len(items)},
        obj=template_item,
        request=request,
    )
    return len(items)


@transaction.atomic
def document_upload(
    *, step: ProcessStep, upload, title: str, doc_type: str, by: User, request=None
) -> StepDocument:
    checked = check_document(upload)
    document = StepDocument(
        step=step,
        title=(title or checked.original_name).strip()[:200],
        doc_type=doc_type,
        original_name=checked.original_name,
        content_type=checked.kind.mime,
        size=checked.size,
        uploaded_by=by,
    )
    upload.seek(0)
    document.file.save(random_upload_name(checked.kind.extension), upload, save=False)
    try:
        document.full_clean()
        document.save()
    except Exception:
        # Keep storage and database consistent: no orphan file if the row is not written.
        document.file.delete(save=False)
        raise
    audit_record(
        actor=by,
        action="document.uploaded",
        message=_("Dokument hochgeladen: %(title)s") % {"title": document.title},
        municipality=step.municipality,
        obj=document,
        request=request,
    )
    return document


@transaction.atomic
def document_delete(*, document: StepDocument, by: User, request=None) -> None:
    audit_record(
        actor=by,
        action="document.deleted",
        message=_("Dokument gelöscht: %(title)s") % {"title": document.title},
        municipality=document.step.municipality,
        obj=document,
        request=request,
    )
    file = document.file
    document.delete()
    transaction.on_commit(lambda: file.delete(save=False))


@transaction.atomic
def kickoff_update(
    *, municipality: Municipality, by: User, data: dict, request=None
) -> KickoffAgreement:
    agreement, _created = KickoffAgreement.objects.get_or_create(municipality=municipality)
    for key, value in data.items():
        setattr(agreement, key, value)
    agreement.full_clean()
    agreement.save()
    audit_record(
        actor=by,
        action="kickoff.updated",
        message=_("Kick-off: Ziele und Zeitplan bearbeitet"),
        municipality=municipality,
        obj=agreement,
        request=request,
    )
    return agreement


@transaction.atomic
def kickoff_actor_add(
    *, municipality: Municipality, by: User, data: dict, request=None
) -> KickoffActor:
    actor = KickoffActor(municipality=municipality, **data)
    actor.full_clean()
    actor.save()
    audit_record(
        actor=by,
        action="kickoff.actor_added",
        message=_("Kick-off: %(name)s als Akteur aufgenommen") % {"name": actor.name},
        municipality=municipality,
        obj=actor,
        request=request,
    )
    return actor


@transaction.atomic
def kickoff_actor_remove(*, actor: KickoffActor, by: User, request=None) -> None:
    audit_record(
        actor=by,
        action="kickoff.actor_removed",
        message=_("Kick-off: %(name)s entfernt") % {"name": actor.name},
        municipality=actor.municipality,
        obj=actor,
        request=request,
    )
    actor.delete()
