"""Lessons learnt of the Zwischenbilanz and sharing them with other Kommunen.

A lesson belongs to one measure or (without measure) to the plan as a whole. Sharing hands
it to the Werkzeugkoffer as a best-practice entry in status "in Prüfung" (the office reviews
and publishes it); withdrawing before publication removes that entry again. Once the office
has published it, the entry belongs to the Werkzeugkoffer – the Kommune can no longer take it
back by itself (the office can).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zwk.accounts.services import audit_record
from zwk.core import hooks
from zwk.municipalities.models import Municipality
from zwk.municipalities.sizes import SizeClass
from zwk.plans.models import Lesson, Measure, Plan

LESSON_FIELDS = (
    "measure",
    "title",
    "worked",
    "not_worked",
    "why",
    "differently",
    "transferable_kinds",
    "transferable_sizes",
    "transferable_note",
)
TEXT_FIELDS = ("worked", "not_worked", "why", "differently")


def _validate(lesson: Lesson) -> None:
    errors: dict[str, str] = {}
    lesson.title = (lesson.title or "").strip()
    for name in (*TEXT_FIELDS, "transferable_note"):
        setattr(lesson, name, (getattr(lesson, name) or "").strip())
    if not lesson.title:
        errors["title"] = _("Bitte geben Sie der Erfahrung einen Titel.")
    if not any(getattr(lesson, name) for name in TEXT_FIELDS):
        errors["worked"] = _(
            "Bitte beschreiben Sie mindestens, was funktioniert hat, was nicht, warum oder "
            "was Sie anders machen würden."
        )
    if lesson.measure_id and lesson.measure.plan_id != lesson.plan_id:
        errors["measure"] = _("Bitte wählen Sie eine Maßnahme dieses Werkstattplans.")
    kinds = [str(v) for v in lesson.transferable_kinds or []]
    sizes = [str(v) for v in lesson.transferable_sizes or []]
    if any(k not in Municipality.Kind.values for k in kinds):
        errors["transferable_kinds"] = _("Unbekannte Art von Kommune.")
    if any(s not in SizeClass.values for s in sizes):
        errors["transferable_sizes"] = _("Unbekannte Größenklasse.")
    if errors:
        raise ValidationError(errors)
    lesson.transferable_kinds = list(dict.fromkeys(kinds))
    lesson.transferable_sizes = list(dict.fromkeys(sizes))
    lesson.full_clean(exclude=["toolbox_entry"])


def entry_data(lesson: Lesson) -> dict:
    """The Werkzeugkoffer fields of a shared lesson (best-practice entry)."""
    municipality = lesson.plan.municipality
    measure: Measure | None = lesson.measure
    if measure is not None:
        intro = _("Erfahrungen der Kommune %(m)s mit der Maßnahme „%(t)s“.") % {
            "m": municipality.name,
            "t": measure.title,
        }
    else:
        intro = _("Erfahrungen der Kommune %(m)s mit ihrer Demografiestrategie.") % {
            "m": municipality.name
        }
    summary = f"{intro} {lesson.worked or lesson.not_worked or lesson.differently}".strip()
    if len(summary) > 1000:
        summary = summary[:999].rstrip() + "…"
    sections = [
        (_("Was hat nicht funktioniert?"), lesson.not_worked),
        (_("Warum?"), lesson.why),
        (_("Was würden wir anders machen?"), lesson.differently),
    ]
    lessons_text = "\n\n".join(f"{label}\n{text}" for label, text in sections if text)
    period = ""
    if measure is not None and (measure.start or measure.end):
        period = " – ".join(d.strftime("%m/%Y") if d else "…" for d in (measure.start, measure.end))
    return {
        "title": lesson.title,
        "summary": summary,
        "results": lesson.worked,
        "lessons_learnt": lessons_text,
        "transferability": lesson.transferable_note,
        "municipality_kinds": list(lesson.transferable_kinds),
        "sizes": list(lesson.transferable_sizes),
        "period": period,
    }


def _themes(lesson: Lesson) -> list:
    measure = lesson.measure
    return [measure.theme] if measure is not None and measure.theme_id else []


@transaction.atomic
def lesson_save(
    *,
    plan: Plan,
    by,
    data: dict,
    lesson: Lesson | None = None,
    share: bool | None = None,
    request=None,
) -> Lesson:
    """Create or update a lesson; a shared, not yet published entry follows the changes.

    ``share`` (None: leave as is) switches sharing in the same transaction – if withdrawing
    is refused, nothing of the edit is stored either."""
    created = lesson is None
    lesson = lesson or Lesson(plan=plan, created_by=by if by and by.is_authenticated else None)
    if lesson.plan_id != plan.pk:
        raise ValidationError(_("Diese Erfahrung gehört zu einem anderen Werkstattplan."))
    for key in LESSON_FIELDS:
        if key in data:
            setattr(lesson, key, data[key])
    _validate(lesson)
    lesson.save()
    if lesson.toolbox_entry is not None:
        # A shared entry follows the edit until it is published; one the office returned for
        # revision goes back into review unless the lesson is withdrawn in the same step.
        hooks.service(hooks.BEST_PRACTICES).follow(
            entry=lesson.toolbox_entry,
            by=by,
            data=entry_data(lesson),
            themes=_themes(lesson),
            comment=_("von der Kommune aktualisiert"),
            resubmit=share is not False,
            request=request,
        )
    audit_record(
        actor=by,
        action="plans.lesson_created" if created else "plans.lesson_updated",
        message=_("Erfahrung „%(title)s“ gespeichert") % {"title": lesson.title},
        municipality=plan.municipality,
        obj=lesson,
        request=request,
    )
    if share is not None:
        lesson = lesson_set_shared(lesson=lesson, by=by, shared=share, request=request)
    return lesson


@transaction.atomic
def lesson_set_shared(*, lesson: Lesson, by, shared: bool, request=None) -> Lesson:
    """Offer the lesson to the Werkzeugkoffer (``shared=True``) or withdraw it.

    Sharing twice creates no second entry; withdrawing a published entry is refused.
    """
    lesson = (
        Lesson.objects.select_for_update().select_related("plan__municipality").get(pk=lesson.pk)
    )
    municipality = lesson.plan.municipality
    if shared and lesson.toolbox_entry_id is None:
        entry = hooks.service(hooks.BEST_PRACTICES).submit(
            municipality=municipality,
            by=by,
            data=entry_data(lesson),
            themes=_themes(lesson),
            request=request,
        )
        lesson.toolbox_entry = entry
        lesson.save(update_fields=["toolbox_entry", "updated_at"])
        action, message = "plans.lesson_shared", _("Erfahrung „%(title)s“ geteilt")
    elif not shared and lesson.toolbox_entry_id is not None:
        hooks.service(hooks.BEST_PRACTICES).withdraw(
            entry=lesson.toolbox_entry, by=by, request=request
        )
        lesson.toolbox_entry = None
        lesson.save(update_fields=["toolbox_entry", "updated_at"])
        action, message = "plans.lesson_withdrawn", _("Erfahrung „%(title)s“ zurückgezogen")
    else:
        return lesson
    audit_record(
        actor=by,
        action=action,
        message=message % {"title": lesson.title},
        municipality=municipality,
        obj=lesson,
        request=request,
    )
    return lesson


@transaction.atomic
def lesson_delete(*, lesson: Lesson, by, request=None) -> None:
    """Delete a lesson; an unpublished shared entry is withdrawn with it, a published one
    stays in the Werkzeugkoffer."""
    if lesson.toolbox_entry_id is not None:
        hooks.service(hooks.BEST_PRACTICES).withdraw_unpublished(
            entry=lesson.toolbox_entry, by=by, request=request
        )
    audit_record(
        actor=by,
        action="plans.lesson_deleted",
        message=_("Erfahrung „%(title)s“ gelöscht") % {"title": lesson.title},
        municipality=lesson.plan.municipality,
        obj=lesson,
        request=request,
    )
    lesson.delete()


# --- Personal data (registered in apps.py) ----------------------------------------------------


def personal_data_of(user) -> list[dict]:
    """Lessons learnt ``user`` wrote (the text belongs to the Kommune; listed for Art. 15)."""
    return [
        {
            "kommune": lesson.plan.municipality.name,
            "title": lesson.title,
            "measure": lesson.measure.title if lesson.measure else "",
            "written_at": lesson.created_at.isoformat(),
        }
        for lesson in Lesson.objects.filter(created_by=user).select_related(
            "plan__municipality", "measure"
        )
    ]


def personal_data_erase(user) -> int:
    """DSGVO erasure: the lessons stay with the Kommune, without the link to the person."""
    return Lesson.objects.filter(created_by=user).update(created_by=None)
