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
    "pa_collection": "collection",
    "pa_idea": "idea",
    "pa_comment": "comment",
}
PUB = ("slug", "pa_project", "pa_survey")
C = ("slug", "pa_collection")
IT = ("slug", "pa_idea")
IDEAS = ("slug", "pa_project", "pa_collection")
IDEA = (*IDEAS, "pa_idea")

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
    # PDF report of the results and the workshop's votes weighted like a survey: the team.
    "participation_team:report_pdf": Case("get", tenant(200), S, rename=R),
    "participation_team:workshop_weighted": Case(
        "get", tenant(200), ("slug", "ws_workshop"), rename={"ws_workshop": "workshop"}
    ),
    "participation_team:answer_moderate": Case(
        "post", tenant(302, **MANAGE), (*S, "pa_answer"), data={"reason": "Name"}, rename=R
    ),
    # The moderation's translation of a free-text answer (issue 18): back to the results.
    "participation_team:answer_translate": Case(
        "post", tenant(302, **MANAGE), (*S, "pa_answer"), rename=R
    ),
    # Ideensammlung (team): seeing for the whole team, moderating for the leads.
    "participation_team:ideas_create": Case("get", tenant(200, **MANAGE), P, rename=R),
    "participation_team:ideas": Case("get", tenant(200), C, rename=R),
    "participation_team:ideas_edit": Case("get", tenant(200, **MANAGE), C, rename=R),
    "participation_team:idea": Case("get", tenant(200), IT, rename=R),
    "participation_team:idea_status": Case(
        "post",
        tenant(302, **MANAGE),
        IT,
        data={"status": "review", "reason": "Wir prüfen."},
        rename=R,
    ),
    "participation_team:idea_answer": Case(
        "post", tenant(302, **MANAGE), IT, data={"official_answer": "Danke!"}, rename=R
    ),
    "participation_team:idea_hide": Case(
        "post", tenant(302, **MANAGE), IT, data={"reason": "Name genannt"}, rename=R
    ),
    # The world's only other idea is the target: the form offers it, so the merge works.
    "participation_team:idea_merge": Case(
        "post", tenant(400, **MANAGE), IT, data={"target": "0"}, rename=R
    ),
    "participation_team:idea_reports": Case("post", tenant(302, **MANAGE), IT, rename=R),
    "participation_team:idea_comment_moderate": Case(
        "post", tenant(302, **MANAGE), (*IT, "pa_comment"), data={"reason": "Name"}, rename=R
    ),
    # The moderation's translation of an idea or comment (issue 18): redirect back to the idea.
    "participation_team:idea_translate": Case("post", tenant(302, **MANAGE), IT, rename=R),
    "participation_team:idea_comment_translate": Case(
        "post", tenant(302, **MANAGE), (*IT, "pa_comment"), rename=R
    ),
    # Ideensammlung (public): reading for everyone; writing without an introduction on this
    # device sends to the introduction (302); a report needs no introduction.
    "participation:ideas": Case("get", everyone(200), IDEAS, rename=R),
    "participation:ideas_map": Case("get", everyone(200), IDEAS, rename=R),
    "participation:ideas_join": Case("get", everyone(200), IDEAS, rename=R),
    "participation:idea_create": Case("get", everyone(302), IDEAS, rename=R),
    "participation:idea": Case("get", everyone(200), IDEA, rename=R),
    "participation:idea_support": Case("post", everyone(302), IDEA, rename=R),
    "participation:idea_comment": Case("post", everyone(302), IDEA, data={"text": "x"}, rename=R),
    "participation:idea_report": Case(
        "post", everyone(302), IDEA, data={"reason": "Beleidigung"}, rename=R
    ),
    "participation:idea_photo": Case("get", everyone(200), IDEA, rename=R),
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
    from tests.zwk.participation.factories import (
        make_collection,
        make_idea,
        make_participant,
        png_upload,
    )
    from zwk.participation import idea_services

    collection = make_collection(project, by=coordinator)
    person = make_participant(collection)
    idea = make_idea(
        collection,
        person,
        photo=png_upload(),
    )
    comment, _created = idea_services.comment_add(
        idea=idea, participant=person, text="Gute Idee", submission_key="matrix"
    )
    return {
        "pa_collection": collection.pk,
        "pa_idea": idea.pk,
        "pa_comment": comment.pk,
        "pa_pk": project.pk,
        "pa_project": project.slug,
        "pa_phase": project.phases.first().pk,
        "pa_survey": survey.pk,
        "pa_question": survey.questions.get(kind=Question.Kind.NUMBER).pk,
        "pa_answer": response.answers.get(question=text).pk,
        "pa_fmt": "csv",
        "pa_page": 1,
    }
