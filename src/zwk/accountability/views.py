"""Pages of „Was aus Ihren Ideen wurde“ under /kommunen/<slug>/ergebnisse/.

Public: the trail of every contribution, the follow form, the confirmation and unsubscribe
links. The page exists for a Kommune with a published Werkstattplan or a published
participation project (404 otherwise, like the plan's public page); the team sees it always.
Team: feature survey answers (``accountability.feature_answer``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from zwk.accountability import selectors, services
from zwk.accountability.forms import FeatureForm, FilterForm, FollowForm
from zwk.accountability.models import FeaturedAnswer, Follower
from zwk.core import ratelimit
from zwk.core.net import client_ip
from zwk.core.views import add_form_errors, confirm_view, municipality_object
from zwk.municipalities.access import municipality_for
from zwk.municipalities.models import Municipality

PAGE_SIZE = 20
TEAM_PAGE_SIZE = 25


def _public_municipality(request, slug) -> tuple[Municipality, bool]:
    municipality = get_object_or_404(Municipality, slug=slug)
    inside = request.user.has_perm("municipalities.view_municipality", municipality)
    if not inside:
        from zwk.participation.models import Project

        has_public = (
            selectors.public_plan(municipality) is not None
            or Project.objects.filter(municipality=municipality, published=True).exists()
        )
        if not has_public:
            raise Http404
    return municipality, inside


@require_GET
def public(request, slug):
    municipality, inside = _public_municipality(request, slug)
    rows = selectors.contributions(municipality)
    form = FilterForm(request.GET or None, themes=selectors.theme_choices(rows))
    theme_id, status = None, ""
    if form.is_bound and form.is_valid():
        theme_id, status = form.cleaned_data["handlungsfeld"], form.cleaned_data["status"]
    shown = selectors.filtered(rows, theme_id=theme_id, status=status)
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = urlencode(
        {k: v for k, v in (("handlungsfeld", theme_id or ""), ("status", status)) if v}
    )
    return render(
        request,
        "accountability/public.html",
        {
            "municipality": municipality,
            "inside": inside,
            "can_feature": request.user.has_perm("accountability.feature_answer", municipality),
            "form": form,
            "page": page,
            "query": query,
            "filtered": bool(theme_id or status),
            "figures": selectors.figures(rows),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _follow_target(municipality, value: str):
    """``card-12`` → (kind, id, contribution); ``project-3`` → (kind, id, project); empty →
    all contributions. None if unknown."""
    if not value:
        return Follower.Kind.ALL.value, 0, None
    kind, _sep, pk = value.partition("-")
    if (
        kind
        not in (Follower.Kind.CARD, Follower.Kind.ANSWER, Follower.Kind.IDEA, Follower.Kind.PROJECT)
        or not pk.isdigit()
    ):
        return None
    if kind == Follower.Kind.PROJECT:
        contribution = selectors.followable_project(municipality, int(pk))
    else:
        contribution = selectors.find(municipality, kind, int(pk))
    if contribution is None:
        return None
    return kind, int(pk), contribution


@require_http_methods(["GET", "POST"])
def follow(request, slug):
    municipality, _inside = _public_municipality(request, slug)
    value = request.GET.get("beitrag", "") if request.method == "GET" else ""
    if request.method == "POST":
        value = request.POST.get("beitrag", "")
    target = _follow_target(municipality, value)
    if target is None:
        return render(
            request,
            "accountability/unknown.html",
            {"municipality": municipality},
            status=404,
        )
    kind, pk, contribution = target
    form = FollowForm(request.POST or None, prefix="follow")
    status = 200
    if request.method == "POST":
        if not ratelimit.hit("accountability.follow", client_ip(request)):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Von Ihrem Netz kamen gerade sehr viele Anfragen. Bitte versuchen Sie es "
                    "in einer Stunde noch einmal."
                ),
            )
            status = 429
        elif form.is_valid():
            try:
                services.follow_request(
                    municipality=municipality,
                    email=form.cleaned_data["email"],
                    kind=kind,
                    object_id=pk,
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
                status = 400
            else:
                return render(
                    request,
                    "accountability/follow_done.html",
                    {"municipality": municipality, "hours": services.tokens.CONFIRM_HOURS},
                )
        else:
            status = 400
    return render(
        request,
        "accountability/follow.html",
        {
            "municipality": municipality,
            "form": form,
            "contribution": None if kind == Follower.Kind.PROJECT else contribution,
            "project": contribution if kind == Follower.Kind.PROJECT else None,
            "beitrag_key": value,
        },
        status=status,
    )


# An invalid link (also another Kommune's) is 404 like an unknown address.
CONFIRM_STATUS = {"confirmed": 200, "already": 200, "expired": 410, "invalid": 404}


@require_http_methods(["GET", "POST"])
def confirm(request, slug, token):
    """GET shows a button (mail systems fetch links to scan them; they do not POST)."""
    municipality = get_object_or_404(Municipality, slug=slug)
    if request.method == "POST":
        result, _follower = services.follower_confirm(municipality=municipality, token=token)
        done = result == services.CONFIRMED
    else:
        result, _follower = services.confirmation_check(municipality=municipality, token=token)
        done = False
    return render(
        request,
        "accountability/confirm.html",
        {
            "municipality": municipality,
            "result": result,
            "done": done,
            "hours": services.tokens.CONFIRM_HOURS,
        },
        status=CONFIRM_STATUS[result],
    )


@csrf_exempt  # RFC 8058: mail programs POST without a CSRF token; the signed token authorises
@require_http_methods(["GET", "POST"])
def unsubscribe(request, slug, token):
    municipality = get_object_or_404(Municipality, slug=slug)
    follower = services.follower_for_link(municipality=municipality, token=token)
    if follower is None:
        return render(
            request, "accountability/invalid_link.html", {"municipality": municipality}, status=404
        )
    done = False
    if request.method == "POST":
        services.unsubscribe(follower=follower)
        done = True
    return render(
        request,
        "accountability/unsubscribe.html",
        {
            "municipality": municipality,
            "done": done,
            "already": not done and follower.status == Follower.Status.UNSUBSCRIBED,
        },
    )


# --- team -----------------------------------------------------------------------------------


def _measure_choices(municipality):
    from zwk.plans.models import Measure

    return list(
        Measure.objects.filter(plan__municipality=municipality)
        .order_by("title", "id")
        .values_list("pk", "title")
    )


@login_required
@require_http_methods(["GET", "POST"])
def team(request, slug):
    municipality = municipality_for(request, slug, "accountability.feature_answer")
    measures = _measure_choices(municipality)
    status = 200
    error_form = None
    if request.method == "POST":
        form = FeatureForm(request.POST, prefix="feature", measures=measures)
        if form.is_valid():
            try:
                services.answer_feature(
                    municipality=municipality,
                    answer_id=form.cleaned_data["answer"],
                    measure_id=form.cleaned_data["measure"],
                    by=request.user,
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Die Antwort wird jetzt öffentlich gezeigt."))
                return redirect("accountability:team", slug=slug)
        error_form, status = form, 400
    page = Paginator(selectors.answers_for_team(municipality), TEAM_PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    rows = [
        (a, FeatureForm(prefix="feature", measures=measures, initial={"answer": a.pk}))
        for a in page
    ]
    return render(
        request,
        "accountability/team.html",
        {
            "municipality": municipality,
            "page": page,
            "rows": rows,
            "featured": selectors.featured_for_team(municipality),
            "error_form": error_form,
            "public_url": reverse("accountability:public", kwargs={"slug": slug}),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def featured_remove(request, slug, pk):
    municipality = municipality_for(request, slug, "accountability.feature_answer")
    featured = municipality_object(FeaturedAnswer, municipality, pk, path="municipality")
    team_url = reverse("accountability:team", kwargs={"slug": slug})
    return confirm_view(
        request,
        municipality,
        title=_("Antwort nicht mehr zeigen"),
        question=_("Soll die Antwort „%(text)s“ nicht mehr öffentlich gezeigt werden?")
        % {"text": featured.text[:80]},
        confirm_label=_("Nicht mehr zeigen"),
        cancel_url=team_url,
        action=lambda: services.featured_remove(featured=featured, by=request.user),
        message=_("Die Antwort wird nicht mehr öffentlich gezeigt."),
        done=team_url,
    )
