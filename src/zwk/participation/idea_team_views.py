"""Team side of the Ideensammlung: ``/kommunen/<slug>/beteiligung/…`` – set up collections,
see every idea (hidden and merged too, reported first), moderate, merge, answer and set the
public status."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core.views import form_view
from zwk.participation import idea_services, selectors
from zwk.participation.idea_forms import (
    CollectionForm,
    HideForm,
    MergeForm,
    OfficialAnswerForm,
    StatusForm,
)
from zwk.participation.models import IdeaCollection, IdeaComment
from zwk.participation.team_common import (
    collection_for,
    flags,
    idea_for,
    project_for,
    team_form,
)


def _collection_url(collection) -> str:
    return reverse(
        "participation_team:ideas",
        kwargs={"slug": collection.project.municipality.slug, "collection": collection.pk},
    )


def _idea_url(idea) -> str:
    return reverse(
        "participation_team:idea",
        kwargs={"slug": idea.collection.project.municipality.slug, "idea": idea.pk},
    )


@login_required
@require_http_methods(["GET", "POST"])
def collection_create(request, slug, pk):
    project = project_for(request, slug, pk, "participation.manage_project")
    if not project.phases.exists():
        messages.error(
            request, _("Legen Sie zuerst eine Phase an – die Ideensammlung läuft in einer.")
        )
        return redirect(project.get_team_url())
    form = CollectionForm(
        request.POST if request.method == "POST" else None,
        instance=IdeaCollection(project=project),
        project=project,
    )
    return team_form(
        request,
        form,
        save=lambda data: idea_services.collection_save(collection=form.instance, by=request.user),
        message=_("Die Ideensammlung ist angelegt."),
        done=_collection_url,
        municipality=project.municipality,
        project=project,
        title=_("Neue Ideensammlung"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def collection_edit(request, slug, collection):
    collection = collection_for(request, slug, collection, "participation.manage_project")
    form = CollectionForm(
        request.POST if request.method == "POST" else None,
        instance=collection,
        project=collection.project,
    )
    return team_form(
        request,
        form,
        save=lambda data: idea_services.collection_save(collection=form.instance, by=request.user),
        message=_("Gespeichert."),
        done=_collection_url(collection),
        municipality=collection.project.municipality,
        project=collection.project,
        title=_("Ideensammlung bearbeiten"),
    )


@login_required
@require_GET
def collection_detail(request, slug, collection):
    collection = collection_for(request, slug, collection)
    page = Paginator(selectors.team_ideas(collection), 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "participation/team_ideas.html",
        {
            "collection": collection,
            "project": collection.project,
            "municipality": collection.project.municipality,
            "page": page,
            **flags(request, collection.project.municipality, "can_manage", "can_moderate"),
        },
    )


def _idea_page(request, idea, *, status=200, **forms):
    municipality = idea.collection.project.municipality
    context = {
        "idea": idea,
        "collection": idea.collection,
        "project": idea.collection.project,
        "municipality": municipality,
        "reports": list(idea.reports.filter(resolved_at__isnull=True).select_related("comment")),
        "status_form": forms.get("status_form")
        or StatusForm(
            measures=idea_services.measures_for(municipality),
            initial={
                "status": idea.status,
                "reason": idea.status_reason,
                "measure": idea.measure_id,
            },
        ),
        "answer_form": forms.get("answer_form")
        or OfficialAnswerForm(initial={"official_answer": idea.official_answer}),
        "hide_form": forms.get("hide_form") or HideForm(),
        "merge_form": forms.get("merge_form") or MergeForm(idea=idea),
        **flags(request, municipality, "can_manage", "can_moderate"),
    }
    context.update(selectors.idea_page(idea))
    return render(request, "participation/team_idea.html", context, status=status)


@login_required
@require_GET
def idea_detail(request, slug, idea):
    return _idea_page(request, idea_for(request, slug, idea))


def _post(request, idea, form, key, action, message):
    """A moderation form of the idea page: saved, back to the page; else the page again with
    this form (``key`` in its context) and its errors (400)."""
    return form_view(
        request,
        form,
        save=action,
        message=message,
        done=_idea_url(idea),
        page=lambda status: _idea_page(request, idea, status=status, **{key: form}),
    )


@login_required
@require_POST
def idea_status(request, slug, idea):
    idea = idea_for(request, slug, idea, "participation.moderate")
    form = StatusForm(
        request.POST, measures=idea_services.measures_for(idea.collection.project.municipality)
    )
    return _post(
        request,
        idea,
        form,
        "status_form",
        lambda data: idea_services.idea_status_set(
            idea=idea,
            status=data["status"],
            reason=data["reason"],
            measure=data["measure"],
            by=request.user,
        ),
        _("Der Stand ist veröffentlicht."),
    )


@login_required
@require_POST
def idea_answer(request, slug, idea):
    idea = idea_for(request, slug, idea, "participation.moderate")
    return _post(
        request,
        idea,
        OfficialAnswerForm(request.POST),
        "answer_form",
        lambda data: idea_services.idea_answer(
            idea=idea, by=request.user, text=data["official_answer"]
        ),
        _("Die Antwort der Kommune ist gespeichert."),
    )


@login_required
@require_POST
def idea_hide(request, slug, idea):
    idea = idea_for(request, slug, idea, "participation.moderate")
    if idea.hidden_reason:
        try:
            idea_services.idea_show(idea=idea, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Die Idee ist wieder sichtbar."))
        return redirect(_idea_url(idea))
    return _post(
        request,
        idea,
        HideForm(request.POST),
        "hide_form",
        lambda data: idea_services.idea_hide(idea=idea, by=request.user, reason=data["reason"]),
        _("Die Idee ist ausgeblendet."),
    )


@login_required
@require_POST
def idea_merge(request, slug, idea):
    idea = idea_for(request, slug, idea, "participation.moderate")
    return _post(
        request,
        idea,
        MergeForm(request.POST, idea=idea),
        "merge_form",
        lambda data: idea_services.idea_merge(
            duplicate=idea, target=data["target"], by=request.user
        ),
        _("Die Ideen sind zusammengeführt."),
    )


@login_required
@require_POST
def reports_resolve(request, slug, idea):
    idea = idea_for(request, slug, idea, "participation.moderate")
    idea_services.reports_resolve(idea=idea, by=request.user)
    messages.success(request, _("Die Meldungen sind erledigt."))
    return redirect(_idea_url(idea))


@login_required
@require_POST
def comment_moderate(request, slug, idea, comment):
    idea = idea_for(request, slug, idea, "participation.moderate")
    comment = get_object_or_404(IdeaComment, pk=comment, idea=idea)
    try:
        idea_services.comment_hide(
            comment=comment, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Der Kommentar ist ausgeblendet.")
            if comment.hidden_reason
            else _("Der Kommentar ist wieder sichtbar."),
        )
    return redirect(_idea_url(idea) + "#kommentare")
