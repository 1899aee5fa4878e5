"""Permission matrix of the Werkstattplan and the Zwischenbilanz (see ``plans/rules.py``).

Seeing: team, coordination, assigned consultant, office. Working (measures, goals,
indicators, carry-over): the same. Outsiders get 404, anonymous users the login page.
Posting an empty form is refused with 400 – nothing is written. Approving the plan is for
the coordination and the office; the status case posts "review" from a draft (allowed for
everyone who works in the Kommune) – the approve step is covered in test_views.py.
"""

from tests.zwk.permissions import LEADS, Case, tenant

SLUG = ("slug",)
R = {
    "pl_measure": "pk",
    "pl_goal": "pk",
    "pl_indicator": "pk",
    "pl_milestone": "pk",
    "pl_lesson": "pk",
}


def _obj(name):
    return ("slug", name)


MATRIX = {
    "plans:plan": Case("get", tenant(200), SLUG),
    "plans:vision_edit": Case("get", tenant(200), SLUG),
    "plans:status": Case("post", tenant(302), SLUG, {"status": "unbekannt"}),
    "plans:goal_create": Case("post", tenant(400), SLUG),
    "plans:goal_edit": Case("get", tenant(200), _obj("pl_goal"), rename=R),
    "plans:measure_create": Case("post", tenant(400), SLUG),
    "plans:measure": Case("get", tenant(200), _obj("pl_measure"), rename=R),
    "plans:measure_edit": Case("get", tenant(200), _obj("pl_measure"), rename=R),
    "plans:milestone_add": Case("post", tenant(400), _obj("pl_measure"), rename=R),
    "plans:milestone_done": Case("post", tenant(302), _obj("pl_milestone"), rename=R),
    "plans:carry_over": Case("get", tenant(200), SLUG),
    "plans:indicator_create": Case("post", tenant(400), SLUG),
    "plans:indicator": Case("get", tenant(200), _obj("pl_indicator"), rename=R),
    "plans:measurement_add": Case("post", tenant(400), _obj("pl_indicator"), rename=R),
    "review:review": Case("get", tenant(200), SLUG),
    # Zwischenbilanz: reports, lessons learnt (sharing is for those who lead), Verstetigung.
    "plans:report_pdf": Case("get", tenant(200), SLUG),
    "plans:report_xlsx": Case("get", tenant(200), SLUG),
    "review:lesson_create": Case("post", tenant(400), SLUG),
    "review:lesson_edit": Case("get", tenant(200), _obj("pl_lesson"), rename=R),
    "review:lesson_share": Case(
        "post", tenant(302, **LEADS), _obj("pl_lesson"), {"share": ""}, rename=R
    ),
    "review:lesson_delete": Case("get", tenant(200), _obj("pl_lesson"), rename=R),
    "review:continuation": Case("get", tenant(200), SLUG),
}


def build(world):
    from datetime import date

    from tests.zwk.plans.factories import make_goal, make_measure
    from zwk.plans import services

    municipality, by = world["municipality"], world["users"]["coordinator"]
    measure = make_measure(municipality, by)
    milestone = services.milestone_add(
        measure=measure, by=by, title="Mietvertrag", due=date(2026, 9, 1)
    )
    goal = make_goal(municipality, by)
    indicator = services.indicator_create(
        goal=goal,
        by=by,
        data={"kind": "own", "name": "Kundinnen pro Woche", "baseline": 0, "target": 300},
    )
    from zwk.plans.lessons import lesson_save

    lesson = lesson_save(
        plan=measure.plan,
        by=by,
        data={"measure": measure, "title": "Ehrenamt trägt", "worked": "Früh beteiligt"},
    )
    return {
        "pl_lesson": lesson.pk,
        "pl_measure": measure.pk,
        "pl_goal": goal.pk,
        "pl_indicator": indicator.pk,
        "pl_milestone": milestone.pk,
    }
