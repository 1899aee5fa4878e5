"""Writes of measure effects (arithmetic and catalogue: ``zwk.plans.effects``).

An effect is checked before anything is written: its fields (years within the projection,
amounts within the catalogue's range) and – for effects that move people – that the plan's
effects together never take more people out of an age group than live there (one projection
with all of them). A refused effect writes nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_object
from zwk.core import permissions
from zwk.plans import effects
from zwk.plans.models import Measure, MeasureEffect

FIELDS = (
    "kind",
    "start_year",
    "years",
    "amount",
    "is_percent",
    "age_from",
    "age_to",
    "occupancy",
    "external_share",
    "profile",
    "facility",
    "existing_places",
    "base_outflow",
    "note",
)


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


@transaction.atomic
def effect_add(*, measure: Measure, by, data: dict, request=None, base=None) -> MeasureEffect:
    """Add an effect to ``measure`` (``ValidationError`` in German when it cannot be)."""
    permissions.require(by, "plans.change_plan", measure.plan.municipality)
    effect = MeasureEffect(
        measure=measure, created_by=_user(by), **{k: data[k] for k in FIELDS if k in data}
    )
    if effect.kind != MeasureEffect.Kind.MIGRATION:
        effect.is_percent, effect.age_from, effect.age_to, effect.base_outflow = (
            False,
            None,
            None,
            None,
        )
    if effect.kind != MeasureEffect.Kind.PLACES:
        effect.facility, effect.existing_places = "", None
    base = base if base is not None else effects.base_for(measure.plan.municipality)
    effects.validate(effect, base)
    effect.full_clean(exclude=["measure", "created_by"])
    if effect.kind != MeasureEffect.Kind.PLACES:
        others = effects.plan_effects(measure.plan)
        effects.check_no_negative_cohort([*others, effect], base)
    effect.save()
    audit_object(
        effect,
        by=by,
        action="plans.effect_added",
        message=_("Wirkung „%(kind)s“ bei „%(title)s“ eingetragen")
        % {"kind": effect.get_kind_display(), "title": measure.title},
        municipality=measure.plan.municipality,
        request=request,
    )
    return effect


@transaction.atomic
def effect_delete(*, effect: MeasureEffect, by, request=None) -> None:
    permissions.require(by, "plans.change_plan", effect.measure.plan.municipality)
    audit_object(
        effect,
        by=by,
        action="plans.effect_deleted",
        message=_("Wirkung „%(kind)s“ bei „%(title)s“ gelöscht")
        % {"kind": effect.get_kind_display(), "title": effect.measure.title},
        municipality=effect.measure.plan.municipality,
        request=request,
    )
    effect.delete()
