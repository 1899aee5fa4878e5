"""Public pages: "Kommune anmelden" (search, form, e-mail confirmation), how to join a funding
round, and the explainer videos of the steps (signed-in users). Thin: form, service, page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zwk.core import ratelimit
from zwk.core.net import client_ip
from zwk.core.uploads import attachment_response
from zwk.core.views import add_form_errors
from zwk.registration import selectors, services
from zwk.registration.forms import ApplicationForm, SearchForm
from zwk.registration.models import StepVideo


@require_GET
def start(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    places = selectors.search_places(query) if query else []
    return render(
        request,
        "registration/start.html",
        {
            "form": form,
            "query": query,
            "places": places,
            "rounds": selectors.open_rounds(),
            "exists_messages": {
                p.ags: services.exists_message(p.existing) for p in places if p.existing
            },
        },
    )


@require_http_methods(["GET", "POST"])
def apply(request):
    initial_place = selectors.place(request.GET.get("ags", ""))
    initial = {}
    if initial_place is not None:
        initial = {
            "ags": initial_place.ags,
            "kind": "landkreis" if initial_place.is_kreis else "gemeinde",
        }
    form = ApplicationForm(request.POST or None, initial=initial, prefix="anmeldung")
    status = 200
    if request.method == "POST":
        status = 400
        if not ratelimit.hit("registration.apply", client_ip(request)):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Von Ihrem Netz kamen gerade sehr viele Anmeldungen. Bitte versuchen Sie es "
                    "später noch einmal."
                ),
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.apply(
                    place=form.place,
                    kind=data["kind"],
                    local_name=data["local_name"],
                    person_name=data["person_name"],
                    function=data["function"],
                    email=data["email"],
                    request=request,
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                # the same answer for a new and a repeated submission
                return redirect("registration:sent")
    place = getattr(form, "place", None) or initial_place
    return render(
        request,
        "registration/apply.html",
        {"form": form, "place": place},
        status=status,
    )


@require_GET
def sent(request):
    return render(request, "registration/sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET asks (mail scanners open links), POST confirms."""
    if request.method == "GET":
        return render(request, "registration/confirm.html", {"token": token})
    try:
        application = services.confirm(token=token, request=request)
    except ValidationError as exc:
        return render(
            request, "registration/confirm_failed.html", {"error": exc.messages[0]}, status=400
        )
    return render(request, "registration/confirmed.html", {"application": application})


@require_GET
def rounds(request):
    return render(request, "registration/rounds.html", {"rounds": selectors.open_rounds()})


@login_required
@require_GET
def video_file(request, pk, part):
    video = get_object_or_404(StepVideo, pk=pk)
    if part not in ("video", "untertitel"):
        raise Http404
    if part == "untertitel":
        return attachment_response(
            video.captions, filename=f"{video.step_kind}.vtt", content_type="text/vtt"
        )
    ext = video.video.name.rsplit(".", 1)[-1]
    return attachment_response(
        video.video, filename=f"{video.step_kind}.{ext}", content_type=f"video/{ext}"
    )
