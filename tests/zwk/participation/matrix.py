"""Permission matrix of the Beteiligungsprojekte.

Team side: everyone who works in the Kommune sees projects, surveys and results and enters
paper questionnaires; setting up, access codes, letters and moderating free texts are for
the coordination, the assigned consultant and the office (the plain team member: 403).
Outsiders get 404. Public side: a published project and its survey are open to everyone;
a survey page without a started questionnaire on the device sends to the start (302).
"""

from tests.zwk.permissions import Case, everyone, tenant

MANAGE = {"member": 403}
P = ("slug", "pa_pk")
S = ("slug", "pa_survey")
R = {
    "pa_pk": "pk",
    "pa_phase": "phase",
    "pa_survey": "survey",
    "pa_question": "question",
    "pa_answer": "answer",
    "pa_fmt": "fmt",
    "pa_project": "project",
    "pa_page": "page",
}
PUB = ("slug", "pa_project", "pa_survey")

MATRIX = {
    "participation_team:list": Case("get", tenant(200), ("slug",)),
    "participation_team:create": Case("get", tenant(200, **MANAGE), ("slug",)),
    "participation_team:project": Case("get", tenant(200), P, rename=R),
    "participation_team:edit": Case("get", tenant(200, **MANAGE), P, rename=R),
    "participation_team:phase_create": Case("get", tenant(200, **MANAGE), P, rename=R),
    "participation_team:phase_edit": Case("get", tenant(200, **MANAGE), (*P, "pa_phase"), rename=R),
    "participation_team:survey_create": Case("get", tenant(200, **MANAGE), P, rename=R),
    "participation_team:survey": Case("get", tenant(200), S, rename=R),
    "participation_team:survey_edit": Case("get", tenant(200, **MANAGE), S, rename=R),
    "participation_team:question_create": Case("get", tenant(200, **MANAGE), S, rename=R),
    "participation_team:question_edit": Case(
        "get", tenant(200, **MANAGE), (*S, "pa_question"), rename=R
    ),
    "participation_team:question_delete": Case(
        "get", tenant(200, **MANAGE), (*S, "pa_question"), rename=R
    ),
    "participation_team:codes": Case("get", tenant(200, **MANAGE), S, rename=R),
    "participation_team:letters_pdf": Case("get", tenant(200, **MANAGE), S, rename=R),
    "participation_team:paper": Case("get", tenant(200), S, rename=R),
    "participation_team:results": Case("get", tenant(200), S, rename=R),
    "participation_team:export": Case("get", tenant(200), (*S, "pa_fmt"), rename=R),
    "participation_team:answer_moderate": Case(
        "post", tenant(302, **MANAGE), (*S, "pa_answer"), data={"reason": "Name"}, rename=R
    ),
    # Public pages of a published project.
    "participation:open_list": Case("get", everyone(200)),
    "participation:project": Case("get", everyone(200), ("slug", "pa_project"), rename=R),
    "participation:survey": Case("get", everyone(200), PUB, rename=R),
    "participation:survey_page": Case("get", everyone(302), (*PUB, "pa_page"), rename=R),
    "participation:survey_done": Case("get", everyone(200), PUB, rename=R),
}


def build(world):
    from tests.zwk.participation.factories import add_questions, make_project
    from zwk.participation import services
    from zwk.participation.models import Question, Survey

    municipality, coordinator = world["municipality"], world["users"]["coordinator"]
    project = make_project(municipality, by=coordinator, slug=f"zukunft{world.get('suffix', '')}")
    survey = services.survey_save(
        survey=Survey(
            project=project,
            phase=project.phases.first(),
            title="Bürgerbefragung",
            access=Survey.Access.CODES,
        ),
        by=coordinator,
    )
    add_questions(survey, by=coordinator)
    services.codes_generate(survey=survey, count=2, by=coordinator)
    text = survey.questions.get(text__startswith="Was möchten")
    response, _created = services.response_submit(
        survey=survey,
        values={text.pk: "Ich heiße Erika Muster"},
        submission_key=f"matrix{world.get('suffix', '')}",
        paper=True,
        by=coordinator,
    )
    return {
        "pa_pk": project.pk,
        "pa_project": project.slug,
        "pa_phase": project.phases.first().pk,
        "pa_survey": survey.pk,
        "pa_question": survey.questions.get(kind=Question.Kind.NUMBER).pk,
        "pa_answer": response.answers.get(question=text).pk,
        "pa_fmt": "csv",
        "pa_page": 1,
    }
