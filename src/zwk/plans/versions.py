"""Snapshots of approved plan versions and the comparison of two of them.

A snapshot is plain JSON (strings, numbers as strings, ISO dates) so that it stays readable
when models change later: ``{"schema": 1, "vision", "goals": [...], "measures": [...],
"effects": {...} | None}`` (the measures' demographic effects, ``effects.summary``).
Goals and measures keep their database id, which is how two versions are matched; labels
(status, Handlungsfeld, target groups) are stored as shown at approval time.

``compare`` is pure: two snapshots in, lists of added / removed / changed items with the
changed fields (label, before, after) out – the page shows them as text, no colour needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from zwk.plans.effect_pages import plan_summary
from zwk.plans.models import Goal, Indicator, Measure, Milestone, Plan

SCHEMA = 1


def _num(value) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _date(value) -> str:
    return value.isoformat() if value else ""


def snapshot(plan: Plan) -> dict:
    """The plan as it is now, as JSON (a fixed number of queries)."""
    goals = (
        Goal.objects.filter(plan=plan)
        .select_related("theme")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("name", "id")))
        .order_by("order", "id")
    )
    measures = (
        Measure.objects.filter(plan=plan)
        .select_related("theme", "origin_sketch__workshop")
        .prefetch_related(
            "goals",
            "partners",
            "target_groups",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due", "id")),
        )
        .order_by("title", "id")
    )
    return {
        "schema": SCHEMA,
        "vision": plan.vision,
        "goals": [
            {
                "id": g.pk,
                "text": g.text,
                "theme": g.theme.name if g.theme else "",
                "preset": g.preset,
                "indicators": [
                    {
                        "id": i.pk,
                        "name": i.name,
                        "kind": i.kind,
                        "unit": i.unit,
                        "baseline": _num(i.baseline),
                        "baseline_date": _date(i.baseline_date),
                        "target": _num(i.target),
                        "due": _date(i.due),
                    }
                    for i in g.indicators.all()
                ],
            }
            for g in goals
        ],
        "measures": [
            {
                "id": m.pk,
                "title": m.title,
                "description": m.description,
                "theme": m.theme.name if m.theme else "",
                "goals": [g.text for g in sorted(m.goals.all(), key=lambda g: g.pk)],
                "smart_target": m.smart_target,
                "responsible": m.responsible,
                "partners": sorted(p.title for p in m.partners.all()),
                "target_groups": m.target_group_labels,
                "start": _date(m.start),
                "end": _date(m.end),
                "status": m.status,
                "status_label": str(m.get_status_display()),
                "status_reason": m.status_reason,
                "budget_planned": _num(m.budget_planned),
                "budget_actual": _num(m.budget_actual),
                "funding_source": m.funding_source,
                "key_measure": m.key_measure,
                "origin": (
                    f"{m.origin_sketch.title} ({m.origin_sketch.workshop.title})"
                    if m.origin_sketch
                    else ""
                ),
                "milestones": [
                    {"id": ms.pk, "title": ms.title, "due": _date(ms.due)}
                    for ms in m.milestones.all()
                ],
            }
            for m in measures
        ],
        # the measures' demographic effects as they were: a sentence each and the small
        # "ohne / mit Plan" table (None: no effects; missing in versions before issue 20)
        "effects": plan_summary(plan),
    }


# --- Comparison -----------------------------------------------------------------------------


def _measure_fields() -> list[tuple[str, str]]:
    return [
        ("title", _("Titel")),
        ("description", _("Beschreibung")),
        ("theme", _("Handlungsfeld")),
        ("goals", _("Ziele")),
        ("smart_target", _("SMART-Ziel")),
        ("responsible", _("Verantwortlich")),
        ("partners", _("Partner")),
        ("target_groups", _("Zielgruppen")),
        ("start", _("Beginn")),
        ("end", _("Ende")),
        ("status_label", _("Status")),
        ("status_reason", _("Begründung des Status")),
        ("budget_planned", _("Budget geplant (Euro)")),
        ("budget_actual", _("Budget ausgegeben (Euro)")),
        ("funding_source", _("Finanzierung")),
        ("key_measure", _("Schlüsselmaßnahme")),
        ("milestones", _("Meilensteine")),
    ]


def _goal_fields() -> list[tuple[str, str]]:
    return [
        ("text", _("Ziel")),
        ("theme", _("Handlungsfeld")),
        ("indicators", _("Indikatoren")),
    ]


def _show(key: str, value) -> str:
    """A field value as one line of text for the comparison table."""
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if key == "milestones":
        return "; ".join(f"{m['title']} ({m['due']})" for m in value) or "–"
    if key == "indicators":
        return (
            "; ".join(
                f"{i['name']}: {i['baseline'] or '–'} → {i['target'] or '–'} {i['unit']}".strip()
                for i in value
            )
            or "–"
        )
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return str(value) if value not in (None, "") else "–"


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class ItemChange:
    id: int
    title: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class Section:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass
class Comparison:
    vision: FieldChange | None
    goals: Section
    measures: Section

    @property
    def empty(self) -> bool:
        return self.vision is None and self.goals.empty and self.measures.empty


def _section(old: list[dict], new: list[dict], fields, title_key: str) -> Section:
    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    section = Section(
        added=[after[i][title_key] for i in after if i not in before],
        removed=[before[i][title_key] for i in before if i not in after],
    )
    for item_id, item in after.items():
        if item_id not in before:
            continue
        changes = [
            FieldChange(label, _show(key, before[item_id].get(key)), _show(key, item.get(key)))
            for key, label in fields
            if before[item_id].get(key) != item.get(key)
        ]
        if changes:
            section.changed.append(ItemChange(item_id, item[title_key], changes))
    return section


def compare(old: dict, new: dict) -> Comparison:
    """What changed from ``old`` to ``new`` (two snapshots)."""
    vision = None
    if old.get("vision", "") != new.get("vision", ""):
        vision = FieldChange(
            _("Leitbild"), _show("vision", old.get("vision")), _show("vision", new.get("vision"))
        )
    return Comparison(
        vision=vision,
        goals=_section(old.get("goals", []), new.get("goals", []), _goal_fields(), "text"),
        measures=_section(
            old.get("measures", []), new.get("measures", []), _measure_fields(), "title"
        ),
    )
