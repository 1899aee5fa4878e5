"""Public side of the Ideensammlung: ``/beteiligung/<Kommune>/<Projekt>/ideen/<id>/``.

Reading needs nothing; writing an idea, a comment or "unterstützen" needs a short
introduction once per collection and device (pseudonym, optional age group and Ortsteil,
consent) – the device keeps the participant's token in its session. Rate limits per
participant and per client address (``settings.RATE_LIMITS``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core import ratelimit
from zwk.core.net import client_ip
from zwk.core.views import add_form_errors
from zwk.participation import idea_services, maps, selectors
from zwk.participation import rules as participation_rules
from zwk.participation.idea_forms import (
    CommentForm,
    FilterForm,
    IdeaForm,
    ParticipantForm,
    ReportForm,
)
from zwk.participation.models import Idea, IdeaComment, IdeaParticipant
from zwk.participation.services import new_submission_key

PER_PAGE = 20
CLASS_HELD_BACK = _lazy(
    "Danke! Euer Beitrag ist bei eurer Lehrkraft. Er erscheint hier, sobald sie ihn freigibt."
)
STATUS_TOO_MANY = 429


def _session_key(collection) -> str:
    return f"zwk_ideen_{collection.pk}"


def _collection(request, slug, project, collection):
    found = selectors.collection_for_public(slug, project, collection)
    if found is None or not request.user.has_perm("participation.see_project", found.project):
        raise Http404
    return found


def _participant(request, collection) -> IdeaParticipant | None:
    token = request.session.get(_session_key(collection))
    if not token:
        return None
    return IdeaParticipant.objects.filter(collection=collection, token=token).first()


def _idea(collection, pk) -> Idea:
    idea = get_object_or_404(
        Idea.objects.select_related("theme", "author", "merged_into", "measure"),
        collection=collection,
        pk=pk,
        awaiting_teacher=False,
    )
    idea.collection = collection
    return idea


def _context(collection, **extra) -> dict:
    return {
        "collection": collection,
        "project": collection.project,
        "municipality": collection.project.municipality,
        "refusal": participation_rules.ideas_refusal(collection),
        **extra,
    }


def _join_url(collection, next_url: str) -> str:
    url = reverse(
        "participation:ideas_join",
        kwargs={
            "slug": collection.project.municipality.slug,
            "project": collection.project.slug,
            "collection": collection.pk,
        },
    )
    return f"{url}?{urlencode({'next': next_url})}"


@require_GET
def ideas(request, slug, project, collection):
    collection = _collection(request, slug, project, collection)
    themes = list(collection.project.themes.all())
    filters = FilterForm(request.GET, themes=themes)
    data = filters.cleaned_data if filters.is_valid() else {}
    sort = data.get("sortierung") or "neu"
    theme = int(data["handlungsfeld"]) if data.get("handlungsfeld") else None
    page = Paginator(
        selectors.public_ideas(collection, sort=sort, theme=theme, status=data.get("stand") or ""),
        PER_PAGE,
    ).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "participation/ideas.html",
        _context(
            collection,
            page=page,
            filters=filters if filters.is_valid() else FilterForm(themes=themes),
            query=query.urlencode(),
            participant=_participant(request, collection),
        ),
    )


@require_GET
def ideas_map(request, slug, project, collection):
    """The ideas with a place on a map of the Kommune – and the same ideas as a list below."""
    collection = _collection(request, slug, project, collection)
    placed = list(
        selectors.public_ideas(collection).filter(latitude__isnull=False)[: selectors.MAP_LIMIT]
    )
    points = [
        {
            "id": idea.pk,
            "title": idea.title,
            "url": idea.get_absolute_url(),
            "lat": idea.latitude,
            "lon": idea.longitude,
            "status": str(idea.get_status_display()),
            "place": ", ".join(x for x in (idea.place, idea.district) if x),
        }
        for idea in placed
    ]
    response = render(
        request,
        "participation/ideas_map.html",
        _context(
            collection,
            ideas=placed,
            points=points,
            map_config=maps.map_config(collection.project.municipality),
        ),
    )
    return maps.allow_tiles(response)


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_http_methods(["GET", "POST"])
def join(request, slug, project, collection):
    collection = _collection(request, slug, project, collection)
    new_url = reverse(
        "participation:idea_create",
        kwargs={"slug": slug, "project": project, "collection": collection.pk},
    )
    next_url = _safe_next(request, new_url)
    if _participant(request, collection) is not None:
        return redirect(next_url)
    form = ParticipantForm(
        request.POST if request.method == "POST" else None,
        minimum_age=collection.project.minimum_age,
    )
    status = 200
    if request.method == "POST":
        who = client_ip(request) or "unknown"
        if ratelimit.exceeded("participation.idea_join", who):
            form.is_valid()
            form.add_error(
                None, _("Zu viele Anmeldungen von Ihrem Anschluss. Bitte warten Sie zehn Minuten.")
            )
            status = STATUS_TOO_MANY
        elif form.is_valid():
            try:
                participant = idea_services.participant_join(
                    collection=collection, **form.cleaned_data
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                ratelimit.hit("participation.idea_join", who)
                request.session[_session_key(collection)] = participant.token
                messages.success(
                    request, _("Willkommen, %(name)s!") % {"name": participant.pseudonym}
                )
                return redirect(next_url)
        status = status if status != 200 else 400
    return render(
        request,
        "participation/ideas_join.html",
        _context(collection, form=form, next=next_url),
        status=status,
    )


@require_http_methods(["GET", "POST"])
def idea_create(request, slug, project, collection):
    collection = _collection(request, slug, project, collection)
    participant = _participant(request, collection)
    refusal = participation_rules.ideas_refusal(collection)
    if participant is None and refusal is None:
        return redirect(_join_url(collection, request.path))
    data = request.POST if request.method == "POST" else None
    form = IdeaForm(
        data,
        request.FILES if request.method == "POST" else None,
        project=collection.project,
        initial={
            "submission": new_submission_key(),
            "district": getattr(participant, "district", ""),
        },
    )
    status = 200
    if request.method == "POST":
        if refusal:
            status = 400
        elif ratelimit.exceeded("participation.idea", participant.token):
            form.is_valid()
            form.add_error(
                None, _("Sie haben gerade sehr viele Ideen eingereicht. Bitte warten Sie etwas.")
            )
            status = STATUS_TOO_MANY
        elif form.is_valid():
            data = form.cleaned_data
            try:
                idea, created = idea_services.idea_submit(
                    collection=collection,
                    participant=participant,
                    submission_key=data["submission"],
                    title=data["title"],
                    text=data["text"],
                    theme=data["theme"],
                    photo=data["photo"] or None,
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    place=data["place"],
                    district=data["district"],
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                if created:
                    ratelimit.hit("participation.idea", participant.token)
                if idea.awaiting_teacher:
                    messages.info(request, CLASS_HELD_BACK)
                    return redirect(collection.get_absolute_url())
                if created:
                    messages.success(request, _("Danke! Ihre Idee ist veröffentlicht."))
                return redirect(idea.get_absolute_url())
        status = status if status != 200 else 400
    response = render(
        request,
        "participation/idea_form.html",
        _context(
            collection,
            form=form,
            participant=participant,
            map_config=maps.map_config(collection.project.municipality),
        ),
        status=status,
    )
    return maps.allow_tiles(response)


def _detail(request, collection, idea, *, comment_form=None, report_form=None, status=200):
    participant = _participant(request, collection)
    context = _context(
        collection,
        idea=idea,
        participant=participant,
        comment_form=comment_form or CommentForm(initial={"submission": new_submission_key()}),
        report_form=report_form or ReportForm(),
        reply_key=new_submission_key(),
    )
    context.update(selectors.idea_page(idea, participant))
    return render(request, "participation/idea_detail.html", context, status=status)


@require_GET
def idea_detail(request, slug, project, collection, idea):
    collection = _collection(request, slug, project, collection)
    return _detail(request, collection, _idea(collection, idea))


@require_POST
def idea_support(request, slug, project, collection, idea):
    collection = _collection(request, slug, project, collection)
    idea = _idea(collection, idea)
    participant = _participant(request, collection)
    if participant is None:
        return redirect(_join_url(collection, idea.get_absolute_url()))
    try:
        _support, created = idea_services.idea_support(idea=idea, participant=participant)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if created:
            messages.success(request, _("Danke für Ihre Unterstützung!"))
        else:
            messages.info(request, _("Sie unterstützen diese Idee schon."))
    return redirect(idea.get_absolute_url() + "#unterstuetzen")


@require_POST
def idea_comment(request, slug, project, collection, idea):
    collection = _collection(request, slug, project, collection)
    idea = _idea(collection, idea)
    participant = _participant(request, collection)
    if participant is None:
        return redirect(_join_url(collection, idea.get_absolute_url()))
    form = CommentForm(request.POST)
    if ratelimit.exceeded("participation.comment", participant.token):
        form.is_valid()
        form.add_error(
            None, _("Sie haben gerade sehr viele Kommentare geschrieben. Bitte warten Sie etwas.")
        )
        return _detail(request, collection, idea, comment_form=form, status=STATUS_TOO_MANY)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = IdeaComment.objects.filter(idea=idea, pk=form.cleaned_data["parent"]).first()
            if parent is None:
                form.add_error(None, _("Der Kommentar, auf den Sie antworten, gibt es nicht mehr."))
        if not form.errors:
            try:
                comment, created = idea_services.comment_add(
                    idea=idea,
                    participant=participant,
                    text=form.cleaned_data["text"],
                    submission_key=form.cleaned_data["submission"],
                    parent=parent,
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                if comment.awaiting_teacher:
                    if created:
                        ratelimit.hit("participation.comment", participant.token)
                    messages.info(request, CLASS_HELD_BACK)
                    return redirect(idea.get_absolute_url())
                if created:
                    ratelimit.hit("participation.comment", participant.token)
                    messages.success(request, _("Ihr Kommentar ist veröffentlicht."))
                return redirect(f"{idea.get_absolute_url()}#kommentar-{comment.pk}")
    return _detail(request, collection, idea, comment_form=form, status=400)


@require_POST
def idea_report(request, slug, project, collection, idea):
    collection = _collection(request, slug, project, collection)
    idea = _idea(collection, idea)
    form = ReportForm(request.POST)
    who = client_ip(request) or "unknown"
    if ratelimit.exceeded("participation.report", who):
        form.is_valid()
        form.add_error(
            None,
            _("Von Ihrem Anschluss kamen gerade sehr viele Meldungen. Bitte warten Sie etwas."),
        )
        return _detail(request, collection, idea, report_form=form, status=STATUS_TOO_MANY)
    if form.is_valid():
        comment = None
        if form.cleaned_data["comment"]:
            comment = IdeaComment.objects.filter(idea=idea, pk=form.cleaned_data["comment"]).first()
        try:
            idea_services.report_add(
                idea=idea,
                comment=comment,
                reason=form.cleaned_data["reason"],
                participant=_participant(request, collection),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            ratelimit.hit("participation.report", who)
            messages.success(
                request, _("Danke für Ihre Meldung. Das Team der Kommune sieht sie sich an.")
            )
            return redirect(idea.get_absolute_url())
    return _detail(request, collection, idea, report_form=form, status=400)


@require_GET
def idea_photo(request, slug, project, collection, idea):
    collection = _collection(request, slug, project, collection)
    idea = _idea(collection, idea)
    if not idea.photo or idea.hidden_reason:
        raise Http404
    try:
        handle = idea.photo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = "image/png" if idea.photo.name.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response
