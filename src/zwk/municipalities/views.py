"""Views for Kommunen, team and the five steps. Thin: access, form, service, response."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.accounts.forms import AccountSetupForm
from zwk.core import hooks
from zwk.core.uploads import attachment_response
from zwk.core.views import add_form_errors, confirm_page
from zwk.municipalities import selectors, services
from zwk.municipalities.access import municipality_for, step_for
from zwk.municipalities.forms import (
    ChecklistAddForm,
    ConsultantAssignForm,
    DocumentForm,
    InvitationForm,
    KickoffActorForm,
    KickoffAgreementForm,
    MembershipForm,
    MunicipalityCreateForm,
    MunicipalityForm,
    StepForm,
    StepNotesForm,
)
from zwk.municipalities.models import (
    ChecklistItem,
    Invitation,
    KickoffActor,
    KickoffAgreement,
    Membership,
    Municipality,
    StepDocument,
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


# --- Steps ----------------------------------------------------------------------------


def _step_context(request, step, **forms):
    user = request.user
    municipality = step.municipality
    can_work = user.has_perm("municipalities.work_on_step", step)
    context = {
        "municipality": municipality,
        "step": step,
        "step_type": step.type,
        "steps": selectors.step_list(municipality),
        "checklist": step.checklist.all(),
        "documents": step.documents.select_related("uploaded_by"),
        "can_work": can_work,
        "can_set_status": user.has_perm("municipalities.set_step_status", step),
        "can_delete_documents": user.has_perm("municipalities.delete_document", step),
        "step_form": forms.get("step_form") or StepForm(instance=step),
        "notes_form": forms.get("notes_form") or StepNotesForm(instance=step),
        "checklist_form": forms.get("checklist_form") or ChecklistAddForm(),
        "document_form": forms.get("document_form") or DocumentForm(),
        "feature_url": _feature_url(step.type, municipality),
    }
    if step.kind == "kickoff":
        agreement = KickoffAgreement.objects.filter(
            municipality=municipality
        ).first() or KickoffAgreement(municipality=municipality)
        context.update(
            agreement=agreement,
            actors=municipality.kickoff_actors.all(),
            agreement_form=forms.get("agreement_form") or KickoffAgreementForm(instance=agreement),
            actor_form=forms.get("actor_form") or KickoffActorForm(),
            themes=municipality.themes.all(),
        )
    return context


def _feature_url(step_type, municipality) -> str:
    """The feature app's page of a step (e.g. the Kommunalprofil), once that app exists."""
    if not step_type.feature_url_name:
        return ""
    try:
        return reverse(step_type.feature_url_name, kwargs={"slug": municipality.slug})
    except NoReverseMatch:
        return ""


def _render_step(request, step, status=200, **forms):
    return render(
        request, "municipalities/step.html", _step_context(request, step, **forms), status=status
    )


def _back_to_step(step, anchor=""):
    return redirect(step.get_absolute_url() + (f"#{anchor}" if anchor else ""))


@login_required
@require_GET
def step_detail(request, slug, step):
    return _render_step(request, step_for(request, slug, step, "municipalities.view_step"))


@login_required
@require_POST
def step_edit(request, slug, step):
    step_obj = step_for(request, slug, step, "municipalities.set_step_status")
    form = StepForm(request.POST, instance=step_obj)
    if form.is_valid():
        data = dict(form.cleaned_data)
        step_obj.refresh_from_db()
        try:
            services.step_update(step=step_obj, by=request.user, data=data, request=request)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Der Schritt wurde gespeichert."))
            return _back_to_step(step_obj)
    step_obj.refresh_from_db()
    return _render_step(request, step_obj, status=400, step_form=form)


@login_required
@require_POST
def step_notes(request, slug, step):
    step_obj = step_for(request, slug, step, "municipalities.work_on_step")
    form = StepNotesForm(request.POST, instance=step_obj)
    if form.is_valid():
        services.step_update(
            step=step_obj,
            by=request.user,
            data={"notes": form.cleaned_data["notes"]},
            request=request,
        )
        messages.success(request, _("Die Notizen wurden gespeichert."))
        return _back_to_step(step_obj, "notizen")
    step_obj.refresh_from_db()
    return _render_step(request, step_obj, status=400, notes_form=form)


@login_required
@require_POST
def checklist_toggle(request, slug, step, item):
    step_obj = step_for(request, slug, step, "municipalities.work_on_step")
    checklist_item = get_object_or_404(ChecklistItem, pk=item, step=step_obj)
    done = request.POST.get("done") == "1"
    checklist_item = services.checklist_item_set_done(
        item=checklist_item, done=done, by=request.user, request=request
    )
    if request.htmx:
        html = render_to_string(
            "municipalities/_checklist_item.html",
            {
                "item": checklist_item,
                "step": step_obj,
                "municipality": step_obj.municipality,
                "can_work": True,
                "announce": True,
            },
            request=request,
        )
        return HttpResponse(html)
    return _back_to_step(step_obj, "checkliste")


