"""The programme office's area: overview of all Kommunen, invitations, checklist templates,
audit log. The full dashboard (map, reports, messages) grows here with later issues."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zwk.accounts.models import AuditEntry
from zwk.core.views import add_form_errors, require_office
from zwk.municipalities import services as municipality_services
from zwk.municipalities.forms import ChecklistTemplateItemForm, OfficeInvitationForm
from zwk.municipalities.models import ChecklistTemplateItem, Invitation
from zwk.municipalities.process import STEPS
from zwk.office import cache as office_cache
from zwk.office import selectors as office_selectors
from zwk.office.filters import OverviewFilterForm
from zwk.office.forms import AuditFilterForm


@login_required
@require_GET
def dashboard(request):
    """Overview of all Kommunen: programme figures, filters and one row per Kommune.

    Reads come from ``office.selectors`` in a constant number of queries (tested). The page
    body is the same for every office user, so it is rendered once per query string, day and
    language until something changes (``office.cache``): with it cached, a request costs the
    session, the user and the cache's fingerprint query – at 11,000 Kommunen and 20 office
    users at once, building the filter form and rendering figures and table per request
    dominated."""
    require_office(request)
    content, status = office_cache.page(
        "dashboard-page", request, lambda at: _dashboard_content(request, at=at)
    )
    return render(request, "office/dashboard.html", {"content": mark_safe(content)}, status=status)


def _dashboard_content(request, *, at: str) -> tuple[str, int]:
    """The dashboard's body (escaped by the template engine) and its status code."""
    form = OverviewFilterForm(request.GET or None)
    criteria = form.criteria()
    now = timezone.now()
    params = [(k, request.GET[k]) for k in form.fields if request.GET.get(k)]
    filtered = any(k != "sortierung" for k, _v in params)
    query = urlencode(params)
    today, language = timezone.localdate(now), get_language()
    figures = office_cache.cached(
        "figures",
        (criteria.weeks, today, language),
        lambda: office_selectors.programme_figures(criteria.weeks, now=now),
        at=at,
    )
    attention = office_cache.cached(
        "attention",
        (criteria.weeks, today),
        lambda: office_selectors.attention(criteria.weeks, now=now, stalled_total=figures.stalled),
        at=at,
    )

    def overview_table() -> str:
        page = Paginator(office_selectors.overview(criteria, now=now), office_selectors.PAGE_SIZE)
        page = page.get_page(request.GET.get("seite"))
        return render_to_string(
            "office/_overview_table.html",
            {
                "page": page,
                "rows": office_selectors.rows_for(page.object_list, criteria.weeks, now=now),
                "query": query,
                "filtered": filtered,
                "figures": figures,
            },
            request=request,
        )

    # The table is the same for every office user: rendered once per filter, page and
    # language until something changes (office.cache), like the figures.
    table = office_cache.cached(
        "overview",
        (query, request.GET.get("seite", "")[:12], criteria.weeks, today, language),
        overview_table,
        at=at,
    )
    html = render_to_string(
        "office/_dashboard_content.html",
        {
            "form": form,
            "form_html": office_cache.form_html(form, request, at=at),
            "criteria": criteria,
            "filtered": filtered,
            "overview_table": mark_safe(table),  # rendered by the template engine (escaped)
            "query": query,
            "figures": figures,
            "attention": attention,
        },
        request=request,
    )
    return html, 400 if form.is_bound and not form.is_valid() else 200


@login_required
@require_http_methods(["GET", "POST"])
def invite(request):
    require_office(request, "accounts.invite_staff")
    kinds = [Invitation.Kind.COORDINATOR, Invitation.Kind.MEMBER, Invitation.Kind.CONSULTANT]
    form = OfficeInvitationForm(request.POST or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = municipality_services.invitation_create(
                email=form.cleaned_data["email"],
                kind=form.cleaned_data["kind"],
                municipality=form.cleaned_data.get("municipality"),
                message=form.cleaned_data["message"],
                by=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Die Einladung an %(email)s wurde verschickt.") % {"email": invitation.email},
            )
            return redirect("office:invite")
    open_invitations = Invitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("municipality")[:50]
    return render(
        request,
        "office/invite.html",
        {"form": form, "invitations": open_invitations},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def checklist_templates(request):
    require_office(request, "accounts.edit_checklist_templates")
    form = ChecklistTemplateItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = form.save()
        added = (
            municipality_services.checklist_template_sync(
                template_item=item, by=request.user, request=request
            )
            if item.active
            else 0
        )
        messages.success(
            request, _("Vorlage gespeichert und in %(n)d Kommunen ergänzt.") % {"n": added}
        )
        return redirect("office:checklist_templates")
    items = ChecklistTemplateItem.objects.all()
    grouped = [(s, [i for i in items if i.step_kind == s.kind]) for s in STEPS]
    return render(
        request,
        "office/checklist_templates.html",
        {"form": form, "grouped": grouped},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def checklist_template_edit(request, pk):
    require_office(request, "accounts.edit_checklist_templates")
    item = get_object_or_404(ChecklistTemplateItem, pk=pk)
    form = ChecklistTemplateItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("Die Vorlage wurde gespeichert. Bestehende Checklisten bleiben unverändert.")
        )
        return redirect("office:checklist_templates")
    return render(
        request,
        "office/checklist_template_form.html",
        {"form": form, "item": item},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def audit_log(request):
    require_office(request, "accounts.view_audit_log")
    form = AuditFilterForm(request.GET or None)
    qs = AuditEntry.objects.select_related("municipality")
    if form.is_valid():
        if q := form.cleaned_data.get("q"):
            qs = qs.filter(
                Q(message__icontains=q)
                | Q(actor_label__icontains=q)
                | Q(municipality__name__icontains=q)
            )
        if action := form.cleaned_data.get("action"):
            qs = qs.filter(action=action)
        if form.cleaned_data.get("security") == "1":
            qs = qs.filter(security=True)
    page = Paginator(qs, 50).get_page(request.GET.get("seite"))
    params = request.GET.copy()
    params.pop("seite", None)
    return render(
        request, "office/audit_log.html", {"form": form, "page": page, "query": params.urlencode()}
    )
