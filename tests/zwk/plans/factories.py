"""Small builders for plan tests (services only, so the tests exercise the real paths)."""

from zwk.plans import services
from zwk.workshops import results as workshop_results


def make_sketch(workshop, by, title="Bürgerbus", **data):
    return workshop_results.sketch_save(
        workshop=workshop, by=by, data={"title": title, "goal": "Mobil ohne Auto", **data}
    )


def make_measure(municipality, by, title="Dorfladen", **data):
    plan = services.plan_for(municipality)
    return services.measure_create(plan=plan, by=by, data={"title": title, **data})


def make_goal(municipality, by, text="Junge Familien halten", **kwargs):
    return services.goal_save(plan=services.plan_for(municipality), by=by, text=text, **kwargs)
