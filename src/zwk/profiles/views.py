"""Views of the Kommunalprofil. Thin: access, form, service/page builder, response."""

from __future__ import annotations

import csv
import io
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwk.core import hooks
from zwk.core.views import confirm_page
from zwk.municipalities.access import municipality_for
from zwk.municipalities.models import Municipality
from zwk.profiles import exports, kreis, pages, selectors, services
from zwk.profiles.forms import RegisterAreaForm, ScenarioForm, StatisticsUploadForm
from zwk.profiles.models import ImportJob, Profile


def _profile_access(request, slug) -> tuple[Municipality, Profile, bool]:
    """The Kommune, its profile settings and whether the visitor works inside it.

    Outsiders see a published profile read-only; an unpublished one is 404 for them
    (its existence is not revealed), like every page of a Kommune.
    """
    municipality = get_object_or_404(Municipality, slug=slug)
    profile = Profile.objects.filter(municipality=municipality).first() or Profile(
        municipality=municipality
    )
    inside = request.user.has_perm("municipalities.view_municipality", municipality)
    if not inside and not request.user.has_perm("profiles.view_profile", profile):
        raise Http404
    return municipality, profile, inside


def _plan_effects(request, municipality):
    """The Werkstattplan's effects service when this visitor may include them (else None)."""
    try:
        provider = hooks.service(pages.PLAN_EFFECTS)
    except LookupError:  # zwk.plans not installed
        return None
    return provider if provider.offered(request.user, municipality) else None


def _scenario_form(request, municipality=None):
    """(form, params or None, plan_extra for ``pages.build``)."""
    provider = _plan_effects(request, municipality) if municipality is not None else None
    data = request.GET if "tfr" in request.GET else None
    form = ScenarioForm(data, plan_effects=provider is not None)
    plan_extra = None
    if provider is not None:

        def plan_extra(pop):
            return provider.extra_migration(municipality, pop)

    if data is not None and form.is_valid():
        return form, form.params(), plan_extra
    return form, None, plan_extra


@require_GET
def profile(request, slug):
    municipality, profile_obj, inside = _profile_access(request, slug)
    form, params, plan_extra = _scenario_form(request, municipality)
    status = 400 if form.is_bound and not form.is_valid() else 200
    ctx = {
        "page": pages.build(municipality, params, plan_extra=plan_extra),
        "municipality": municipality,
        "profile": profile_obj,
        "inside": inside,
        "gemeinden_page": inside and kreis.has_gemeinden_page(municipality),
        "form": form,
        "can_import": request.user.has_perm("profiles.import_statistics", municipality),
        "can_publish": request.user.has_perm("profiles.publish_profile", municipality),
        "jobs": _jobs(municipality, 5) if inside else [],
        "area_form": RegisterAreaForm(initial={"register_area": profile_obj.register_area}),
        "situation_hook": _situation_hook(municipality) if inside else None,
        "query": _query(request),
    }
    return render(request, "profiles/profile.html", ctx, status=status)


def _jobs(municipality, n):
    """The latest import jobs; jobs killed by a time limit show as failed, not running."""
    services.import_jobs_fail_stale(municipality=municipality)
    return municipality.import_jobs.select_related("created_by")[:n]


def _query(request) -> str:
    return "?" + request.GET.urlencode() if request.GET else ""


def _situation_hook(municipality):
    """SWOT and Handlungsfelder from zwk.situation, once it registers a section (hook)."""
    return hooks.slot(hooks.PROFILE_SECTIONS).render(municipality)


@require_GET
def scenario(request, slug):
    """htmx: re-project with the slider values and return the charts and the demand table."""
    municipality, _profile_obj, _inside = _profile_access(request, slug)
    form, params, plan_extra = _scenario_form(request, municipality)
    if params is None:
        if form.is_bound:
            return render(request, "profiles/_scenario_errors.html", {"form": form}, status=400)
        params = None
    started = time.perf_counter()
    ctx = {
        "page": pages.build(municipality, params, plan_extra=plan_extra),
        "municipality": municipality,
        "form": form,
        "query": _query(request),
    }
    response = render(request, "profiles/_scenario.html", ctx)
    response["Server-Timing"] = f"build;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


