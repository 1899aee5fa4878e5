"""Public side: ``/beteiligung/<Kommune>/<Projekt>/`` – no account, phone first.

The survey is asked page by page. What a person answered so far lives in the session on the
device (save and continue: closing the browser and coming back resumes at the page left);
nothing is stored in the survey's tables before the last page is sent. The whole
questionnaire carries one idempotency key (``services.response_submit``): a double click or
a second tab on the last page stores it once.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zwk.core import ratelimit
from zwk.core.net import client_ip
from zwk.participation import answers as answer_rules
from zwk.participation import rules as participation_rules
from zwk.participation import selectors, services
from zwk.participation.forms import AnswerForm, StartForm
from zwk.participation.models import Project

STATUS_TOO_MANY = 429


def _state_key(survey) -> str:
    return f"zwk_umfrage_{survey.pk}"


def _done_key(survey) -> str:
    return f"zwk_umfrage_{survey.pk}_fertig"


def _project(request, slug, project_slug) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("municipality"),
        municipality__slug=slug,
        slug=project_slug,
    )
    if not request.user.has_perm("participation.see_project", project):
        raise Http404
    return project


def _survey(request, slug, project_slug, pk):
    survey = selectors.survey_for_public(slug, project_slug, pk)
    if survey is None or not request.user.has_perm("participation.see_project", survey.project):
        raise Http404
    return survey


@require_GET
def open_list(request):
    """ "Jetzt mitmachen": every open project (linked from the home page)."""
    return render(
        request,
        "participation/open_list.html",
        {"projects": list(selectors.open_projects()[:100])},
    )


@require_GET
def project(request, slug, project):
    project = _project(request, slug, project)
    context = {"project": project, "municipality": project.municipality}
    context.update(selectors.project_page(project))
    context["survey_states"] = [
        (s, participation_rules.survey_refusal(s)) for s in context["surveys"]
    ]
    return render(request, "participation/project.html", context)


def _progress(pages, page) -> dict:
    index = pages.index(page) + 1
    return {"current": index, "total": len(pages), "percent": round(100 * index / len(pages))}


def _values(state) -> dict[int, object]:
    return {int(k): v for k, v in (state.get("values") or {}).items()}


@require_http_methods(["GET", "POST"])
def survey_start(request, slug, project, survey):
    survey = _survey(request, slug, project, survey)
    refusal = participation_rules.survey_refusal(survey)
    state = request.session.get(_state_key(survey))
    form = StartForm(
        request.POST if request.method == "POST" else None,
        needs_code=survey.uses_codes,
        minimum_age=survey.project.minimum_age,
        initial={"code": request.GET.get("code", "")},
    )
    status = 200
    if request.method == "POST" and refusal is None:
        who = client_ip(request) or "unknown"
        if survey.uses_codes and ratelimit.exceeded("participation.code", who):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Zu viele falsche Zugangscodes von Ihrem Anschluss. Bitte warten Sie zehn "
                    "Minuten und versuchen Sie es dann noch einmal."
                ),
            )
            status = STATUS_TOO_MANY
        elif form.is_valid():
            code = form.cleaned_data.get("code", "")
            code_problem = services.code_refusal(survey, code) if survey.uses_codes else None
            if code_problem:
                ratelimit.hit("participation.code", who)
                form.add_error("code", code_problem)
            else:
                request.session[_state_key(survey)] = {
                    "key": services.new_submission_key(),
                    "values": {},
                    "code": services.normalise_code(code),
                    "consent": True,
                    "page": None,
                }
                pages = selectors.pages_of(selectors.questions_of(survey))
                return redirect(_page_url(survey, pages[0]))
        status = status if status != 200 else 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "participation/survey_start.html",
        {
            "survey": survey,
            "project": survey.project,
            "municipality": survey.project.municipality,
            "form": form,
            "refusal": refusal,
            "resume_page": (state or {}).get("page"),
            "resume_url": _page_url(survey, state["page"]) if state and state.get("page") else "",
        },
        status=status,
    )


def _page_url(survey, page) -> str:
    return reverse(
        "participation:survey_page",
        kwargs={
            "slug": survey.project.municipality.slug,
            "project": survey.project.slug,
            "survey": survey.pk,
            "page": page,
        },
    )


def _done_url(survey) -> str:
    return reverse(
        "participation:survey_done",
        kwargs={
            "slug": survey.project.municipality.slug,
            "project": survey.project.slug,
            "survey": survey.pk,
        },
    )


def _visible_pages(questions, values, by_pk) -> list[int]:
    pages = sorted({q.page for q in questions if answer_rules.is_shown(q, values, by_pk)})
    return pages or [1]


@require_http_methods(["GET", "POST"])
def survey_page(request, slug, project, survey, page):
    survey = _survey(request, slug, project, survey)
    state = request.session.get(_state_key(survey))
    if state is None:
        # Sent twice (double click on "Absenden", second tab): the first one stored it.
        if (
            request.method == "POST"
            and request.POST.get("submission")
            and request.POST.get("submission") == request.session.get(_done_key(survey))
        ):
            return redirect(_done_url(survey))
        messages.info(request, _("Bitte beginnen Sie die Umfrage hier."))
        return redirect(survey.get_absolute_url())
    questions = selectors.questions_of(survey)
    by_pk = {q.pk: q for q in questions}
    values = _values(state)
    pages = _visible_pages(questions, values, by_pk)
    if page not in pages:
        later = [p for p in pages if p > page]
        return redirect(_page_url(survey, later[0] if later else pages[-1]))
    # A condition on a question of the same page cannot be known yet: such a question is
    # shown with its hint ("Nur beantworten, wenn …") and checked after the page is sent.
    on_page = [
        q
        for q in questions
        if q.page == page
        and (
            answer_rules.is_shown(q, values, by_pk)
            or getattr(by_pk.get(q.condition_question_id), "page", None) == page
        )
    ]
    form = AnswerForm(
        request.POST if request.method == "POST" else None, questions=on_page, initial_values=values
    )
    error = participation_rules.survey_refusal(survey)
    status = 200
    if request.method == "POST":
        going_back = "zurueck" in request.POST
        valid = form.is_valid()
        if valid or going_back:
            for question in on_page:
                values.pop(question.pk, None)
            values.update(form.values)
        if valid:
            _kept, errors = services.check_answers(survey, values, pages={page})
            errors = {pk: m for pk, m in errors.items() if by_pk[pk].page == page}
            if errors and not going_back:
                form.add_answer_errors(errors)
                valid = False
        state["values"] = {str(k): v for k, v in values.items()}
        state["page"] = page
        request.session[_state_key(survey)] = state
        pages = _visible_pages(questions, values, by_pk)
        index = pages.index(page) if page in pages else 0
        if going_back:
            return redirect(_page_url(survey, pages[max(index - 1, 0)]))
        if valid and index + 1 < len(pages):
            state["page"] = pages[index + 1]
            request.session[_state_key(survey)] = state
            return redirect(_page_url(survey, pages[index + 1]))
        who = client_ip(request) or "unknown"
        if valid and ratelimit.exceeded("participation.submit", who):
            error = _(
                "Von Ihrem Anschluss kamen gerade sehr viele Fragebögen. Ihre Antworten sind "
                "auf diesem Gerät gespeichert – bitte senden Sie sie in zehn Minuten ab."
            )
            valid = False
        if valid:
            try:
                services.response_submit(
                    survey=survey,
                    values=values,
                    submission_key=state["key"],
                    consent=state.get("consent", False),
                    code=state.get("code", ""),
                    language=get_language() or "",
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    errs = {
                        int(k[1:]): " ".join(v)
                        for k, v in exc.message_dict.items()
                        if k.startswith("q") and k[1:].isdigit()
                    }
                    wrong_pages = sorted(by_pk[pk].page for pk in errs if pk in by_pk)
                    if wrong_pages and wrong_pages[0] != page:
                        messages.error(request, _("Bitte ergänzen Sie noch diese Seite."))
                        return redirect(_page_url(survey, wrong_pages[0]))
                    form.add_answer_errors(errs)
                else:
                    error = " ".join(exc.messages)
            else:
                ratelimit.hit("participation.submit", who)
                request.session.pop(_state_key(survey), None)
                request.session[_done_key(survey)] = state["key"]
                return redirect(_done_url(survey))
        status = 400
    return render(
        request,
        "participation/survey_page.html",
        {
            "survey": survey,
            "project": survey.project,
            "municipality": survey.project.municipality,
            "form": form,
            "page": page,
            "progress": _progress(pages, page),
            "is_first": pages[0] == page,
            "is_last": pages[-1] == page,
            "submission": state["key"],
            "error": error,
        },
        status=status,
    )


@require_GET
def survey_done(request, slug, project, survey):
    survey = _survey(request, slug, project, survey)
    return render(
        request,
        "participation/survey_done.html",
        {
            "survey": survey,
            "project": survey.project,
            "municipality": survey.project.municipality,
            "done": bool(request.session.get(_done_key(survey))),
        },
    )
