"""Permission matrix of the Demografie-Check (see ``decisions/rules.py``).

The Kommune's staff, its consultant and the office see and write checks (an empty form is
refused with 400, nothing written); publishing is for those who lead. The public page of an
unpublished check is 404 for everyone outside the Kommune; the published case is in
test_views.py.
"""

from tests.zwk.permissions import LEADS, Case, tenant

CHECK = ("slug", "dc_check")
R = {"dc_check": "pk"}

MATRIX = {
    "decisions:list": Case("get", tenant(200), ("slug",)),
    "decisions:create": Case("post", tenant(400), ("slug",)),
    "decisions:blank_docx": Case("get", tenant(200), ("slug",)),
    "decisions:blank_odt": Case("get", tenant(200), ("slug",)),
    "decisions:detail": Case("get", tenant(200), CHECK, rename=R),
    "decisions:edit": Case("post", tenant(400), CHECK, rename=R),
    "decisions:result_pdf": Case("get", tenant(200), CHECK, rename=R),
    "decisions:result_docx": Case("get", tenant(200), CHECK, rename=R),
    "decisions:result_odt": Case("get", tenant(200), CHECK, rename=R),
    "decisions:publish": Case("post", tenant(302, **LEADS), CHECK, {"public": "0"}, rename=R),
    "decisions:public": Case("get", {**tenant(200), "anonymous": 404}, CHECK, rename=R),
}


def build(world):
    from tests.zwk.decisions.factories import make_check

    check = make_check(world["municipality"], world["users"]["coordinator"])
    return {"dc_check": check.pk}
