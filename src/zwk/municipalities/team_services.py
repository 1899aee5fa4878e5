"""Writes for the team of a Kommune: invitations, memberships and roles, assigned consultants.

Every function runs in one transaction, checks its invariants, writes the audit log and
returns the changed object. Permission checks happen in views (rules). The names are also
importable from ``zwk.municipalities.services``.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.models import User
from zwk.accounts.predicates import forget_cached_roles
from zwk.accounts.services import audit_record
from zwk.core.mail import message as mail_message
from zwk.core.mail import send_after_commit
from zwk.core.urls import absolute_url
from zwk.municipalities.models import (
    ConsultantAssignment,
    Invitation,
    Membership,
    Municipality,
)


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
