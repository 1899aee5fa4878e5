"""Writes for Kommunen, teams, invitations and the five steps.

This module holds the master data of a Kommune (create, edit, coordinates, own
Handlungsfelder); the team (invitations, memberships, consultants) lives in
``team_services``, the steps (status, checklists, documents, Kick-off) in
``step_services``. Their public names are importable from here as well.

Every function runs in one transaction, checks its invariants, writes the audit log and
returns the changed object. Permission checks happen in views (rules); services enforce what
must hold whoever calls them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zwk.accounts.models import User
from zwk.accounts.services import audit_record
from zwk.core.uploads import random_upload_name, reencode_image
from zwk.municipalities import geo
from zwk.municipalities.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    KickoffAgreement,
    Municipality,
    ProcessStep,
    Theme,
)
from zwk.municipalities.process import STEPS
from zwk.municipalities.step_services import (
    checklist_item_add,
    checklist_item_delete,
    checklist_item_set_done,
    checklist_template_sync,
    document_delete,
    document_upload,
    kickoff_actor_add,
    kickoff_actor_remove,
    kickoff_update,
    step_update,
)
from zwk.municipalities.team_services import (
    consultant_assign,
    invitation_accept,
    invitation_account_problem,
    invitation_create,
    invitation_problem,
    invitation_revoke,
    membership_change_role,
    membership_remove,
)

__all__ = [
    "checklist_item_add",
    "checklist_item_delete",
    "checklist_item_set_done",
    "checklist_template_sync",
    "consultant_assign",
    "coordinates_fill_missing",
    "document_delete",
    "document_upload",
    "invitation_accept",
    "invitation_account_problem",
    "invitation_create",
    "invitation_problem",
    "invitation_revoke",
    "kickoff_actor_add",
    "kickoff_actor_remove",
    "kickoff_update",
    "membership_change_role",
    "membership_remove",
    "municipality_create",
    "municipality_update",
    "step_update",
    "theme_add_own",
]


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
