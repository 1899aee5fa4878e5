"""Reports of plan and review: PDF for the Gemeinderat, XLSX."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from zwk.accounts.decorators import audited_export
from zwk.municipalities.access import municipality_for
from zwk.plans import reports, selectors
from zwk.plans.forms import (
    ReviewDateForm,
)
from zwk.plans.views.common import (
    VIEW,
)


def _report_context(request, municipality):
    plan = selectors.plan_or_none(municipality)
    form = ReviewDateForm(request.GET or None)
    on = (form.cleaned_data.get("stichtag") if form.is_valid() else None) or timezone.localdate()
    return reports.build(municipality, plan, on)


@login_required
@require_GET
@audited_export
def report_pdf(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    report = _report_context(request, municipality)
    response = HttpResponse(reports.pdf(report, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="werkstattplan-{slug}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
@audited_export
def report_xlsx(request, slug):
    municipality = municipality_for(request, slug, VIEW)
    report = _report_context(request, municipality)
    response = HttpResponse(reports.xlsx(report), content_type=reports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="werkstattplan-{slug}.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
