"""Views of the five steps of a Kommune: status, notes, checklist, documents, templates and the
kick-off agreement. Thin: access, form, service, response."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core import hooks
from zwk.core.uploads import attachment_response
from zwk.core.views import add_form_errors, confirm_view
from zwk.municipalities import documents, selectors, services, step_results
from zwk.municipalities.access import step_for
from zwk.municipalities.forms import (
    ChecklistAddForm,
    DocumentForm,
    KickoffActorForm,
    KickoffAgreementForm,
    StepForm,
    StepNotesForm,
)
from zwk.municipalities.models import (
    ChecklistItem,
    KickoffActor,
    KickoffAgreement,
    ProcessStep,
    StepDocument,
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
        # sections of apps above (onboarding guide of zwk.registration)
        "sections": hooks.slot(hooks.STEP_SECTIONS).render(request, step),
        # A step closed (with confirmation, or before the check existed) whose results are
        # missing says so instead of claiming them.
        "missing_results": (
            get_text_list(step_results.missing(municipality, step.kind), _("und"))
            if step.status == ProcessStep.Status.DONE
            else ""
        ),
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


def _step_url(step, anchor=""):
    return step.get_absolute_url() + (f"#{anchor}" if anchor else "")


def _back_to_step(step, anchor=""):
    return redirect(_step_url(step, anchor))


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
    return confirm_view(
        request,
        step_obj.municipality,
        title=_("Aufgabe löschen"),
        question=_("Soll die Aufgabe „%(text)s“ gelöscht werden?") % {"text": checklist_item.text},
        confirm_label=_("Ja, löschen"),
        cancel_url=step_obj.get_absolute_url(),
        action=lambda: services.checklist_item_delete(
            item=checklist_item, by=request.user, request=request
        ),
        message=_("Die Aufgabe wurde gelöscht."),
        done=_step_url(step_obj, "checkliste"),
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
    return confirm_view(
        request,
        step_obj.municipality,
        title=_("Dokument löschen"),
        question=_("Soll das Dokument „%(title)s“ endgültig gelöscht werden?")
        % {"title": document.title},
        confirm_label=_("Ja, endgültig löschen"),
        cancel_url=step_obj.get_absolute_url(),
        action=lambda: services.document_delete(
            document=document, by=request.user, request=request
        ),
        message=_("Das Dokument „%(title)s“ wurde gelöscht.") % {"title": document.title},
        done=_step_url(step_obj, "dokumente"),
    )


@login_required
@require_GET
def template_download(request, slug, step, name):
    step_obj = step_for(request, slug, step, "municipalities.view_step")
    template = next((t for t in step_obj.type.templates if t.slug == name), None)
    fmt = request.GET.get("format", "docx")
    if template is None or fmt not in documents.FORMATS:
        raise Http404
    data, content_type, filename = documents.step_document(step_obj, template, fmt)
    response = HttpResponse(data, content_type=content_type)
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
    return confirm_view(
        request,
        step_obj.municipality,
        title=_("Akteur entfernen"),
        question=_("Soll %(name)s aus der Liste der Akteure entfernt werden?")
        % {"name": actor.name},
        confirm_label=_("Ja, entfernen"),
        cancel_url=step_obj.get_absolute_url(),
        action=lambda: services.kickoff_actor_remove(actor=actor, by=request.user, request=request),
        message=_("%(name)s wurde entfernt.") % {"name": actor.name},
        done=_step_url(step_obj, "akteure"),
    )