@require_GET
def export_xlsx(request, slug):
    municipality, _p, _inside = _profile_access(request, slug)
    _form, params, plan_extra = _scenario_form(request, municipality)
    data = exports.workbook(municipality, pages.build(municipality, params, plan_extra=plan_extra))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="kommunalprofil-{slug}.xlsx"'
    return response


@require_GET
def export_csv(request, slug, table):
    municipality, _p, _inside = _profile_access(request, slug)
    _form, params, plan_extra = _scenario_form(request, municipality)
    found = pages.build(municipality, params, plan_extra=plan_extra).table(table)
    if found is None:
        raise Http404
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(found.headers)
    for row in found.rows:
        writer.writerow([exports.csv_cell(v) for v in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{table}.csv"'
    return response


@require_GET
def report_pdf(request, slug):
    municipality, _profile_obj, inside = _profile_access(request, slug)
    _form, params, plan_extra = _scenario_form(request, municipality)
    ctx = {
        "page": pages.build(municipality, params, plan_extra=plan_extra),
        "municipality": municipality,
        "situation_hook": _situation_hook(municipality) if inside else None,
    }
    pdf = exports.report_pdf(request, ctx)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kommunalprofil-{slug}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, slug):
    municipality = municipality_for(request, slug, "profiles.import_statistics")
    form = StatisticsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.import_job_create(
            upload=form.cleaned_data["file"], by=request.user, municipality=municipality
        )
        return redirect("profiles:import_job", slug=slug, job=job.pk)
    profile_obj = Profile.objects.filter(municipality=municipality).first()
    area = profile_obj.register_area if profile_obj else ""
    return _import_page(
        request,
        municipality,
        form=form,
        area_form=RegisterAreaForm(initial={"register_area": area}),
        status=400 if form.is_bound else 200,
    )


def _import_page(request, municipality, *, form, area_form, status):
    """The upload page; also re-rendered (400, input kept) when the area form is invalid."""
    return render(
        request,
        "profiles/import.html",
        {
            "municipality": municipality,
            "form": form,
            "jobs": _jobs(municipality, 20),
            "area_form": area_form,
            "releases": selectors.releases_of(municipality)
            if request.user.has_perm("profiles.withdraw_statistics", municipality)
            else [],
        },
        status=status,
    )


def _job_for(request, slug, job):
    municipality = municipality_for(request, slug, "profiles.import_statistics")
    services.import_jobs_fail_stale(municipality=municipality)
    return municipality, get_object_or_404(
        ImportJob.objects.select_related("release", "created_by"), pk=job, municipality=municipality
    )


@login_required
@require_GET
def import_job(request, slug, job):
    municipality, job_obj = _job_for(request, slug, job)
    done, total = services.job_progress(job_obj)
    return render(
        request,
        "profiles/import_job.html",
        {
            "municipality": municipality,
            "job": job_obj,
            "done": done,
            "total": total,
            "can_withdraw": job_obj.release_id
            and request.user.has_perm("profiles.withdraw_statistics", municipality),
            "can_retry": request.user.has_perm("profiles.retry_import", job_obj),
        },
    )


@login_required
@require_POST
def import_retry(request, slug, job):
    """Start a failed (or withdrawn) import's stored file again as a new job."""
    _municipality, job_obj = _job_for(request, slug, job)
    try:
        again = services.import_job_retry(job=job_obj, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("profiles:import_job", slug=slug, job=job_obj.pk)
    return redirect("profiles:import_job", slug=slug, job=again.pk)


@login_required
@require_http_methods(["GET", "POST"])
def release_withdraw(request, slug, release):
    """Withdraw a data delivery the profile rests on (office): its values leave every
    profile, the file can be imported again."""
    municipality = municipality_for(request, slug, "profiles.withdraw_statistics")
    release_obj = get_object_or_404(selectors.releases_of(municipality), pk=release)
    if request.method == "POST":
        removed = services.release_withdraw(
            release=release_obj, by=request.user, municipality=municipality, request=request
        )
        messages.success(
            request,
            _("„%(file)s“ wurde zurückgezogen: %(n)s Werte entfernt. Die Datei kann jetzt "
              "erneut importiert werden.") % {"file": removed["file"], "n": removed["values"]},
        )  # fmt: skip
        return redirect("profiles:import", slug=slug)
    values, regions = selectors.release_size(release_obj)
    replaced = release_obj.summary.get("replaced", [])
    question = _(
        "„%(file)s“ (%(table)s, importiert am %(date)s) wird zurückgezogen: %(values)s Werte "
        "in %(regions)s Gebieten werden entfernt – in den Profilen aller Kommunen, die sie "
        "nutzen. Danach kann dieselbe Datei (oder eine berichtigte) erneut importiert werden."
    ) % {
        "file": release_obj.file_name,
        "table": release_obj.table_code,
        "date": timezone.localtime(release_obj.imported_at).strftime("%d.%m.%Y"),
        "values": values,
        "regions": regions,
    }
    if replaced:
        question += " " + _(
            "Diese Lieferung hatte ältere Werte ersetzt (%(files)s); sie kommen nicht von "
            "selbst zurück – importieren Sie diese Dateien danach erneut, dann werden die "
            "fehlenden Werte ergänzt."
        ) % {"files": ", ".join(r["file"] or r["table"] for r in replaced)}
    return confirm_page(
        request,
        municipality,
        title=_("Datenlieferung zurückziehen"),
        question=question,
        confirm_label=_("Zurückziehen und Werte entfernen"),
        cancel_url=reverse("profiles:import", kwargs={"slug": slug}),
    )


@login_required
@require_GET
def import_progress(request, slug, job):
    municipality, job_obj = _job_for(request, slug, job)
    done, total = services.job_progress(job_obj)
    html = render_to_string(
        "profiles/_job_status.html",
        {"municipality": municipality, "job": job_obj, "done": done, "total": total},
        request=request,
    )
    response = HttpResponse(html)
    if job_obj.is_finished and request.htmx:
        # show the full result page once the job is done
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, slug):
    municipality = municipality_for(request, slug, "profiles.publish_profile")
    profile_obj = services.profile_for(municipality)
    target = not profile_obj.is_published
    if request.method == "POST":
        services.profile_set_published(
            municipality=municipality, published=target, by=request.user, request=request
        )
        messages.success(
            request,
            _("Das Kommunalprofil ist jetzt öffentlich.")
            if target
            else _("Das Kommunalprofil ist nicht mehr öffentlich."),
        )
        return redirect("profiles:profile", slug=slug)
    url = reverse("profiles:profile", kwargs={"slug": slug})
    return confirm_page(
        request,
        municipality,
        title=_("Kommunalprofil veröffentlichen") if target else _("Veröffentlichung beenden"),
        question=_(
            "Das Profil wird als öffentliche Seite ohne Anmeldung lesbar (Kennzahlen, "
            "Diagramme, Vorausberechnung, Downloads). Interne Importe bleiben intern."
        )
        if target
        else _("Das Profil ist danach nur noch für das Team der Kommune sichtbar."),
        confirm_label=_("Veröffentlichen") if target else _("Veröffentlichung beenden"),
        cancel_url=url,
    )


@login_required
@require_http_methods(["POST"])
def register_area(request, slug):
    municipality = municipality_for(request, slug, "profiles.import_statistics")
    form = RegisterAreaForm(request.POST)
    if form.is_valid():
        try:
            services.profile_set_register_area(
                municipality=municipality,
                area=form.cleaned_data["register_area"],
                by=request.user,
                request=request,
            )
        except ValidationError as exc:
            form.add_error("register_area", exc)
        else:
            messages.success(request, _("Der Gebietsschlüssel wurde gespeichert."))
            return redirect("profiles:import", slug=slug)
    # Invalid: the import page again with the message and the typed key, nothing written.
    return _import_page(
        request, municipality, form=StatisticsUploadForm(), area_form=form, status=400
    )
