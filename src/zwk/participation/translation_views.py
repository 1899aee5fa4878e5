"""Team side: the moderation translates an idea, a comment or a survey's free-text answer
(issue 18, item 3).

Separate from ``idea_team_views`` so the idea pages stay as they are; the team idea page shows
the form (``ModeratorTranslationForm``) and posts here. Who may: ``participation.moderate``.
"""

from __future__ import annotations

from functools import partial

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


def _idea_url(idea: Idea, anchor: str) -> str:
    return (
        reverse(
            "participation_team:idea",
            kwargs={"slug": idea.collection.project.municipality.slug, "idea": idea.pk},
        )
        + anchor
    )


def _translate(request, *, prefix: str, translate, url: str):
    """The moderation's translation of one item, shared by the views below: validate
    ``ModeratorTranslationForm`` (posted with ``prefix``), hand text and language to the
    service ``translate(by=, text=, language=)``, report the outcome and return to ``url``."""
    form = ModeratorTranslationForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            translate(
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
    return redirect(url)


@login_required
@require_POST
def idea_translate(request, slug, idea):
    idea = _idea(request, slug, idea)
    return _translate(
        request,
        prefix=f"idee{idea.pk}",
        translate=partial(idea_services.idea_translate, idea=idea),
        url=_idea_url(idea, "#uebersetzung"),
    )


@login_required
@require_POST
def comment_translate(request, slug, idea, comment):
    idea = _idea(request, slug, idea)
    comment = get_object_or_404(IdeaComment, pk=comment, idea=idea)
    return _translate(
        request,
        prefix=f"k{comment.pk}",
        translate=partial(idea_services.comment_translate, comment=comment),
        url=_idea_url(idea, f"#kommentar-{comment.pk}"),
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
    url = reverse(
        "participation_team:results",
        kwargs={"slug": survey.project.municipality.slug, "survey": survey.pk},
    )
    return _translate(
        request,
        prefix=f"a{answer.pk}",
        translate=partial(services.answer_translate, answer=answer),
        url=f"{url}#antwort-{answer.pk}",
    )
