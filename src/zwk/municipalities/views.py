"""Views for Kommunen and their team (the five steps: ``step_views.py``). Thin: access, form,
service, response."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.accounts.forms import AccountSetupForm
from zwk.core import hooks
from zwk.core.views import add_form_errors, confirm_page
from zwk.municipalities import selectors, services
from zwk.municipalities.access import municipality_for
from zwk.municipalities.forms import (
    ConsultantAssignForm,
    InvitationForm,
    MembershipForm,
    MunicipalityCreateForm,
    MunicipalityForm,
)
from zwk.municipalities.models import (
    Invitation,
    Membership,
    Municipality,
)
from zwk.municipalities.process import STEPS

# --- Kommunen -------------------------------------------------------------------------


@login_required
@require_GET
def municipality_list(request):
    qs = selectors.with_step_overview(selectors.municipalities_for_user(request.user))
    page = Paginator(qs, 25).get_page(request.GET.get("seite"))
    rows = [(m, selectors.step_list(m), selectors.current_step(m)) for m in page.object_list]
    return render(
        request,
        "municipalities/list.html",
        {
            "page": page,
            "rows": rows,
            "steps": STEPS,
            "can_add": request.user.has_perm("municipalities.add_municipality"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def municipality_create(request):
    if not request.user.has_perm("municipalities.add_municipality"):
        raise PermissionDenied
    form = MunicipalityCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("themes", "logo_upload", "own_theme")
        }
        try:
            municipality = services.municipality_create(
                by=request.user, request=request, themes=form.cleaned_data["themes"], **data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request, _("Die Kommune „%(name)s“ wurde angelegt.") % {"name": municipality.name}
            )
            return redirect(municipality)
    return render(
        request, "municipalities/form.html", {"form": form, "title": _("Neue Kommune anlegen")}
    )


@login_required
@require_GET
def workspace(request, slug):
    municipality = municipality_for(request, slug)
    steps = selectors.step_list(municipality)
    current = selectors.current_step(municipality)
    return render(
        request,
        "municipalities/workspace.html",
        {
            "municipality": municipality,
            "steps": steps,
            "current": current,
            "next_tasks": selectors.next_tasks(municipality),
            "team": selectors.team(municipality),
            "consultants": municipality.consultant_assignments.filter(active=True).select_related(
                "consultant"
            ),
            "activity": selectors.recent_activity(municipality),
            "can_edit": request.user.has_perm("municipalities.change_municipality", municipality),
            "sections": hooks.slot(hooks.WORKSPACE_SECTIONS).render(request, municipality),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def municipality_edit(request, slug):
    municipality = municipality_for(request, slug, "municipalities.change_municipality")
    form = MunicipalityForm(request.POST or None, request.FILES or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("themes", "logo_upload", "own_theme")
        }
        try:
            with transaction.atomic():
                services.municipality_update(
                    municipality=municipality,
                    by=request.user,
                    data=data,
                    themes=form.cleaned_data["themes"],
                    logo=form.cleaned_data.get("logo_upload"),
                    request=request,
                )
                if form.cleaned_data.get("own_theme"):
                    services.theme_add_own(
                        municipality=municipality,
                        name=form.cleaned_data["own_theme"],
                        by=request.user,
                        request=request,
                    )
        except ValidationError as exc:
            municipality.refresh_from_db()
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Angaben wurden gespeichert."))
            return redirect(municipality)
    return render(
        request,
        "municipalities/form.html",
        {"form": form, "municipality": municipality, "title": _("Stammdaten bearbeiten")},
    )


@login_required
@require_GET
def activity(request, slug):
    municipality = municipality_for(request, slug, "municipalities.view_activity")
    page = Paginator(
        municipality.audit_entries.filter(security=False).select_related("actor"), 50
    ).get_page(request.GET.get("seite"))
    return render(
        request, "municipalities/activity.html", {"municipality": municipality, "page": page}
    )


# --- Team -----------------------------------------------------------------------------


def _invitation_kinds(user, municipality) -> list[str]:
    kinds = []
    if user.has_perm("municipalities.invite_coordinator", municipality):
        kinds.append(Invitation.Kind.COORDINATOR)
    if user.has_perm("municipalities.invite_member", municipality):
        kinds.append(Invitation.Kind.MEMBER)
    return kinds


def _team_page(request, municipality, invite_form=None, assign_form=None, status=200):
    kinds = _invitation_kinds(request.user, municipality)
    return render(
        request,
        "municipalities/team.html",
        {
            "municipality": municipality,
            "team": selectors.team(municipality),
            "invitations": selectors.open_invitations(municipality) if kinds else [],
            "consultants": municipality.consultant_assignments.select_related(
                "consultant"
            ).order_by("-active"),
            "invite_form": invite_form or (InvitationForm(kinds=kinds) if kinds else None),
            "assign_form": assign_form
            or (
                ConsultantAssignForm()
                if request.user.has_perm("municipalities.assign_consultant", municipality)
                else None
            ),
            "can_manage": request.user.has_perm("municipalities.change_membership", municipality),
        },
        status=status,
    )


@login_required
@require_GET
def team(request, slug):
    return _team_page(request, municipality_for(request, slug, "municipalities.view_team"))


@login_required
@require_POST
def team_invite(request, slug):
    municipality = municipality_for(request, slug)
    kinds = _invitation_kinds(request.user, municipality)
    if not kinds:
        raise PermissionDenied
    form = InvitationForm(request.POST, kinds=kinds)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                email=form.cleaned_data["email"],
                kind=form.cleaned_data["kind"],
                municipality=municipality,
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
            return redirect("municipalities:team", slug=slug)
    return _team_page(request, municipality, invite_form=form, status=400)


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    municipality = municipality_for(request, slug)
    invitation = get_object_or_404(Invitation, pk=pk, municipality=municipality)
    if invitation.kind not in _invitation_kinds(request.user, municipality):
        raise PermissionDenied
    services.invitation_revoke(invitation=invitation, by=request.user, request=request)
    messages.success(
        request, _("Die Einladung an %(email)s wurde zurückgezogen.") % {"email": invitation.email}
    )
    return redirect("municipalities:team", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request, slug, pk):
    municipality = municipality_for(request, slug, "municipalities.change_membership")
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, municipality=municipality
    )
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.membership_change_role(
                    membership=membership,
                    role=form.cleaned_data["role"],
                    by=request.user,
                    request=request,
                )
                Membership.objects.filter(pk=membership.pk).update(
                    function=form.cleaned_data["function"]
                )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Rolle wurde gespeichert."))
            return redirect("municipalities:team", slug=slug)
    return render(
        request,
        "municipalities/membership_form.html",
        {"municipality": municipality, "membership": membership, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_remove(request, slug, pk):
    municipality = municipality_for(request, slug, "municipalities.change_membership")
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, municipality=municipality
    )
    error = None
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, by=request.user, request=request)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request, _("%(user)s gehört nicht mehr zum Team.") % {"user": membership.user}
            )
            return redirect("municipalities:team", slug=slug)
    return confirm_page(
        request,
        municipality,
        title=_("Aus dem Team entfernen"),
        question=_(
            "Soll %(user)s wirklich aus dem Team von %(m)s entfernt werden? Das Konto bleibt bestehen."
        )
        % {"user": membership.user, "m": municipality},
        confirm_label=_("Ja, entfernen"),
        cancel_url=reverse("municipalities:team", kwargs={"slug": slug}),
        error=error,
    )


@login_required
@require_POST
def consultant_assign(request, slug):
    municipality = municipality_for(request, slug, "municipalities.assign_consultant")
    form = ConsultantAssignForm(request.POST)
    if form.is_valid():
        try:
            services.consultant_assign(
                municipality=municipality,
                consultant=form.cleaned_data["consultant"],
                active=form.cleaned_data["active"],
                by=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Beratungszuordnung wurde gespeichert."))
            return redirect("municipalities:team", slug=slug)
    return _team_page(request, municipality, assign_form=form, status=400)


def invitation_accept(request, token):
    invitation = (
        Invitation.objects.filter(token=token).select_related("municipality", "invited_by").first()
    )
    if invitation is None:
        raise Http404
    problem = services.invitation_problem(invitation)
    wrong_account = problem is None and request.user.is_authenticated
    if wrong_account:
        problem = services.invitation_account_problem(invitation, request.user)
        wrong_account = problem is not None
    form = None
    if problem is None and not request.user.is_authenticated:
        form = AccountSetupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and problem is None:
        try:
            if request.user.is_authenticated:
                user = services.invitation_accept(
                    invitation=invitation, user=request.user, request=request
                )
            elif form.is_valid():
                user = services.invitation_accept(
                    invitation=invitation, account=form.cleaned_data, request=request
                )
                login(request, user, backend="zwk.accounts.backends.EmailOrUsernameBackend")
            else:
                user = None
        except ValidationError as exc:
            problem = " ".join(exc.messages)
        else:
            if user is not None:
                messages.success(request, _("Willkommen! Die Einladung wurde angenommen."))
                return redirect(invitation.municipality or "home")
    return render(
        request,
        "municipalities/invitation_accept.html",
        {
            "invitation": invitation,
            "problem": problem,
            "wrong_account": wrong_account,
            "form": form,
            "login_url": f"{reverse('accounts:login')}?{urlencode({'next': request.path})}",
        },
        status=(403 if wrong_account else 400)
        if (request.method == "POST" and (problem or (form and form.errors)))
        else 200,
    )


@require_GET
def logo(request, slug):
    """The logo is public (shown on public pages later); it was re-encoded on upload."""
    municipality = get_object_or_404(Municipality, slug=slug)
    if not municipality.logo:
        raise Http404
    try:
        handle = municipality.logo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = "image/png" if municipality.logo.name.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response
