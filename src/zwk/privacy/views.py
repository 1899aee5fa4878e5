"""Privacy notice, imprint, one's own data (export, erasure), and the office's DSGVO tools."""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zwk.accounts.decorators import audited_export
from zwk.accounts.services import audit_record
from zwk.core.exports import csv_response
from zwk.core.views import confirm_page, require_office
from zwk.privacy import selectors, services
from zwk.privacy.forms import ErasureForm, LegalTextForm, PersonSearchForm
from zwk.privacy.models import LegalText

MANAGE = "privacy.manage"


def _legal_page(request, kind: str):
    text = selectors.current_text(kind)
    body = text.body if text else selectors.default_body(kind)
    return render(
        request,
        "privacy/legal_page.html",
        {
            "title": LegalText.Kind(kind).label,
            "body": mark_safe(body),  # sanitised with nh3 on save; the default is our template
            "text": text,
            "kind": kind,
            "can_edit": request.user.has_perm(MANAGE),
        },
    )


@require_GET
def privacy_notice(request):
    return _legal_page(request, LegalText.Kind.PRIVACY)


@require_GET
def imprint(request):
    return _legal_page(request, LegalText.Kind.IMPRINT)


@login_required
@require_http_methods(["GET", "POST"])
def legal_edit(request, kind):
    require_office(request, MANAGE)
    if kind not in LegalText.Kind.values:
        raise Http404
    current = selectors.current_text(kind)
    initial = {"body": current.body if current else selectors.default_body(kind)}
    form = LegalTextForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        text = services.save_legal_text(
            kind=kind, body=form.cleaned_data["body"], by=request.user, request=request
        )
        messages.success(request, _("Version %(v)d gespeichert.") % {"v": text.version})
        return redirect("privacy:notice" if kind == LegalText.Kind.PRIVACY else "imprint")
    return render(
        request,
        "privacy/legal_edit.html",
        {"form": form, "title": LegalText.Kind(kind).label, "current": current},
        status=400 if form.errors else 200,
    )


def _json_download(data: dict, filename: str) -> HttpResponse:
    payload = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def _audit_export(request, person):
    audit_record(
        actor=request.user,
        action="privacy.export",
        message=_("Datenauskunft erstellt"),
        obj=person,
        request=request,
        security=True,
    )


@login_required
@require_GET
def my_data(request):
    data = selectors.person_export(request.user)
    return render(request, "privacy/my_data.html", {"sections": selectors.readable_sections(data)})


@login_required
@require_GET
def my_data_json(request):
    _audit_export(request, request.user)
    data = selectors.person_export(request.user)
    return _json_download(data, f"meine-daten-{timezone.localdate():%Y-%m-%d}.json")


@login_required
@require_http_methods(["GET", "POST"])
def erase_account(request):
    form = ErasureForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.erase_person(user=request.user, by=request.user, request=request)
        # The logout is logged with the user object: it must already be the anonymised one.
        request.user.refresh_from_db()
        logout(request)
        messages.success(request, _("Ihr Konto und Ihre personenbezogenen Daten wurden gelöscht."))
        return redirect("home")
    return render(
        request, "privacy/erase_account.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_GET
def register(request):
    require_office(request, MANAGE)
    return render(request, "privacy/register.html", {"rows": selectors.processing_register()})


@login_required
@require_GET
@audited_export
def register_csv(request):
    require_office(request, MANAGE)
    rows = selectors.processing_register()
    return csv_response(
        "verarbeitungsverzeichnis",
        [_("Verarbeitung"), _("Zweck"), _("Speicherdauer / Löschung")],
        [[r["label"], r["purpose"], r["retention"]] for r in rows],
    )


@login_required
@require_GET
def person_requests(request):
    require_office(request, MANAGE)
    form = PersonSearchForm(request.GET or None)
    people = get_user_model().objects.none()
    if form.is_valid() and form.cleaned_data["q"].strip():
        q = form.cleaned_data["q"].strip()
        people = (
            get_user_model()
            .objects.filter(
                Q(username__icontains=q)
                | Q(email__icontains=q)
                | Q(first_name__icontains=q)
                | Q(last_name__icontains=q)
            )
            .order_by("last_name", "username")
        )
    searched = bool(form.is_valid() and form.cleaned_data["q"].strip())
    page = Paginator(people, 25).get_page(request.GET.get("seite"))
    query = urlencode({"q": form.cleaned_data["q"]}) if searched else ""
    return render(
        request,
        "privacy/requests.html",
        {"form": form, "page": page, "searched": searched, "query": query},
    )


@login_required
@require_GET
def person_export(request, pk):
    require_office(request, MANAGE)
    person = get_object_or_404(get_user_model(), pk=pk)
    _audit_export(request, person)
    return _json_download(selectors.person_export(person), f"auskunft-{person.pk}.json")


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request, pk):
    require_office(request, MANAGE)
    person = get_object_or_404(get_user_model(), pk=pk)
    if person.pk == request.user.pk:
        messages.info(request, _("Ihr eigenes Konto löschen Sie unter „Meine Daten“."))
        return redirect("privacy:erase_account")
    if request.method == "POST":
        services.erase_person(user=person, by=request.user, request=request)
        messages.success(request, _("Die personenbezogenen Daten wurden gelöscht."))
        return redirect("privacy:requests")
    return confirm_page(
        request,
        title=_("Personenbezogene Daten löschen"),
        question=_(
            "Alle personenbezogenen Daten von „%(name)s“ (%(email)s) werden endgültig gelöscht "
            "oder anonymisiert; das Konto wird gesperrt. Das lässt sich nicht rückgängig machen."
        )
        % {"name": person.get_full_name() or person.username, "email": person.email},
        confirm_label=_("Endgültig löschen"),
        cancel_url=reverse("privacy:requests"),
    )
