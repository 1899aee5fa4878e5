"""Views of the Beratungspool. Thin: access, form, service or selector, response.

A Kommune's pages fetch it through ``municipality_for`` (404 for outsiders); a request is
always fetched filtered by its Kommune and then checked with ``consulting.view_request`` –
404 for anyone who may not see it (no existence leak), 403 for a missing action permission.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.accounts.decorators import audited_export
from zwk.accounts.models import User
from zwk.consulting import exports, selectors, services
from zwk.consulting.forms import (
    AssignForm,
    BudgetForm,
    CompleteForm,
    DayLogForm,
    DeclineForm,
    InboxFilterForm,
    PoolFilterForm,
    ProfileForm,
    RequestForm,
)
from zwk.consulting.models import ConsultantProfile, ConsultingRequest, DayBudget, DayLog
from zwk.core import permissions
from zwk.core.views import add_form_errors, confirm_view, form_view
from zwk.municipalities.access import municipality_for
from zwk.municipalities.models import Municipality

PAGE_SIZE = 12
VIEW_REQUEST = "consulting.view_request"


def _need(request, perm: str, obj=None) -> None:
    """403 unless the user's role fits ``perm`` (a list page asks without a request's status)."""
    if not permissions.role_allows(request.user, perm, obj):
        raise PermissionDenied


def _form_page(request, *, title, form, cancel_url, status=200, **extra):
    return render(
        request,
        "consulting/form.html",
        {"title": title, "form": form, "cancel_url": cancel_url, **extra},
        status=status,
    )


def _request_for(request, slug: str, pk: int, perm: str = VIEW_REQUEST) -> ConsultingRequest:
    """The request (404 for outsiders); 403 unless the user's role fits ``perm`` – whether
    the request's status allows it now, the service says (with the reason on the page)."""
    municipality = get_object_or_404(Municipality, slug=slug)
    consulting_request = selectors.request_detail(municipality, pk)
    if consulting_request is None or not request.user.has_perm(VIEW_REQUEST, consulting_request):
        raise Http404
    if perm != VIEW_REQUEST and not permissions.role_allows(request.user, perm, consulting_request):
        raise PermissionDenied
    return consulting_request


# --- Pool -------------------------------------------------------------------------------------


@login_required
@require_GET
def pool(request):
    _need(request, "consulting.view_pool")
    filters = PoolFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    profiles = selectors.pool_profiles(
        theme=criteria.get("handlungsfeld"),
        land=criteria.get("land", ""),
        language=criteria.get("sprache", ""),
        method=criteria.get("methode", ""),
    )
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("seite"))
    params = [(k, request.GET[k]) for k in filters.fields if request.GET.get(k)]
    user = request.user
    return render(
        request,
        "consulting/pool.html",
        {
            "filters": filters,
            "filtered": any(criteria.values()),
            "page": page,
            "query": urlencode(params),
            "is_consultant": user.has_perm("consulting.view_own_requests"),
            "is_office": user.has_perm("consulting.manage_budgets"),
            "municipalities": Municipality.objects.filter(memberships__user=user).distinct(),
        },
        status=200 if not filters.is_bound or filters.is_valid() else 400,
    )


def _profile(request, pk) -> ConsultantProfile:
    _need(request, "consulting.view_pool")
    profile = selectors.profile_detail(pk)
    if profile is None:
        raise Http404
    return profile


@login_required
@require_GET
def profile_detail(request, pk):
    profile = _profile(request, pk)
    return render(
        request,
        "consulting/profile.html",
        {
            "profile": profile,
            "can_edit": request.user.has_perm("consulting.change_profile", profile),
        },
    )