@login_required
@require_POST
def checklist_add(request, slug, step):
    step_obj = step_for(request, slug, step, "municipalities.work_on_step")
    form = ChecklistAddForm(request.POST)
    if form.is_valid():
        services.checklist_item_add(
            step=step_obj, text=form.cleaned_data["text"], by=request.user, request=request
        )
        messages.success(request, _("Die Aufgabe wurde hinzugefügt."))
        return _back_to_step(step_obj, "checkliste")
    return _render_step(request, step_obj, status=400, checklist_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def checklist_delete(request, slug, step, item):
    step_obj = step_for(request, slug, step, "municipalities.work_on_step")
    checklist_item = get_object_or_404(ChecklistItem, pk=item, step=step_obj)
    error = None
    if request.method == "POST":
        try:
            services.checklist_item_delete(item=checklist_item, by=request.user, request=request)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Die Aufgabe wurde gelöscht."))
            return _back_to_step(step_obj, "checkliste")
    return confirm_page(
        request,
        step_obj.municipality,
        title=_("Aufgabe löschen"),
        question=_("Soll die Aufgabe „%(text)s“ gelöscht werden?") % {"text": checklist_item.text},
        confirm_label=_("Ja, löschen"),
        cancel_url=step_obj.get_absolute_url(),
        error=error,
    )


@login_required
@require_POST
def document_upload(request, slug, step):
    step_obj = step_for(request, slug, step, "municipalities.work_on_step")
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = services.document_upload(
                step=step_obj,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                doc_type=form.cleaned_data["doc_type"],
                by=request.user,
                request=request,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(
                request, _("„%(title)s“ wurde hochgeladen.") % {"title": document.title}
            )
            return _back_to_step(step_obj, "dokumente")
    return _render_step(request, step_obj, status=400, document_form=form)


@login_required
@require_GET
def document_download(request, slug, step, pk):
    step_obj = step_for(request, slug, step, "municipalities.view_step")
    document = get_object_or_404(StepDocument, pk=pk, step=step_obj)
    return attachment_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request, slug, step, pk):
    step_obj = step_for(request, slug, step, "municipalities.delete_document")
    document = get_object_or_404(StepDocument, pk=pk, step=step_obj)
    if request.method == "POST":
        services.document_delete(document=document, by=request.user, request=request)
        messages.success(
            request, _("Das Dokument „%(title)s“ wurde gelöscht.") % {"title": document.title}
        )
        return _back_to_step(step_obj, "dokumente")
    return confirm_page(
        request,
        step_obj.municipality,
        title=_("Dokument löschen"),
        question=_("Soll das Dokument „%(title)s“ endgültig gelöscht werden?")
        % {"title": document.title},
        confirm_label=_("Ja, endgültig löschen"),
        cancel_url=step_obj.get_absolute_url(),
    )


@login_required
@require_GET
def template_download(request, slug, step, name):
    step_obj = step_for(request, slug, step, "municipalities.view_step")
    template = next((t for t in step_obj.type.templates if t.slug == name), None)
    if template is None:
        raise Http404
    text = render_to_string(
        template.template,
        {"municipality": step_obj.municipality, "step": step_obj},
        request=request,
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    filename = f"{step_obj.type.slug}-{template.slug}-{step_obj.municipality.slug}.txt"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _kickoff_step(request, slug):
    return step_for(request, slug, "kickoff", "municipalities.work_on_step")


@login_required
@require_POST
def kickoff_agreement(request, slug):
    step_obj = _kickoff_step(request, slug)
    agreement = KickoffAgreement.objects.filter(municipality=step_obj.municipality).first()
    form = KickoffAgreementForm(request.POST, instance=agreement)
    if form.is_valid():
        services.kickoff_update(
            municipality=step_obj.municipality,
            by=request.user,
            data=form.cleaned_data,
            request=request,
        )
        messages.success(request, _("Ziele und Zeitplan wurden gespeichert."))
        return _back_to_step(step_obj, "vereinbarung")
    return _render_step(request, step_obj, status=400, agreement_form=form)


@login_required
@require_POST
def kickoff_actor_add(request, slug):
    step_obj = _kickoff_step(request, slug)
    form = KickoffActorForm(request.POST)
    if form.is_valid():
        services.kickoff_actor_add(
            municipality=step_obj.municipality,
            by=request.user,
            data=form.cleaned_data,
            request=request,
        )
        messages.success(
            request, _("%(name)s wurde aufgenommen.") % {"name": form.cleaned_data["name"]}
        )
        return _back_to_step(step_obj, "akteure")
    return _render_step(request, step_obj, status=400, actor_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def kickoff_actor_remove(request, slug, pk):
    step_obj = _kickoff_step(request, slug)
    actor = get_object_or_404(KickoffActor, pk=pk, municipality=step_obj.municipality)
    if request.method == "POST":
        services.kickoff_actor_remove(actor=actor, by=request.user, request=request)
        messages.success(request, _("%(name)s wurde entfernt.") % {"name": actor.name})
        return _back_to_step(step_obj, "akteure")
    return confirm_page(
        request,
        step_obj.municipality,
        title=_("Akteur entfernen"),
        question=_("Soll %(name)s aus der Liste der Akteure entfernt werden?")
        % {"name": actor.name},
        confirm_label=_("Ja, entfernen"),
        cancel_url=step_obj.get_absolute_url(),
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
