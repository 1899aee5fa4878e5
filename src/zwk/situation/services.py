"""Writes of the Situationsanalyse.

Every function runs in one transaction, checks that everything it links belongs to the same
Kommune (services are also called from the demo data and, later, the API), writes the audit
log and returns the object. Permissions are checked in the views.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_object, audit_record, delete_audited, save_audited
from zwk.municipalities.models import Municipality, Theme
from zwk.situation.models import (
    CandidateField,
    Initiative,
    InitiativeTargetGroup,
    Interview,
    RejectedSuggestion,
    SwotItem,
    TargetGroup,
)
from zwk.situation.suggestions import KNOWN_KEYS, Suggestion


def _check_same_municipality(municipality: Municipality, objects: Iterable, what: str) -> None:
    for obj in objects:
        if obj is not None and obj.municipality_id != municipality.pk:
            raise ValidationError(_("%(what)s gehört nicht zu dieser Kommune.") % {"what": what})


# --- Bestandsaufnahme -----------------------------------------------------------------

INITIATIVE_FIELDS = ("title", "provider", "status", "contact", "description", "url")


def _initiative_relations(initiative: Initiative, themes, target_groups) -> None:
    municipality = initiative.municipality
    themes = list(themes)
    allowed = set(municipality.themes.values_list("pk", flat=True))
    if any(t.pk not in allowed for t in themes):
        raise ValidationError(
            _("Bitte wählen Sie nur Handlungsfelder, die Ihre Kommune festgelegt hat.")
        )
    groups = list(dict.fromkeys(target_groups))
    if any(g not in TargetGroup.values for g in groups):
        raise ValidationError(_("Unbekannte Zielgruppe."))
    initiative.themes.set(themes)
    initiative.target_groups.all().delete()
    InitiativeTargetGroup.objects.bulk_create(
        InitiativeTargetGroup(initiative=initiative, group=g) for g in groups
    )


@transaction.atomic
def initiative_create(
    *,
    municipality: Municipality,
    by,
    data: dict,
    themes: Iterable[Theme] = (),
    target_groups: Iterable[str] = (),
    request=None,
) -> Initiative:
    initiative = Initiative(
        municipality=municipality,
        created_by=by if by and by.is_authenticated else None,
        **{k: data[k] for k in INITIATIVE_FIELDS if k in data},
    )
    initiative.full_clean()
    initiative.save()
    _initiative_relations(initiative, themes, target_groups)
    audit_object(
        initiative,
        by=by,
        action="situation.initiative_created",
        message=_("Bestandsaufnahme: „%(title)s“ aufgenommen") % {"title": initiative.title},
        municipality=municipality,
        request=request,
    )
    return initiative


@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    by,
    data: dict,
    themes: Iterable[Theme] = (),
    target_groups: Iterable[str] = (),
    request=None,
) -> Initiative:
    for key in INITIATIVE_FIELDS:
        if key in data:
            setattr(initiative, key, data[key])
    initiative.full_clean()
    initiative.save()
    _initiative_relations(initiative, themes, target_groups)
    audit_object(
        initiative,
        by=by,
        action="situation.initiative_updated",
        message=_("Bestandsaufnahme: „%(title)s“ bearbeitet") % {"title": initiative.title},
        request=request,
    )
    return initiative


@transaction.atomic
def initiative_delete(*, initiative: Initiative, by, request=None) -> None:
    delete_audited(
        initiative,
        by=by,
        action="situation.initiative_deleted",
        message=_("Bestandsaufnahme: „%(title)s“ gelöscht") % {"title": initiative.title},
        request=request,
    )


# --- SWOT -----------------------------------------------------------------------------

SWOT_FIELDS = ("category", "text", "note", "indicator_key", "interview")


@transaction.atomic
def swot_item_create(
    *,
    municipality: Municipality,
    by,
    category: str,
    text: str,
    note: str = "",
    source: str = SwotItem.Source.MANUAL,
    indicator_key: str = "",
    interview: Interview | None = None,
    suggestion_key: str = "",
    request=None,
) -> SwotItem:
    _check_same_municipality(municipality, [interview], _("Das Gespräch"))
    if interview is not None and source == SwotItem.Source.MANUAL:
        source = SwotItem.Source.INTERVIEW
    item = SwotItem(
        municipality=municipality,
        category=category,
        text=text.strip(),
        note=note.strip(),
        source=source,
        indicator_key=indicator_key,
        interview=interview,
        suggestion_key=suggestion_key,
        created_by=by if by and by.is_authenticated else None,
    )
    item.full_clean(validate_constraints=False)
    if suggestion_key and municipality.swot_items.filter(suggestion_key=suggestion_key).exists():
        raise ValidationError(_("Dieser Vorschlag wurde bereits übernommen."))
    item.save()
    audit_object(
        item,
        by=by,
        action="situation.swot_created",
        message=_("SWOT: %(category)s „%(text)s“ ergänzt")
        % {"category": item.get_category_display(), "text": item.text},
        municipality=municipality,
        request=request,
    )
    return item


@transaction.atomic
def swot_item_update(*, item: SwotItem, by, data: dict, request=None) -> SwotItem:
    _check_same_municipality(item.municipality, [data.get("interview")], _("Das Gespräch"))
    for key in SWOT_FIELDS:
        if key in data:
            setattr(item, key, data[key].strip() if isinstance(data[key], str) else data[key])
    item.full_clean(validate_constraints=False)
    item.save()
    audit_object(
        item,
        by=by,
        action="situation.swot_updated",
        message=_("SWOT: „%(text)s“ bearbeitet") % {"text": item.text},
        request=request,
    )
    return item


@transaction.atomic
def swot_item_delete(*, item: SwotItem, by, request=None) -> None:
    """Delete a SWOT item. An item accepted from a suggestion frees the suggestion again."""
    delete_audited(
        item,
        by=by,
        action="situation.swot_deleted",
        message=_("SWOT: „%(text)s“ gelöscht") % {"text": item.text},
        request=request,
    )


@transaction.atomic
def suggestion_accept(
    *,
    municipality: Municipality,
    suggestion: Suggestion,
    by,
    category: str | None = None,
    text: str | None = None,
    note: str | None = None,
    request=None,
) -> SwotItem:
    """Turn a suggestion into a SWOT item – as proposed or edited by the team."""
    RejectedSuggestion.objects.filter(municipality=municipality, key=suggestion.key).delete()
    return swot_item_create(
        municipality=municipality,
        by=by,
        category=category or suggestion.category,
        text=text if text is not None else suggestion.text,
        note=note if note is not None else suggestion.reason,
        source=SwotItem.Source.SUGGESTION,
        indicator_key=suggestion.indicator_key,
        suggestion_key=suggestion.key,
        request=request,
    )


def _known(key: str) -> None:
    if key not in KNOWN_KEYS:
        raise ValidationError(_("Diesen Vorschlag gibt es nicht."))


@transaction.atomic
def suggestion_reject(
    *, municipality: Municipality, key: str, by, request=None
) -> RejectedSuggestion:
    _known(key)
    rejected, created = RejectedSuggestion.objects.get_or_create(
        municipality=municipality,
        key=key,
        defaults={"rejected_by": by if by and by.is_authenticated else None},
    )
    if created:
        audit_object(
            rejected,
            by=by,
            action="situation.suggestion_rejected",
            message=_("SWOT-Vorschlag „%(key)s“ verworfen") % {"key": key},
            municipality=municipality,
            request=request,
        )
    return rejected


@transaction.atomic
def suggestion_restore(*, municipality: Municipality, key: str, by, request=None) -> bool:
    """Undo a rejection; returns whether there was one."""
    _known(key)
    deleted, _details = RejectedSuggestion.objects.filter(
        municipality=municipality, key=key
    ).delete()
    if deleted:
        audit_record(
            actor=by,
            action="situation.suggestion_restored",
            message=_("SWOT-Vorschlag „%(key)s“ wieder vorgeschlagen") % {"key": key},
            municipality=municipality,
            obj=None,
            request=request,
        )
    return bool(deleted)


# --- Interviews -----------------------------------------------------------------------

INTERVIEW_FIELDS = ("person", "role", "organisation", "held_on", "main_points")


@transaction.atomic
def interview_create(*, municipality: Municipality, by, data: dict, request=None) -> Interview:
    interview = Interview(
        municipality=municipality,
        created_by=by if by and by.is_authenticated else None,
        **{k: data[k] for k in INTERVIEW_FIELDS if k in data},
    )
    return save_audited(
        interview,
        by=by,
        action="situation.interview_created",
        message=_("Gespräch mit %(person)s erfasst") % {"person": interview.person},
        municipality=municipality,
        request=request,
    )


@transaction.atomic
def interview_update(*, interview: Interview, by, data: dict, request=None) -> Interview:
    for key in INTERVIEW_FIELDS:
        if key in data:
            setattr(interview, key, data[key])
    return save_audited(
        interview,
        by=by,
        action="situation.interview_updated",
        message=_("Gespräch mit %(person)s bearbeitet") % {"person": interview.person},
        request=request,
    )


@transaction.atomic
def interview_delete(*, interview: Interview, by, request=None) -> None:
    """Delete the notes; SWOT items taken from them stay (their link is cleared)."""
    delete_audited(
        interview,
        by=by,
        action="situation.interview_deleted",
        message=_("Gespräch mit %(person)s gelöscht") % {"person": interview.person},
        request=request,
    )


# --- Candidate Handlungsfelder --------------------------------------------------------


def _check_candidate(municipality: Municipality, theme: Theme, swot_items) -> list[SwotItem]:
    if theme.municipality_id not in (None, municipality.pk):
        raise ValidationError(_("Dieses Handlungsfeld gehört zu einer anderen Kommune."))
    swot_items = list(swot_items)
    if not swot_items:
        raise ValidationError(
            _("Bitte stützen Sie das Handlungsfeld auf mindestens einen SWOT-Punkt.")
        )
    _check_same_municipality(municipality, swot_items, _("Ein SWOT-Punkt"))
    return swot_items


@transaction.atomic
def candidate_add(
    *,
    municipality: Municipality,
    theme: Theme,
    justification: str,
    swot_items: Iterable[SwotItem],
    by,
    request=None,
) -> CandidateField:
    swot_items = _check_candidate(municipality, theme, swot_items)
    if municipality.candidate_fields.filter(theme=theme).exists():
        raise ValidationError(_("„%(theme)s“ ist bereits ausgewählt.") % {"theme": theme.name})
    last = municipality.candidate_fields.order_by("-position").first()
    candidate = CandidateField(
        municipality=municipality,
        theme=theme,
        justification=justification.strip(),
        position=(last.position + 1) if last else 1,
        created_by=by if by and by.is_authenticated else None,
    )
    candidate.full_clean(validate_constraints=False)
    candidate.save()
    candidate.swot_items.set(swot_items)
    audit_object(
        candidate,
        by=by,
        action="situation.candidate_added",
        message=_("Handlungsfeld „%(theme)s“ für die Zukunftswerkstatt vorgeschlagen")
        % {"theme": theme.name},
        municipality=municipality,
        request=request,
    )
    return candidate


@transaction.atomic
def candidate_update(
    *,
    candidate: CandidateField,
    theme: Theme,
    justification: str,
    swot_items: Iterable[SwotItem],
    by,
    request=None,
) -> CandidateField:
    municipality = candidate.municipality
    swot_items = _check_candidate(municipality, theme, swot_items)
    if municipality.candidate_fields.filter(theme=theme).exclude(pk=candidate.pk).exists():
        raise ValidationError(_("„%(theme)s“ ist bereits ausgewählt.") % {"theme": theme.name})
    candidate.theme = theme
    candidate.justification = justification.strip()
    candidate.full_clean(validate_constraints=False)
    candidate.save()
    candidate.swot_items.set(swot_items)
    audit_object(
        candidate,
        by=by,
        action="situation.candidate_updated",
        message=_("Handlungsfeld „%(theme)s“ bearbeitet") % {"theme": theme.name},
        municipality=municipality,
        request=request,
    )
    return candidate


def _renumber(municipality: Municipality) -> None:
    for rank, candidate in enumerate(municipality.candidate_fields.order_by("position", "id"), 1):
        if candidate.position != rank:
            CandidateField.objects.filter(pk=candidate.pk).update(position=rank)


@transaction.atomic
def candidate_remove(*, candidate: CandidateField, by, request=None) -> None:
    municipality = candidate.municipality
    delete_audited(
        candidate,
        by=by,
        action="situation.candidate_removed",
        message=_("Handlungsfeld „%(theme)s“ aus der Auswahl genommen")
        % {"theme": candidate.theme.name},
        municipality=municipality,
        request=request,
    )
    _renumber(municipality)


@transaction.atomic
def candidate_move(*, candidate: CandidateField, up: bool, by, request=None) -> CandidateField:
    """Swap the candidate with its neighbour above (``up``) or below; no-op at the ends."""
    municipality = candidate.municipality
    _renumber(municipality)
    candidate.refresh_from_db()
    neighbour = (
        municipality.candidate_fields.filter(position__lt=candidate.position).order_by("-position")
        if up
        else municipality.candidate_fields.filter(position__gt=candidate.position).order_by(
            "position"
        )
    ).first()
    if neighbour is None:
        return candidate
    CandidateField.objects.filter(pk=neighbour.pk).update(position=candidate.position)
    CandidateField.objects.filter(pk=candidate.pk).update(position=neighbour.position)
    candidate.refresh_from_db()
    audit_object(
        candidate,
        by=by,
        action="situation.candidate_moved",
        message=_("Handlungsfeld „%(theme)s“ auf Rang %(rank)s gesetzt")
        % {"theme": candidate.theme.name, "rank": candidate.position},
        municipality=municipality,
        request=request,
    )
    return candidate
