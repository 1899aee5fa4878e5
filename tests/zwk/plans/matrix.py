"""Permission matrix of the Werkstattplan and the Zwischenbilanz (see ``plans/rules.py``).

Seeing: team, coordination, assigned consultant, office. Working (measures, goals,
indicators, carry-over, status on the board, comments): the same. Outsiders get 404,
anonymous users the login page. Posting an empty form is refused with 400 – nothing is
written. Approving and publishing is for the coordination and the office; a comment may be
deleted by its author (here: the coordination) and by those who lead. Delete URLs are
checked with GET (the confirmation page). The public page of an unpublished plan is 404 for
everyone outside the Kommune – the published case is in test_views.py.
"""

from tests.zwk.permissions import LEADS, Case, tenant

SLUG = ("slug",)
R = {
    "pl_measure": "pk",
    "pl_goal": "pk",
    "pl_indicator": "pk",
    "pl_milestone": "pk",
    "pl_lesson": "pk",
    "pl_measurement": "pk",
    "pl_comment": "pk",
    "pl_effect": "pk",
    "pl_version": "number",
}


def _obj(name):
    return ("slug", name)


def _get(name):
    return Case("get", tenant(200), _obj(name), rename=R)


MATRIX = {
    "plans:plan": Case("get", tenant(200), SLUG),
    "plans:vision_edit": Case("get", tenant(200), SLUG),
    "plans:status": Case("post", tenant(302), SLUG, {"status": "unbekannt"}),
    "plans:board": Case("get", tenant(200), SLUG),
    "plans:timeline": Case("get", tenant(200), SLUG),
    "plans:themes": Case("get", tenant(200), SLUG),
    "plans:strategy": Case("get", tenant(200), SLUG),
    "plans:origin": Case("get", tenant(200), SLUG),
    "plans:consultation": Case("get", tenant(200), SLUG),
    "plans:comment_delete": Case("get", tenant(200, **LEADS), _obj("pl_comment"), rename=R),
    "plans:versions": Case("get", tenant(200), SLUG),
    "plans:compare": Case("get", tenant(200), SLUG),
    "plans:version": _get("pl_version"),
    "plans:publish": Case("get", tenant(200, **LEADS), SLUG),
    "plans:public": Case(
        "get",
        {**tenant(200), "anonymous": 404},
        SLUG,
    ),
    "plans:goal_create": Case("post", tenant(400), SLUG),
    "plans:goal_edit": _get("pl_goal"),
    "plans:goal_delete": _get("pl_goal"),
    "plans:measure_create": Case("post", tenant(400), SLUG),
    "plans:measure": _get("pl_measure"),
    "plans:measure_edit": _get("pl_measure"),
    "plans:measure_status": _get("pl_measure"),
    "plans:measure_delete": _get("pl_measure"),
    "plans:measure_comment": Case("post", tenant(400), _obj("pl_measure"), rename=R),
    "plans:milestone_add": Case("post", tenant(400), _obj("pl_measure"), rename=R),
    "plans:milestone_done": Case("post", tenant(302), _obj("pl_milestone"), rename=R),
    "plans:milestone_edit": _get("pl_milestone"),
    "plans:milestone_delete": _get("pl_milestone"),
    "plans:carry_over": Case("get", tenant(200), SLUG),
    # Demographic effects of measures (writes for the team, like measures)
    "plans:effects": Case("get", tenant(200), SLUG),
    "plans:effect_add": Case("post", tenant(400), _obj("pl_measure"), rename=R),
    "plans:effect_delete": _get("pl_effect"),
    "plans:indicator_create": Case("post", tenant(400), SLUG),
    "plans:indicator": _get("pl_indicator"),
    "plans:indicator_edit": _get("pl_indicator"),
    "plans:indicator_delete": _get("pl_indicator"),
    "plans:measurement_add": Case("post", tenant(400), _obj("pl_indicator"), rename=R),
    "plans:measurement_edit": _get("pl_measurement"),
    "plans:measurement_delete": _get("pl_measurement"),
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
    from zwk.plans.review.lessons import lesson_save

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
    lesson = lesson_save(
        plan=measure.plan,
        by=by,
        data={"measure": measure, "title": "Ehrenamt trägt", "worked": "Früh beteiligt"},
    )
    measurement = services.measurement_add(
        indicator=indicator, by=by, measured_on=date(2026, 1, 5), value=120
    )
    from zwk.plans.models import MeasureEffect

    effect = MeasureEffect.objects.create(
        measure=measure, kind="places", start_year=2030, amount=10, facility="kita"
    )
    plan = services.plan_for(municipality)
    comment = services.comment_add(plan=plan, by=by, body="Bitte den Zeitplan prüfen.")
    plan = services.plan_set_status(plan=plan, by=by, status="review")
    plan = services.plan_set_status(plan=plan, by=by, status="approved")
    return {
        "pl_lesson": lesson.pk,
        "pl_measure": measure.pk,
        "pl_goal": goal.pk,
        "pl_indicator": indicator.pk,
        "pl_milestone": milestone.pk,
        "pl_measurement": measurement.pk,
        "pl_comment": comment.pk,
        "pl_effect": effect.pk,
        "pl_version": plan.approved_version,
    }
