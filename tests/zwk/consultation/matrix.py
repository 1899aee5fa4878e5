"""Permission matrix of "Entwurf diskutieren".

Public side (no account): the draft page, reporting a comment and forgetting the pseudonym on
this device are open to everyone. Team side: everyone who works in the Kommune sees the
comments, answers and hides them; opening and closing a consultation is for the coordination,
the assigned consultant and the office (the plain team member: 403). Outsiders get 404.
"""

from tests.zwk.permissions import Case, everyone, tenant

MANAGE = {"member": 403}
R = {"co_consultation": "pk", "co_comment": "pk"}

MATRIX = {
    "consultation:draft": Case("get", everyone(200), ("slug",)),
    "consultation:forget": Case("post", everyone(302), ("slug",)),
    "consultation:report": Case("post", everyone(302), ("slug", "co_comment"), rename=R),
    "consultation:team": Case("get", tenant(200), ("slug",)),
    "consultation:create": Case("get", tenant(200, **MANAGE), ("slug",)),
    "consultation:close": Case("get", tenant(200, **MANAGE), ("slug", "co_consultation"), rename=R),
    "consultation:answer": Case("get", tenant(200), ("slug", "co_comment"), rename=R),
    "consultation:hide": Case("get", tenant(200), ("slug", "co_comment"), rename=R),
    "consultation:show": Case("get", tenant(200), ("slug", "co_comment"), rename=R),
    # The team's translation of a comment (issue 18): like answering, for everyone who moderates.
    "consultation:translate": Case("get", tenant(200), ("slug", "co_comment"), rename=R),
}


def build(world):
    from tests.zwk.consultation.factories import comment, make_consultation, make_plan

    plan, goal, _measure = make_plan(world["municipality"])
    consultation = make_consultation(plan, by=world["users"]["coordinator"])
    saved = comment(consultation, section=f"goal-{goal.pk}")
    return {"co_consultation": consultation.pk, "co_comment": saved.pk}
