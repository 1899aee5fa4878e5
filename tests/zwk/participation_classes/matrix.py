"""Permission matrix of the Schulklassen-Modus (issue 17; built on the participation world).

Class codes are created by the coordination, the assigned consultant and the office (the plain
team member: 403, outsiders 404). The teacher's page is opened by its secret link alone
(everyone holding it; a POST without a choice is refused with 400); a class joins an idea
collection with the class code (public form)."""

from tests.zwk.participation.matrix import IDEAS, MANAGE, R
from tests.zwk.permissions import Case, everyone, tenant

T = {**R, "pa_token": "token"}

MATRIX = {
    "participation:class_create": Case(
        "get", tenant(200, **MANAGE), ("slug", "pa_project"), rename=T
    ),
    "participation:class_join": Case("get", everyone(200), IDEAS, rename=T),
    "participation:teacher": Case("get", everyone(200), ("pa_token",), rename=T),
    "participation:teacher_consent": Case("post", everyone(400), ("pa_token",), rename=T),
    "participation:teacher_decide": Case("post", everyone(400), ("pa_token",), rename=T),
}


def build(world):
    from zwk.participation import class_services
    from zwk.participation.models import Project, SchoolClass

    project = Project.objects.get(pk=world["kwargs"]["pa_pk"])
    school_class = class_services.class_create(
        school_class=SchoolClass(project=project, name="7b Realschule"),
        by=world["users"]["coordinator"],
    )
    return {"pa_token": school_class.teacher_token}
