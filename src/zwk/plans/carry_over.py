"""Carry-over from the Zukunftswerkstatt: project sketches the workshops propose become
measures of the Werkstattplan, keeping their origin (the one write of ``plans`` that reads
``workshops``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_object
from zwk.municipalities.models import Municipality
from zwk.plans.models import (
    Measure,
    Plan,
)
from zwk.plans.services import plan_for, user_or_none
from zwk.workshops.selectors import sketches_for_plan


@transaction.atomic
def plan_import_sketches(
    *, municipality: Municipality, sketch_ids: Iterable[int], by, request=None
) -> list[Measure]:
    """Carry the chosen project sketches into the plan as measures – one action.

    Only sketches the Kommune's workshops propose for the plan are taken (others are
    refused as a whole); a sketch already carried over is skipped, so repeating the action
    creates no duplicates. Returns the new measures.
    """
    ids = {int(i) for i in sketch_ids}
    if not ids:
        raise ValidationError(_("Bitte wählen Sie mindestens eine Projektskizze."))
    sketches = list(sketches_for_plan(municipality).filter(pk__in=ids))
    if len(sketches) != len(ids):
        raise ValidationError(_("Mindestens eine Projektskizze gehört nicht zu diesem Plan."))
    plan = Plan.objects.select_for_update().get(pk=plan_for(municipality).pk)
    done = set(
        plan.measures.filter(origin_sketch__in=ids).values_list("origin_sketch_id", flat=True)
    )
    created = []
    for sketch in sorted(sketches, key=lambda s: s.pk):
        if sketch.pk in done:
            continue
        description = "\n\n".join(
            f"{label}{'' if label.endswith('?') else ':'} {text}"  # "Wer wird gebraucht? …"
            for label, text in (
                (_("Erste Schritte"), sketch.first_steps),
                (_("Wer wird gebraucht?"), sketch.who_needed),
                (_("Ressourcen"), sketch.resources),
            )
            if text
        )
        measure = Measure(
            plan=plan,
            title=sketch.title,
            smart_target=sketch.goal,
            description=description,
            responsible=sketch.sponsor,
            theme=sketch.theme if sketch.theme_id else None,
            origin_sketch=sketch,
            created_by=user_or_none(by),
        )
        measure.full_clean()
        measure.save()
        created.append(measure)
        audit_object(
            measure,
            by=by,
            action="plans.sketch_imported",
            message=_("Projektskizze „%(title)s“ als Maßnahme übernommen")
            % {"title": sketch.title},
            municipality=municipality,
            request=request,
        )
    return created
