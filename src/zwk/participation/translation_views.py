"""Team side: the moderation translates an idea, a comment or a survey's free-text answer
(issue 18, item 3).

Separate from ``idea_team_views`` so the idea pages stay as they are; the team idea page shows
the form (``ModeratorTranslationForm``) and posts here. Who may: ``participation.moderate``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwk.core.content_language import ModeratorTranslationForm
from zwk.municipalities.access import municipality_for
from zwk.participation import idea_services, services
from zwk.participation.models import Answer, Idea, IdeaComment, Question
from zwk.participation.team_common import survey_for


def _idea(request, slug, pk) -> Idea:
    municipality = municipality_for(request, slug, "participation.moderate")
    return get_object_or_404(
        Idea.objects.select_related("collection__project"),
        pk=pk,
        collection__project__municipality=municipality,
    )


def _save(request, form, action, anchor: str, idea: Idea):
    url = reverse(
        "participation_team:idea",
        kwargs={"slug": idea.collection.project.municipality.slug, "idea": idea.pk},
    )
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Die Übersetzung ist gespeichert."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(url + anchor)


@login_required
@require_POST
def idea_translate(request, slug, idea):
    idea = _idea(request, slug, idea)
    return _save(
        request,
        ModeratorTranslationForm(request.POST, prefix=f"idee{idea.pk}"),
        lambda data: idea_services.idea_translate(
            idea=idea,
            by=request.user,
            text=data["moderator_translation"],
            language=data["moderator_translation_language"],
        ),
        "#uebersetzung",
        idea,
    )


@login_required
@require_POST
def comment_translate(request, slug, idea, comment):
    idea = _idea(request, slug, idea)
    comment = get_object_or_404(IdeaComment, pk=comment, idea=idea)
    return _save(
        request,
        ModeratorTranslationForm(request.POST, prefix=f"k{comment.pk}"),
        lambda data: idea_services.comment_translate(
            comment=comment,
            by=request.user,
            text=data["moderator_translation"],
            language=data["moderator_translation_language"],
        ),
        f"#kommentar-{comment.pk}",
        idea,
    )


@login_required
@require_POST
def answer_translate(request, slug, survey, answer):
    """From the survey's results page: one translation of a free-text answer."""
    survey = survey_for(request, slug, survey, "participation.moderate")
    answer = get_object_or_404(
        Answer.objects.select_related("response__survey__project__municipality"),
        pk=answer,
        response__survey=survey,
        question__kind=Question.Kind.TEXT,
    )
    form = ModeratorTranslationForm(request.POST, prefix=f"a{answer.pk}")
    url = reverse(
        "participation_team:results",
        kwargs={"slug": survey.project.municipality.slug, "survey": survey.pk},
    )
    if form.is_valid():
        try:
            services.answer_translate(
                answer=answer,
                by=request.user,
                text=form.cleaned_data["moderator_translation"],
                language=form.cleaned_data["moderator_translation_language"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Die Übersetzung ist gespeichert."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(f"{url}#antwort-{answer.pk}")