@login_required
@require_GET
def profile_photo(request, pk):
    profile = _profile(request, pk)
    if not profile.photo:
        raise Http404
    try:
        handle = profile.photo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = "image/png" if profile.photo.name.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _edit_profile(request, profile, *, cancel_url, title):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(
                profile=profile, by=request.user, request=request, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Das Beratungsprofil wurde gespeichert."))
            return redirect(profile.get_absolute_url())
    return _form_page(
        request,
        title=title,
        form=form,
        cancel_url=cancel_url,
        multipart=True,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, pk):
    profile = _profile(request, pk)
    _need(request, "consulting.change_profile", profile)
    return _edit_profile(
        request,
        profile,
        cancel_url=profile.get_absolute_url(),
        title=_("Beratungsprofil von %(name)s bearbeiten") % {"name": profile.user},
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_profile(request):
    if not request.user.is_consultant:
        # Also the office (may do everything, but has no profile of its own): a clear page.
        return render(request, "consulting/no_profile.html", status=403)
    _need(request, "consulting.view_own_requests")
    profile = services.profile_for(request.user)
    return _edit_profile(
        request, profile, cancel_url=reverse("consulting:pool"), title=_("Mein Beratungsprofil")
    )


# --- Requests: lists --------------------------------------------------------------------------


@login_required
@require_GET
def my_requests(request):
    _need(request, "consulting.view_own_requests")
    page = Paginator(selectors.requests_of_consultant(request.user), 20).get_page(
        request.GET.get("seite")
    )
    return render(request, "consulting/my_requests.html", {"page": page})


@login_required
@require_GET
def inbox(request):
    _need(request, "consulting.assign_request")
    filters = InboxFilterForm(request.GET or None)
    status = filters.cleaned_data.get("status", "") if filters.is_valid() else ""
    page = Paginator(selectors.inbox(status), 20).get_page(request.GET.get("seite"))
    return render(
        request,
        "consulting/inbox.html",
        {
            "filters": filters,
            "page": page,
            "query": urlencode({"status": status} if status else {}),
        },
        status=200 if not filters.is_bound or filters.is_valid() else 400,
    )


@login_required
@require_GET
def municipality_requests(request, slug):
    municipality = municipality_for(request, slug, "consulting.view_requests")
    page = Paginator(selectors.requests_of(municipality), 20).get_page(request.GET.get("seite"))
    user = request.user
    return render(
        request,
        "consulting/requests.html",
        {
            "municipality": municipality,
            "page": page,
            "budget": selectors.budget_of(municipality),
            "can_file": user.has_perm("consulting.file_request", municipality),
            "can_budget": user.has_perm("consulting.manage_budgets"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request, slug):
    municipality = municipality_for(request, slug, "consulting.file_request")
    form = RequestForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            consulting_request = services.request_create(
                municipality=municipality, by=request.user, data=form.cleaned_data, request=request
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Ihre Anfrage ist bei der Geschäftsstelle eingegangen. Sie schlägt Ihnen eine Beratung vor."
                ),
            )
            return redirect(consulting_request.get_absolute_url())
    return _form_page(
        request,
        title=_("Beratung anfragen"),
        form=form,
        cancel_url=reverse("consulting:requests", kwargs={"slug": slug}),
        municipality=municipality,
        status=400 if request.method == "POST" else 200,
    )


# --- One request ------------------------------------------------------------------------------


def _detail(request, consulting_request, *, status=200, error=None):
    user = request.user
    r = consulting_request
    year = timezone.localdate().year
    return render(
        request,
        "consulting/request.html",
        {
            "r": r,
            "municipality": r.municipality,
            "budget": selectors.budget_of(r.municipality, year),
            "error": error,
            "can_assign": user.has_perm("consulting.assign_request", r),
            "can_decide": user.has_perm("consulting.decide_request", r),
            "can_log": user.has_perm("consulting.log_days", r),
            "can_delete_logs": user.has_perm("consulting.delete_day_log", r),
            "can_complete": user.has_perm("consulting.complete_request", r),
            "can_withdraw": user.has_perm("consulting.withdraw_request", r),
            "can_see_kommune": user.has_perm("municipalities.view_municipality", r.municipality),
        },
        status=status,
    )


@login_required
@require_GET
def request_detail(request, slug, pk):
    return _detail(request, _request_for(request, slug, pk))


@login_required
@require_http_methods(["GET", "POST"])
def request_assign(request, slug, pk):
    r = _request_for(request, slug, pk, "consulting.assign_request")
    suggestions = selectors.suggestions(r)
    form = AssignForm(request.POST or None, suggestions=suggestions)
    if request.method == "POST" and form.is_valid():
        chosen = next(s for s in suggestions if s.candidate.id == form.cleaned_data["consultant"])
        try:
            services.request_propose(
                consulting_request=r,
                consultant=User.objects.get(pk=chosen.candidate.id),
                by=request.user,
                note=form.cleaned_data["note"],
                score=chosen.score,
                reasons=[f"{x.points:+d} {x.text}" for x in chosen.reasons],
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s ist zugewiesen und per E-Mail benachrichtigt.")
                % {"name": chosen.candidate.name},
            )
            return redirect(r.get_absolute_url())
    return render(
        request,
        "consulting/assign.html",
        {
            "r": r,
            "municipality": r.municipality,
            "form": form,
            "suggestions": suggestions,
            "assignable": request.user.has_perm("consulting.assign_request", r),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def request_accept(request, slug, pk):
    r = _request_for(request, slug, pk, "consulting.decide_request")
    try:
        services.request_accept(consulting_request=r, by=request.user, request=request)
    except ValidationError as exc:
        return _detail(request, r, status=400, error=" ".join(exc.messages))
    messages.success(request, _("Sie haben die Anfrage angenommen. Die Kommune ist informiert."))
    return redirect(r.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def request_decline(request, slug, pk):
    r = _request_for(request, slug, pk, "consulting.decide_request")
    form = DeclineForm(request.POST or None)
    return form_view(
        request,
        form,
        save=lambda data: services.request_decline(
            consulting_request=r, by=request.user, reason=data["reason"], request=request
        ),
        message=_("Sie haben die Anfrage abgelehnt. Die Geschäftsstelle ist informiert."),
        done=reverse("consulting:my_requests"),
        page=partial(
            _form_page,
            request,
            title=_("Anfrage ablehnen"),
            form=form,
            cancel_url=r.get_absolute_url(),
            r=r,
            municipality=r.municipality,
            submit_label=_("Ablehnen"),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_complete(request, slug, pk):
    r = _request_for(request, slug, pk, "consulting.complete_request")
    form = CompleteForm(request.POST or None)
    return form_view(
        request,
        form,
        save=lambda data: services.request_complete(
            consulting_request=r, by=request.user, summary=data["summary"], request=request
        ),
        message=_("Die Beratung ist abgeschlossen."),
        done=r.get_absolute_url(),
        page=partial(
            _form_page,
            request,
            title=_("Beratung abschließen"),
            form=form,
            cancel_url=r.get_absolute_url(),
            r=r,
            municipality=r.municipality,
            intro=_("Danach können keine Tage mehr für diese Anfrage gebucht werden."),
            submit_label=_("Abschließen"),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_withdraw(request, slug, pk):
    r = _request_for(request, slug, pk, "consulting.withdraw_request")
    return confirm_view(
        request,
        r.municipality,
        title=_("Anfrage zurückziehen"),
        question=_("Möchten Sie die Anfrage „%(topic)s“ zurückziehen?") % {"topic": r.topic},
        confirm_label=_("Ja, zurückziehen"),
        cancel_url=r.get_absolute_url(),
        action=lambda: services.request_withdraw(
            consulting_request=r, by=request.user, request=request
        ),
        message=_("Die Anfrage wurde zurückgezogen."),
        done=reverse("consulting:requests", kwargs={"slug": slug}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_add(request, slug, pk):
    r = _request_for(request, slug, pk, "consulting.log_days")
    form = DayLogForm(request.POST or None)
    return form_view(
        request,
        form,
        save=lambda data: services.day_log_add(
            consulting_request=r, by=request.user, request=request, **data
        ),
        message=lambda entry: (
            ngettext("%(days)s Tag gebucht.", "%(days)s Tage gebucht.", 1 if entry.days == 1 else 2)
            % {"days": floatformat(entry.days, -1)}
        ),
        done=r.get_absolute_url() + "#tage",
        page=partial(
            _form_page,
            request,
            title=_("Beratungstage buchen"),
            form=form,
            cancel_url=r.get_absolute_url(),
            r=r,
            municipality=r.municipality,
            budget=selectors.budget_of(r.municipality),
            submit_label=_("Buchen"),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_delete(request, slug, pk, log):
    r = _request_for(request, slug, pk, "consulting.delete_day_log")
    entry = get_object_or_404(DayLog, pk=log, request=r, municipality=r.municipality)
    return confirm_view(
        request,
        r.municipality,
        title=_("Buchung löschen"),
        question=_("Möchten Sie die Buchung vom %(date)s (%(activity)s) löschen?")
        % {"date": entry.worked_on.strftime("%d.%m.%Y"), "activity": entry.activity[:80]},
        confirm_label=_("Ja, löschen"),
        cancel_url=r.get_absolute_url(),
        action=lambda: services.day_log_delete(log=entry, by=request.user, request=request),
        message=_("Die Buchung wurde gelöscht."),
        done=r.get_absolute_url() + "#tage",
    )


# --- Budgets (office) -------------------------------------------------------------------------


def _year(request) -> int:
    try:
        year = int(request.GET.get("jahr", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
@require_GET
def budgets(request):
    _need(request, "consulting.manage_budgets")
    year = _year(request)
    rows = selectors.budget_summary(Municipality.objects.order_by("name"), year=year)
    totals = {
        "budget": sum((r.budget for r in rows if r.budget is not None), start=0),
        "used": sum((r.used for r in rows), start=0),
    }
    page = Paginator(rows, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "consulting/budgets.html",
        {
            "year": year,
            "years": selectors.budget_years(),
            "page": page,
            "rows": page.object_list,
            "totals": totals,
            "elapsed": rows[0].usage.elapsed if rows else None,
            "query": urlencode({"jahr": year}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_edit(request, slug):
    _need(request, "consulting.manage_budgets")
    municipality = get_object_or_404(Municipality, slug=slug)
    years = selectors.budget_years()
    year = _year(request)
    existing = DayBudget.objects.filter(municipality=municipality, year=year).first()
    initial = {"year": year}
    if existing:
        initial.update(days=existing.days, allow_overrun=existing.allow_overrun, note=existing.note)
    form = BudgetForm(request.POST or None, initial=initial, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_set(
                municipality=municipality, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Das Beratungsbudget %(year)d für %(name)s ist gespeichert.")
                % {"year": form.cleaned_data["year"], "name": municipality.name},
            )
            return redirect(reverse("consulting:budgets") + f"?jahr={form.cleaned_data['year']}")
    return _form_page(
        request,
        title=_("Beratungsbudget für %(name)s") % {"name": municipality.name},
        form=form,
        cancel_url=reverse("consulting:budgets"),
        used=selectors.budget_of(municipality, year),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
@audited_export
def export_csv(request, year):
    _need(request, "consulting.manage_budgets")
    headers, rows = exports.accounting_table(year)
    return exports.csv_response(f"beratungstage-{year}", headers, rows)


@login_required
@require_GET
@audited_export
def export_xlsx(request, year):
    _need(request, "consulting.manage_budgets")
    headers, rows = exports.accounting_table(year)
    return exports.xlsx_response(
        f"beratungstage-{year}", _("Beratungstage %(year)d") % {"year": year}, headers, rows
    )
