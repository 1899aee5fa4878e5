"""Permission matrix of the Situationsanalyse: see ``situation/rules.py`` for the reasoning.

View and work: team, coordination, assigned consultant, office. Delete: coordination and
office (``LEADS``). Outsiders get 404, anonymous users the login page.
"""

from tests.zwk.permissions import LEADS, Case, tenant

PK = {
    "initiative": "pk",
    "swot_item": "pk",
    "interview": "pk",
    "candidate": "pk",
    "suggestion": "key",
}
SLUG = ("slug",)


def _obj(name):
    return ("slug", name)


MATRIX = {
    "situation:overview": Case("get", tenant(200), SLUG),
    # Bestandsaufnahme
    "situation:initiatives": Case("get", tenant(200), SLUG),
    "situation:initiative_create": Case("get", tenant(200), SLUG),
    "situation:initiative_edit": Case("get", tenant(200), _obj("initiative"), rename=PK),
    "situation:initiative_delete": Case("get", tenant(200, **LEADS), _obj("initiative"), rename=PK),
    "situation:initiatives_csv": Case("get", tenant(200), SLUG),
    "situation:initiatives_xlsx": Case("get", tenant(200), SLUG),
    # SWOT (posting an empty form is refused with 400 – nothing is written)
    "situation:swot": Case("get", tenant(200), SLUG),
    "situation:swot_add": Case("post", tenant(400), SLUG),
    "situation:swot_edit": Case("get", tenant(200), _obj("swot_item"), rename=PK),
    "situation:swot_delete": Case("get", tenant(200, **LEADS), _obj("swot_item"), rename=PK),
    # Without statistics the suggestion no longer applies: back to the SWOT page.
    "situation:suggestion_accept": Case("get", tenant(302), _obj("suggestion"), rename=PK),
    "situation:suggestion_reject": Case("post", tenant(302), _obj("suggestion"), rename=PK),
    "situation:suggestion_restore": Case("post", tenant(302), _obj("suggestion"), rename=PK),
    "situation:swot_csv": Case("get", tenant(200), SLUG),
    "situation:swot_xlsx": Case("get", tenant(200), SLUG),
    # Interviews
    "situation:interviews": Case("get", tenant(200), SLUG),
    "situation:interview_create": Case("get", tenant(200), SLUG),
    "situation:interview": Case("get", tenant(200), _obj("interview"), rename=PK),
    "situation:interview_edit": Case("get", tenant(200), _obj("interview"), rename=PK),
    "situation:interview_delete": Case("get", tenant(200, **LEADS), _obj("interview"), rename=PK),
    "situation:interview_swot_add": Case("post", tenant(400), _obj("interview"), rename=PK),
    # Candidate Handlungsfelder
    "situation:candidates": Case("get", tenant(200), SLUG),
    "situation:candidate_add": Case("post", tenant(400), SLUG),
    "situation:candidate_edit": Case("get", tenant(200), _obj("candidate"), rename=PK),
    "situation:candidate_delete": Case("get", tenant(200, **LEADS), _obj("candidate"), rename=PK),
    "situation:candidate_move": Case(
        "post", tenant(302), _obj("candidate"), {"richtung": "hoch"}, rename=PK
    ),
}


def build(world):
    from zwk.municipalities.models import Theme
    from zwk.situation import services

    municipality = world["municipality"]
    by = world["users"]["coordinator"]
    initiative = services.initiative_create(
        municipality=municipality, by=by, data={"title": "Seniorentreff"}
    )
    interview = services.interview_create(
        municipality=municipality,
        by=by,
        data={"person": "Vereinsvorsitz", "held_on": "2026-05-04", "main_points": "Viel Ehrenamt"},
    )
    item = services.swot_item_create(
        municipality=municipality, by=by, category="strength", text="Starkes Vereinsleben"
    )
    candidate = services.candidate_add(
        municipality=municipality,
        theme=Theme.objects.get(slug="ehrenamt-engagement", municipality=None),
        justification="Das Ehrenamt trägt viel.",
        swot_items=[item],
        by=by,
    )
    return {
        "initiative": initiative.pk,
        "interview": interview.pk,
        "swot_item": item.pk,
        "candidate": candidate.pk,
        "suggestion": "altenquotient-hoch",
    }
