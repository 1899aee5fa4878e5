"""Pages of the Demografie-Check (thin: forms → services, results from selectors)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core import pdf as pdf_output
from zwk.core.views import form_view
from zwk.decisions import documents, selectors, services
from zwk.decisions.forms import CheckForm
from zwk.decisions.models import DemographyCheck
from zwk.municipalities.access import municipality_for

VIEW, CHANGE = "decisions.view_check", "decisions.change_check"


def _check(municipality, pk) -> DemographyCheck:
    return get_object_or_404(
        DemographyCheck.objects.select_related("municipality"), pk=pk, municipality=municipality
    )


def _version(check, request):
    number = request.GET.get("fassung", "")
    versions = check.versions.all()
    if number.isdigit():
        return get_object_or_404(versions, number=int(number))
    version = versions.order_by("-number").first()
    if version is None:
        raise Http404
    return version


def _context(request, municipality, **extra):
    user = request.user
    return {
        "municipality": municipality,
        "can_edit": user.has_perm(CHANGE, municipality),
        "can_publish": user.has_perm("decisions.publish_check", municipality),
        **extra,
    }


@login_required
@require_GET
def check_list(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    checks = selectors.checks_of(municipality)
    return render(request, "decisions/list.html", _context(request, municipality, checks=checks))


def _form_page(request, municipality, form, *, check=None, status=200):
    return render(
        request,
        "decisions/form.html",
        _context(request, municipality, form=form, check=check),
        status=status,
    )


def _save_args(cleaned) -> dict:
    data = {k: v for k, v in cleaned.items() if k not in ("themes", "goals")}
    return {"data": data, "themes": cleaned["themes"], "goals": cleaned["goals"]}


@login_required
@require_http_methods(["GET", "POST"])
def check_create(request, slug):
    municipality = municipality_for(request, slug, CHANGE)
    form = CheckForm(request.POST or None, municipality=municipality)
    return form_view(
        request,
        form,
        save=lambda cleaned: services.check_create(
            municipality=municipality, by=request.user, request=request, **_save_args(cleaned)
        ),
        message=_("Der Demografie-Check wurde gespeichert."),
        done=lambda check: check.get_absolute_url(),
        page=lambda status: _form_page(request, municipality, form, status=status),
    )


@login_required
@require_http_methods(["GET", "POST"])
def check_edit(request, slug, pk):
    municipality = municipality_for(request, slug, CHANGE)
    check = _check(municipality, pk)
    latest = check.latest
    # GET shows the latest version; a POST becomes a new version (the old one stays)
    shown = None if request.method == "POST" else latest
    form = CheckForm(request.POST or None, instance=shown, municipality=municipality)
    return form_view(
        request,
        form,
        save=lambda cleaned: services.check_revise(
            check=check, by=request.user, request=request, **_save_args(cleaned)
        ),
        message=_("Die neue Fassung wurde gespeichert."),
        done=check.get_absolute_url(),
        page=lambda status: _form_page(request, municipality, form, check=check, status=status),
    )


@login_required
@require_GET
def check_detail(request, slug, pk):
    municipality = municipality_for(request, slug, VIEW)
    check = _check(municipality, pk)
    version = _version(check, request)
    result = selectors.result(check, version)
    return render(
        request,
        "decisions/detail.html",
        _context(
            request,
            municipality,
            check=check,
            result=result,
            versions=check.versions.order_by("-number"),
        ),
    )


@login_required
@require_GET
def check_pdf(request, slug, pk):
    municipality = municipality_for(request, slug, VIEW)
    check = _check(municipality, pk)
    version = _version(check, request)
    result = selectors.result(check, version)
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    html = render_to_string(
        "decisions/result_pdf.html",
        {"municipality": municipality, "check": check, "result": result},
        request=request,
    )
    pdf = pdf_output.pdf_bytes(HTML(string=html, base_url=request.build_absolute_uri("/")))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(version.title)[:60] or "check"
    response["Content-Disposition"] = (
        f'attachment; filename="demografie-check-{name}-fassung-{version.number}.pdf"'
    )
    return response


@login_required
@require_GET
def check_document(request, slug, pk, fmt):
    """The result as a DOCX or ODT file to edit into the Beschlussvorlage."""
    municipality = municipality_for(request, slug, VIEW)
    check = _check(municipality, pk)
    version = _version(check, request)
    result = selectors.result(check, version)
    data, content_type, filename = documents.check_document(result, municipality, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def check_blank(request, slug, fmt):
    """The empty form with the check questions as DOCX or ODT."""
    municipality = municipality_for(request, slug, VIEW)
    data, content_type, filename = documents.blank_document(municipality, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def check_publish(request, slug, pk):
    municipality = municipality_for(request, slug, "decisions.publish_check")
    check = _check(municipality, pk)
    public = request.POST.get("public") == "1"
    services.check_set_public(check=check, by=request.user, public=public, request=request)
    messages.success(
        request,
        _("Der Demografie-Check ist jetzt öffentlich.")
        if public
        else _("Der Demografie-Check ist nicht mehr öffentlich."),
    )
    return redirect(check.get_absolute_url())


@require_GET
def check_public(request, slug, pk):
    check = get_object_or_404(
        DemographyCheck.objects.select_related("municipality"), pk=pk, municipality__slug=slug
    )
    if not request.user.has_perm("decisions.view_public_check", check):
        raise Http404
    version = _version(check, request)
    return render(
        request,
        "decisions/public.html",
        {
            "municipality": check.municipality,
            "check": check,
            "result": selectors.result(check, version),
        },
    )
