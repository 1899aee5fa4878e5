"""The office's pages of the registration: the queue of applications, funding rounds with
their Kommunen and funder report, and the explainer videos of the steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core.exports import xlsx_response
from zwk.core.views import add_form_errors, confirm_view, require_office
from zwk.municipalities.models import Municipality
from zwk.registration import reports, selectors, services
from zwk.registration.forms import (
    ApproveForm,
    AssignForm,
    FundingRoundForm,
    QueueFilterForm,
    RejectForm,
    VideoForm,
)
from zwk.registration.models import Application, FundingRound, StepVideo

PAGE_SIZE = 50

# --- applications --------------------------------------------------------------------------


@login_required
@require_GET
def queue(request):
    require_office(request, "registration.review_applications")
    params = request.GET.copy()
    if "status" not in params:
        params["status"] = Application.Status.PENDING
    form = QueueFilterForm(params)
    data = form.cleaned_data if form.is_valid() else {"status": Application.Status.PENDING}
    qs = selectors.queue(
        status=data.get("status") or "",
        land=data.get("land") or "",
        private=data.get("privat") or "",
        q=(data.get("q") or "").strip(),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = params.copy()
    query.pop("seite", None)
    return render(
        request,
        "registration/office/queue.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _detail_page(request, application, *, approve_form=None, reject_form=None, status=200):
    others = Application.objects.filter(ags=application.ags, kind=application.kind).exclude(
        pk=application.pk
    )
    return render(
        request,
        "registration/office/detail.html",
        {
            "application": application,
            "approve_form": approve_form or ApproveForm(prefix="freigabe"),
            "reject_form": reject_form or RejectForm(prefix="ablehnung"),
            "others": others,
            "existing": selectors.existing_kommune(
                application.ags, application.kind, application.local_name
            ),
            "population": selectors.latest_population(application.ags),
        },
        status=status,
    )


@login_required
@require_GET
def detail(request, pk):
    require_office(request, "registration.review_applications")
    return _detail_page(request, get_object_or_404(Application, pk=pk))


@login_required
@require_POST
def approve(request, pk):
    require_office(request, "registration.review_applications")
    application = get_object_or_404(Application, pk=pk)
    form = ApproveForm(request.POST, prefix="freigabe")
    if form.is_valid():
        try:
            application = services.approve(
                application=application,
                by=request.user,
                funding_round=form.cleaned_data["funding_round"],
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("„%(name)s“ ist angelegt; die anmeldende Person wurde eingeladen.")
                % {"name": application.municipality.name},
            )
            return redirect("registration_office:detail", pk=application.pk)
    return _detail_page(request, application, approve_form=form, status=400)


@login_required
@require_POST
def reject(request, pk):
    require_office(request, "registration.review_applications")
    application = get_object_or_404(Application, pk=pk)
    form = RejectForm(request.POST, prefix="ablehnung")
    if form.is_valid():
        try:
            services.reject(
                application=application,
                by=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Anmeldung wurde abgelehnt und die Person informiert."))
            return redirect("registration_office:queue")
    return _detail_page(request, application, reject_form=form, status=400)


# --- funding rounds ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def rounds(request):
    require_office(request, "registration.manage_rounds")
    form = FundingRoundForm(request.POST or None, prefix="runde")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                funding_round = services.round_save(
                    funding_round=form.save(commit=False), by=request.user, request=request
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Die Förderrunde wurde angelegt."))
                return redirect("registration_office:round_detail", pk=funding_round.pk)
    return render(
        request,
        "registration/office/rounds.html",
        {"rounds": selectors.rounds(), "form": form},
        status=status,
    )


def _round_page(request, funding_round, *, form=None, assign_form=None, status=200):
    return render(
        request,
        "registration/office/round_detail.html",
        {
            "round": funding_round,
            "members": selectors.round_members(funding_round),
            "form": form or FundingRoundForm(instance=funding_round, prefix="runde"),
            "assign_form": assign_form
            or AssignForm(funding_round=funding_round, prefix="aufnahme"),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_detail(request, pk):
    require_office(request, "registration.manage_rounds")
    funding_round = get_object_or_404(FundingRound, pk=pk)
    if request.method == "GET":
        return _round_page(request, funding_round)
    form = FundingRoundForm(request.POST, instance=funding_round, prefix="runde")
    if form.is_valid():
        try:
            services.round_save(
                funding_round=form.save(commit=False), by=request.user, request=request
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Förderrunde wurde gespeichert."))
            return redirect("registration_office:round_detail", pk=pk)
    funding_round.refresh_from_db()
    return _round_page(request, funding_round, form=form, status=400)


@login_required
@require_POST
def round_assign(request, pk):
    require_office(request, "registration.manage_rounds")
    funding_round = get_object_or_404(FundingRound, pk=pk)
    form = AssignForm(request.POST, funding_round=funding_round, prefix="aufnahme")
    if form.is_valid():
        try:
            rows = services.round_assign(
                funding_round=funding_round,
                municipalities=form.cleaned_data["kommunen"],
                by=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("%(n)d Kommunen aufgenommen.") % {"n": len(rows)})
            return redirect("registration_office:round_detail", pk=pk)
    return _round_page(request, funding_round, assign_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def round_remove(request, pk, slug):
    require_office(request, "registration.manage_rounds")
    funding_round = get_object_or_404(FundingRound, pk=pk)
    municipality = get_object_or_404(
        Municipality, slug=slug, round_memberships__funding_round=funding_round
    )
    url = reverse("registration_office:round_detail", kwargs={"pk": pk})
    return confirm_view(
        request,
        title=_("Aus der Förderrunde nehmen"),
        question=_(
            "Soll „%(name)s“ die Runde „%(round)s“ verlassen? Das Beratungsbudget der "
            "kommenden Jahre sinkt auf die schon genutzten Tage."
        )
        % {"name": municipality.name, "round": funding_round.name},
        confirm_label=_("Ja, aus der Runde nehmen"),
        cancel_url=url,
        action=lambda: services.round_remove(
            funding_round=funding_round, municipality=municipality, by=request.user, request=request
        ),
        message=_("„%(name)s“ ist nicht mehr in der Runde.") % {"name": municipality.name},
        done=url,
    )


@login_required
@require_GET
def round_report(request, pk):
    require_office(request, "registration.manage_rounds")
    funding_round = get_object_or_404(FundingRound, pk=pk)
    return render(
        request,
        "registration/office/round_report.html",
        {
            "round": funding_round,
            # one page of the Kommunen; the totals count the whole round
            "report": reports.round_report(funding_round, page=request.GET.get("seite") or 1),
        },
    )


@login_required
@require_GET
def round_report_xlsx(request, pk):
    require_office(request, "registration.manage_rounds")
    funding_round = get_object_or_404(FundingRound, pk=pk)
    report = reports.round_report(funding_round)
    return xlsx_response(
        f"foerderrunde-{funding_round.pk}",
        str(_("Förderrunde"))[:31],
        reports.HEADERS(),
        reports.rows(report),
    )


# --- explainer videos ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def videos(request):
    require_office(request, "registration.manage_videos")
    form = VideoForm(request.POST or None, request.FILES or None, prefix="video")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.video_save(
                    step_kind=form.cleaned_data["step_kind"],
                    title=form.cleaned_data["title"],
                    video=form.cleaned_data["video"],
                    captions=form.cleaned_data["captions"],
                    by=request.user,
                    request=request,
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Das Erklärvideo wurde gespeichert."))
                return redirect("registration_office:videos")
    return render(
        request,
        "registration/office/videos.html",
        {"videos": StepVideo.objects.all(), "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def video_delete(request, pk):
    require_office(request, "registration.manage_videos")
    video = get_object_or_404(StepVideo, pk=pk)
    url = reverse("registration_office:videos")
    return confirm_view(
        request,
        title=_("Erklärvideo löschen"),
        question=_("Soll das Erklärvideo „%(title)s“ gelöscht werden?") % {"title": video.title},
        confirm_label=_("Ja, löschen"),
        cancel_url=url,
        action=lambda: services.video_delete(video=video, by=request.user, request=request),
        message=_("Das Erklärvideo wurde gelöscht."),
        done=url,
    )
