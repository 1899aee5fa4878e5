"""Results of a workshop: project sketches, photo documentation, protocol (Markdown, PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core import pdf as pdf_output
from zwk.core.views import add_form_errors
from zwk.workshops import results, selectors
from zwk.workshops.forms import (
    PhotoForm,
    SketchForm,
)
from zwk.workshops.models import (
    Sketch,
    WorkshopPhoto,
)
from zwk.workshops.views.common import (
    back_to_console,
    confirm,
    team_workshop,
)
from zwk.workshops.views.console import render_console


@login_required
@require_http_methods(["GET", "POST"])
def sketch_form(request, slug, pk, sketch=None):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    sketch_obj = get_object_or_404(Sketch, pk=sketch, workshop=workshop) if sketch else None
    initial = {}
    if sketch_obj is None and request.GET.get("cluster", "").isdigit():
        cluster = workshop.clusters.filter(pk=int(request.GET["cluster"])).first()
        if cluster is not None:
            initial = {"cluster": cluster, "title": cluster.title}
    form = SketchForm(request.POST or None, instance=sketch_obj, workshop=workshop, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            results.sketch_save(
                workshop=workshop,
                by=request.user,
                data=form.cleaned_data,
                sketch=Sketch.objects.get(pk=sketch_obj.pk) if sketch_obj else None,
                request=request,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Die Projektskizze wurde gespeichert."))
            return back_to_console(workshop, anchor="skizzen")
    return render(
        request,
        "workshops/sketch_form.html",
        {
            "workshop": workshop,
            "municipality": workshop.municipality,
            "form": form,
            "sketch": sketch_obj,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def photo_add(request, slug, pk):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            results.photo_add(
                workshop=workshop,
                by=request.user,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error("image", exc)
        else:
            messages.success(request, _("Das Foto wurde hinzugefügt."))
            return back_to_console(workshop, anchor="fotos")
    return render_console(request, workshop, status=400, photo_form=form)


def _photo(workshop, photo_pk) -> WorkshopPhoto:
    return get_object_or_404(WorkshopPhoto, pk=photo_pk, workshop=workshop)


@login_required
@require_GET
def photo_view(request, slug, pk, photo):
    workshop = team_workshop(request, slug, pk)
    item = _photo(workshop, photo)
    try:
        handle = item.image.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = "image/png" if item.image.name.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def photo_delete(request, slug, pk, photo):
    workshop = team_workshop(request, slug, pk, "workshops.moderate_workshop")
    item = _photo(workshop, photo)
    if request.method == "POST":
        results.photo_delete(photo=item, by=request.user, request=request)
        messages.success(request, _("Das Foto wurde gelöscht."))
        return back_to_console(workshop, anchor="fotos")
    return confirm(
        request,
        workshop,
        title=_("Foto löschen"),
        question=_("Soll das Foto „%(caption)s“ gelöscht werden?") % {"caption": item.caption},
        confirm_label=_("Ja, löschen"),
        cancel_url=workshop.get_absolute_url() + "#fotos",
    )


def _protocol_context(workshop, *, embed_photos=False):
    context = selectors.protocol(workshop)
    if embed_photos:
        context["photo_uris"] = [(p.caption, _data_uri(p)) for p in workshop.photos.all()]
    context["municipality"] = workshop.municipality
    context["generated_at"] = timezone.now()
    return context


def _data_uri(photo) -> str:
    """Embed the (re-encoded) photo in the PDF; WeasyPrint fetches nothing from outside."""
    import base64

    try:
        with photo.image.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return ""
    mime = "image/png" if photo.image.name.endswith(".png") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def _filename(workshop, ext):
    return f"protokoll-{slugify(workshop.title)[:60] or workshop.pk}.{ext}"


@login_required
@require_GET
def protocol_markdown(request, slug, pk):
    workshop = team_workshop(request, slug, pk)
    text = render_to_string("workshops/protocol.md", _protocol_context(workshop), request=request)
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(workshop, "md")}"'
    return response


def _no_fetch(url, *args, **kwargs):
    # The PDF is built from our own template only: embedded data URIs, nothing from outside.
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"external resource refused: {url}")


@login_required
@require_GET
def protocol_pdf(request, slug, pk):
    import weasyprint  # heavy import: only when a PDF is requested

    workshop = team_workshop(request, slug, pk)
    context = _protocol_context(workshop, embed_photos=True)
    html = render_to_string("workshops/protocol_pdf.html", context, request=request)
    pdf = pdf_output.pdf_bytes(weasyprint.HTML(string=html, url_fetcher=_no_fetch))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(workshop, "pdf")}"'
    return response
