"""Team side: ``/kommunen/<slug>/beteiligung/`` – projects, phases, surveys, questions,
access codes and letters, paper questionnaires, results and export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core import exports, print_languages
from zwk.core import pdf as pdf_output
from zwk.core.views import add_form_errors, confirm_view
from zwk.municipalities.access import municipality_for
from zwk.participation import results, selectors, services
from zwk.participation.forms import (
    CodesForm,
    PaperForm,
    PhaseForm,
    ProjectForm,
    QuestionForm,
    SurveyForm,
)
from zwk.participation.models import Answer, Project, ProjectPhase, Question, Survey
from zwk.participation.team_common import flags, project_for, survey_for, team_form


@login_required
@require_GET
def project_list(request, slug):
    municipality = municipality_for(request, slug, "participation.view_project")
    return render(
        request,
        "participation/team_list.html",
        {
            "municipality": municipality,
            "projects": selectors.projects_of(municipality),
            **flags(request, municipality),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request, slug):
    municipality = municipality_for(request, slug, "participation.manage_project")
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        instance=Project(municipality=municipality),
        municipality=municipality,
    )
    return team_form(
        request,
        form,
        save=lambda data: services.project_save(
            project=form.instance, by=request.user, themes=data["themes"]
        ),
        message=_("Das Beteiligungsprojekt ist angelegt. Legen Sie jetzt die Phasen an."),
        done=lambda project: project.get_team_url(),
        municipality=municipality,
        title=_("Neues Beteiligungsprojekt"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, slug, pk):
    project = project_for(request, slug, pk, "participation.manage_project")
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        instance=project,
        municipality=project.municipality,
    )
    return team_form(
        request,
        form,
        save=lambda data: services.project_save(
            project=form.instance, by=request.user, themes=data["themes"]
        ),
        message=_("Gespeichert."),
        done=project.get_team_url(),
        municipality=project.municipality,
        project=project,
        title=_("Projekt bearbeiten"),
    )


@login_required
@require_GET
def project_detail(request, slug, pk):
    project = project_for(request, slug, pk)
    context = {"project": project, "municipality": project.municipality}
    context.update(selectors.project_page(project))
    context.update(flags(request, project.municipality))
    return render(request, "participation/team_project.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def phase_edit(request, slug, pk, phase=None):
    project = project_for(request, slug, pk, "participation.manage_project")
    instance = (
        get_object_or_404(ProjectPhase, pk=phase, project=project)
        if phase
        else ProjectPhase(project=project)
    )
    form = PhaseForm(request.POST if request.method == "POST" else None, instance=instance)
    return team_form(
        request,
        form,
        save=lambda data: services.phase_save(phase=form.instance, by=request.user),
        message=_("Die Phase ist gespeichert."),
        done=project.get_team_url(),
        municipality=project.municipality,
        project=project,
        title=_("Phase bearbeiten") if phase else _("Neue Phase"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request, slug, pk):
    project = project_for(request, slug, pk, "participation.manage_project")
    if not project.phases.exists():
        messages.error(request, _("Legen Sie zuerst eine Phase an – die Umfrage läuft in einer."))
        return redirect(project.get_team_url())
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        instance=Survey(project=project),
        project=project,
    )
    return team_form(
        request,
        form,
        save=lambda data: services.survey_save(survey=form.instance, by=request.user),
        message=_("Die Umfrage ist angelegt. Fügen Sie jetzt Fragen hinzu."),
        done=lambda survey: _survey_url(survey),
        municipality=project.municipality,
        project=project,
        title=_("Neue Umfrage"),
    )


def _survey_url(survey, name="participation_team:survey") -> str:
    from django.urls import reverse

    return reverse(name, kwargs={"slug": survey.project.municipality.slug, "survey": survey.pk})


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, slug, survey):
    survey = survey_for(request, slug, survey, "participation.manage_project")
    form = SurveyForm(
        request.POST if request.method == "POST" else None, instance=survey, project=survey.project
    )
    return team_form(
        request,
        form,
        save=lambda data: services.survey_save(survey=form.instance, by=request.user),
        message=_("Gespeichert."),
        done=_survey_url(survey),
        municipality=survey.project.municipality,
        project=survey.project,
        survey=survey,
        title=_("Umfrage bearbeiten"),
    )


@login_required
@require_GET
def survey_detail(request, slug, survey):
    survey = survey_for(request, slug, survey)
    return render(
        request,
        "participation/team_survey.html",
        {
            "survey": survey,
            "project": survey.project,
            "municipality": survey.project.municipality,
            "questions": selectors.questions_of(survey),
            "codes": selectors.code_counts(survey),
            "responses": survey.responses.count(),
            **flags(request, survey.project.municipality),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, slug, survey, question=None):
    survey = survey_for(request, slug, survey, "participation.manage_project")
    instance = (
        get_object_or_404(Question, pk=question, survey=survey)
        if question
        else Question(survey=survey, page=1, position=survey.questions.count() + 1)
    )
    form = QuestionForm(
        request.POST if request.method == "POST" else None, instance=instance, survey=survey
    )
    return team_form(
        request,
        form,
        save=lambda data: services.question_save(question=form.instance, by=request.user),
        message=_("Die Frage ist gespeichert."),
        done=_survey_url(survey),
        municipality=survey.project.municipality,
        project=survey.project,
        survey=survey,
        title=_("Frage bearbeiten") if question else _("Neue Frage"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request, slug, survey, question):
    survey = survey_for(request, slug, survey, "participation.manage_project")
    question = get_object_or_404(Question, pk=question, survey=survey)
    return confirm_view(
        request,
        survey.project.municipality,
        title=_("Frage löschen"),
        question=_("Frage „%(q)s“ löschen?") % {"q": question.text},
        confirm_label=_("Löschen"),
        cancel_url=_survey_url(survey),
        action=lambda: services.question_delete(question=question, by=request.user),
        message=_("Die Frage ist gelöscht."),
        done=_survey_url(survey),
    )


@login_required
@require_http_methods(["GET", "POST"])
def codes(request, slug, survey):
    survey = survey_for(request, slug, survey, "participation.manage_project")
    form = CodesForm(request.POST if request.method == "POST" else None, prefix="codes")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                made = services.codes_generate(
                    survey=survey, count=form.cleaned_data["count"], by=request.user
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(n)d Zugangscodes erzeugt (Stapel %(b)d). Drucken Sie jetzt die Briefe.")
                    % {"n": len(made), "b": made[0].batch},
                )
                return redirect(_survey_url(survey, "participation_team:codes"))
        status = 400
    return _codes_page(request, survey, form, print_languages.PrintLanguagesForm(), status)


def _codes_page(request, survey, form, languages_form, status=200):
    batches = (
        survey.codes.values_list("batch", flat=True).order_by("batch").distinct()
        if survey.uses_codes
        else []
    )
    return render(
        request,
        "participation/team_codes.html",
        {
            "survey": survey,
            "project": survey.project,
            "municipality": survey.project.municipality,
            "form": form,
            "languages_form": languages_form,
            "counts": selectors.code_counts(survey),
            "batches": list(batches),
        },
        status=status,
    )


def _letter_page(survey, base: str, code: str, language) -> dict:
    """One language's page of a letter: the address to type in, and the QR code that opens the
    survey in that language with the code filled in."""
    qr_url = print_languages.url_in(f"{base}?code={code}", language)
    return {
        "language": language,
        "url": print_languages.url_in(base, language),
        "qr_url": qr_url,
        "qr": print_languages.qr_data_uri(qr_url),
        "title": print_languages.german_text(survey.title, language),
    }


@login_required
@require_GET
def letters_pdf(request, slug, survey):
    """One letter per unused code, one page per chosen language (issue 18, ``?sprachen=``):
    address field on the letter's first page, text in that language, QR code opening the
    survey in it with the code filled in, the code."""
    import weasyprint

    survey = survey_for(request, slug, survey, "participation.manage_project")
    if not survey.uses_codes:
        raise PermissionDenied
    languages_form = print_languages.form_for(request)
    if not languages_form.is_valid():
        form = CodesForm(prefix="codes")
        return _codes_page(request, survey, form, languages_form, status=400)
    chosen = languages_form.selected()
    batch = request.GET.get("stapel", "")
    codes = selectors.codes_for_letters(survey, batch=int(batch) if batch.isdigit() else None)
    base = request.build_absolute_uri(survey.get_absolute_url())
    # At most 5,000 pages per PDF (WeasyPrint's memory), however many languages.
    letters = [
        {"code": c.code, "pages": [_letter_page(survey, base, c.code, lang) for lang in chosen]}
        for c in codes[: max(1, 5000 // len(chosen))]
    ]
    html = render_to_string(
        "participation/letters_pdf.html",
        {
            "survey": survey,
            "project": survey.project,
            "municipality": survey.project.municipality,
            "letters": letters,
            "first_language": chosen[0],
        },
        request=request,
    )
    pdf = pdf_output.pdf_bytes(weasyprint.HTML(string=html, url_fetcher=pdf_output.only_data_urls))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="briefe-umfrage-{survey.pk}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request, slug, survey):
    survey = survey_for(request, slug, survey, "participation.enter_paper")
    questions = selectors.questions_of(survey)
    form = PaperForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        survey=survey,
        initial={"submission": services.new_submission_key()},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _response, created = services.response_submit(
                    survey=survey,
                    values=form.values,
                    submission_key=form.cleaned_data["submission"],
                    paper=True,
                    by=request.user,
                    code=form.cleaned_data.get("paper_code", ""),
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    errs = {}
                    for key, msgs in exc.message_dict.items():
                        if key.startswith("q") and key[1:].isdigit():
                            errs[int(key[1:])] = " ".join(msgs)
                        elif key == "code" and "paper_code" in form.fields:
                            form.add_error("paper_code", " ".join(msgs))
                        else:
                            form.add_error(None, " ".join(msgs))
                    form.add_answer_errors(errs)
                else:
                    form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("Der Papierfragebogen ist gespeichert. Sie können den nächsten erfassen.")
                    if created
                    else _("Dieser Bogen war schon gespeichert – er wurde nicht doppelt erfasst."),
                )
                return redirect(_survey_url(survey, "participation_team:paper"))
        status = 400
    return render(
        request,
        "participation/team_paper.html",
        {
            "survey": survey,
            "project": survey.project,
            "municipality": survey.project.municipality,
            "form": form,
            "paper_count": survey.responses.filter(origin="paper").count(),
        },
        status=status,
    )


@login_required
@require_GET
def survey_results(request, slug, survey):
    survey = survey_for(request, slug, survey, "participation.view_results")
    data = results.survey_results(survey)
    return render(
        request,
        "participation/team_results.html",
        {
            "survey": survey,
            "project": survey.project,
            "municipality": survey.project.municipality,
            **data,
            **flags(request, survey.project.municipality),
        },
    )


@login_required
@require_GET
def survey_export(request, slug, survey, fmt):
    survey = survey_for(request, slug, survey, "participation.view_results")
    headers, rows = results.export_rows(survey)
    filename = f"umfrage-{survey.pk}-antworten"
    if fmt == "csv":
        return exports.csv_response(filename, headers, rows)
    if fmt == "xlsx":
        return exports.xlsx_response(filename, _("Antworten"), headers, rows)
    from django.http import Http404

    raise Http404


@login_required
@require_POST
def answer_moderate(request, slug, survey, answer):
    survey = survey_for(request, slug, survey, "participation.moderate")
    answer = get_object_or_404(
        Answer.objects.select_related("response__survey__project"),
        pk=answer,
        response__survey=survey,
        question__kind=Question.Kind.TEXT,
    )
    done = _survey_url(survey, "participation_team:results") + f"#antwort-{answer.pk}"
    try:
        if answer.hidden_reason:
            services.answer_show(answer=answer, by=request.user)
            messages.success(request, _("Der Freitext ist wieder sichtbar."))
        else:
            services.answer_hide(
                answer=answer, by=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Der Freitext ist ausgeblendet."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(done)
    return redirect(done)
