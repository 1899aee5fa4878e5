"""Reports for the funder: the page with the period form and preview, PDF and XLSX downloads.

The figures come from :mod:`zwk.office.reports`; this module only lays them out: SVG charts
with ``zwk.profiles.charts`` (the same accessible bar charts as the Kommunalprofil), the PDF
with WeasyPrint (summary on the first page, "Seite x von y"), the XLSX with openpyxl (one
sheet per section plus "Quellen und Erläuterungen"; text that looks like a formula is stored
as text, as in ``zwk.core.exports``).
"""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from zwk.accounts.decorators import audited_export
from zwk.core import pdf as pdf_output
from zwk.core.exports import XLSX_TYPE, add_sheet
from zwk.office import reports
from zwk.office.report_forms import ReportPeriodForm
from zwk.profiles import charts

PERM = "accounts.view_office_area"


# --- Charts ---------------------------------------------------------------------------------


def _bars(chart_id: str, title: str, desc: str, category: str, rows: list[tuple[str, float]]):
    chart = charts.bar_chart(
        chart_id,
        title,
        desc,
        [label for label, _v in rows],
        [float(v) for _l, v in rows],
        unit=_("Anzahl"),
        digits=0,
        highlight=-1,  # no bar stands out: all are programme figures of equal rank
    )
    chart.headers = [category, _("Anzahl")]
    return chart


def report_charts(report: reports.ProgrammeReport) -> dict[str, charts.Chart]:
    end = report.period.end.strftime("%d.%m.%Y")
    steps = [(f"{n}. {r.title}", r.at_end) for n, r in enumerate(report.steps, start=1)]
    steps.append((str(reports.ALL_DONE), report.all_done))
    themes = [(r.name, r.municipalities) for r in report.themes if r.municipalities]
    p = report.participation
    ages = [(r.label, r.count) for r in p.age_rows]
    if p.without_age:
        ages.append((_("keine Angabe"), p.without_age))
    return {
        "steps": _bars(
            "bericht-schritte",
            _("Kommunen nach Prozessschritt am %(d)s") % {"d": end},
            _("Anzahl der Kommunen je Schritt, in dem sie sich am Ende des Zeitraums befanden."),
            _("Schritt"),
            steps,
        ),
        "themes": _bars(
            "bericht-handlungsfelder",
            _("Kommunen nach Handlungsfeld"),
            _("Wie viele Kommunen ein Handlungsfeld gewählt haben (Mehrfachnennung möglich)."),
            _("Handlungsfeld"),
            themes,
        ),
        "measures": _bars(
            "bericht-massnahmen",
            _("Maßnahmen nach Status"),
            _("Maßnahmen der Werkstattpläne nach ihrem heutigen Status."),
            _("Status"),
            [(r.label, r.total) for r in report.measures],
        ),
        "ages": _bars(
            "bericht-altersgruppen",
            _("Teilnehmende der Zukunftswerkstätten nach Altersgruppe"),
            _("Teilnehmende der Zukunftswerkstätten im Zeitraum je Altersgruppe."),
            _("Altersgruppe"),
            ages,
        ),
    }


# --- PDF ------------------------------------------------------------------------------------


def _context(report: reports.ProgrammeReport) -> dict:
    return {"report": report, "charts": report_charts(report), "notes": reports.NOTES}


def document(report: reports.ProgrammeReport, request=None):
    """The laid-out WeasyPrint document (tests read its text boxes)."""
    from weasyprint import HTML

    html = render_to_string("office/report_pdf.html", _context(report), request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return pdf_output.render(HTML(string=html, base_url=base_url))


# --- XLSX -----------------------------------------------------------------------------------


def _summary_sheet(wb: Workbook, report: reports.ProgrammeReport) -> None:
    period = report.period
    head = [
        [_("Zeitraum"), period.label],
        [_("erster Tag"), period.start],
        [_("letzter Tag"), period.end],
    ]
    add_sheet(
        wb,
        _("Zusammenfassung"),
        [_("Kennzahl"), _("Wert")],
        head + [[label, value] for label, value in report.summary()],
    )


def _steps_sheet(wb: Workbook, report: reports.ProgrammeReport) -> None:
    add_sheet(
        wb,
        _("Prozessschritte"),
        [_("Schritt"), _("Kommunen am Ende des Zeitraums"), _("im Zeitraum abgeschlossen")],
        [[f"{n}. {r.title}", r.at_end, r.completed] for n, r in enumerate(report.steps, 1)]
        + [[str(reports.ALL_DONE), report.all_done, ""]],
    )


def _municipalities_sheet(wb: Workbook, report: reports.ProgrammeReport) -> None:
    add_sheet(
        wb,
        _("Kommunen nach Land und Art"),
        [_("Gliederung"), _("Wert"), _("Kommunen")],
        [[_("Land"), r.label, r.count] for r in report.by_land]
        + [[_("Art"), r.label, r.count] for r in report.by_kind],
    )


def _themes_sheet(wb: Workbook, report: reports.ProgrammeReport) -> None:
    add_sheet(
        wb,
        _("Handlungsfelder"),
        [
            _("Handlungsfeld"),
            _("Kommunen"),
            _("Maßnahmen"),
            _("davon im Zeitraum neu"),
            _("Zukunftswerkstätten im Zeitraum"),
        ],
        [
            [r.name, r.municipalities, r.measures, r.new_measures, r.workshops]
            for r in report.themes
        ],
    )


def _measures_sheet(wb: Workbook, report: reports.ProgrammeReport) -> None:
    add_sheet(
        wb,
        _("Maßnahmen"),
        [_("Status"), _("Maßnahmen"), _("davon im Zeitraum neu")],
        [[r.label, r.total, r.new] for r in report.measures]
        + [
            [_("zusammen"), report.measures_total, report.measures_new],
            [_("Budget geplant (Euro)"), report.budget_planned, ""],
            [_("Budget ausgegeben (Euro)"), report.budget_actual, ""],
        ],
    )


def _participation_sheet(wb: Workbook, report: reports.ProgrammeReport) -> None:
    p = report.participation
    add_sheet(
        wb,
        _("Beteiligung"),
        [_("Kennzahl"), _("Wert")],
        [
            [_("Zukunftswerkstätten mit Beginn im Zeitraum"), p.workshops],
            [_("davon abgeschlossen"), p.finished],
            [_("Kommunen mit Zukunftswerkstatt"), p.municipalities],
            [_("Teilnehmende"), p.participants],
            *[[_("Altersgruppe %(g)s") % {"g": r.label}, r.count] for r in p.age_rows],
            [_("Altersgruppe keine Angabe"), p.without_age],
            [_("erreichte Altersgruppen (von sechs)"), p.age_groups_reached],
            [_("Karten"), p.cards],
            [_("vergebene Punkte"), p.points],
            [_("Personen, die Punkte vergeben haben"), p.voters],
            [_("Projektskizzen"), p.sketches],
        ],
    )


def _consulting_sheet(wb: Workbook, report: reports.ProgrammeReport) -> None:
    c = report.consulting
    add_sheet(
        wb,
        _("Beratung"),
        [
            _("Jahr"),
            _("Tagebudget des Jahres"),
            _("davon anteilig im Zeitraum"),
            _("genutzt im Zeitraum"),
            _("genutzt im ganzen Jahr"),
            _("Kommunen mit Budget"),
        ],
        [
            [y.year, y.budget, y.budget_in_period, y.used_in_period, y.used_in_year, y.with_budget]
            for y in c.years
        ]
        + [
            [_("zusammen"), "", c.days_planned, c.days_used, "", ""],
            [],
            [_("Anfragen im Zeitraum gestellt"), c.requests_new],
            *[[_("Status: %(s)s") % {"s": r.label}, r.total] for r in c.requests],
            [_("Anfragen im Zeitraum abgeschlossen"), c.requests_completed],
            [_("Kommunen mit Beratungstagen im Zeitraum"), c.municipalities],
        ],
    )


def _exchange_sheet(wb: Workbook, report: reports.ProgrammeReport) -> None:
    e = report.exchange
    add_sheet(
        wb,
        _("Austausch"),
        [_("Veranstaltung"), _("Beginn"), _("Format"), _("bestätigt"), _("Warteliste")],
        [[r.title, r.start, r.type_label, r.confirmed, r.waiting] for r in e.events]
        + [
            [_("zusammen: %(n)d Veranstaltungen") % {"n": e.held}, "", "", e.confirmed, e.waiting],
            [],
            *[[_("Format: %(t)s") % {"t": r.label}, r.count] for r in e.by_type],
            [_("abgesagte Veranstaltungen"), e.cancelled],
            [_("Kommunen mit bestätigter Anmeldung"), e.municipalities],
        ],
    )


def _newsletter_sheet(wb: Workbook, report: reports.ProgrammeReport) -> None:
    n = report.newsletter
    add_sheet(
        wb,
        _("Newsletter"),
        [_("Kennzahl"), _("Wert")],
        [
            [_("Abonnements am Ende des Zeitraums"), n.subscribers_at_end],
            [_("im Zeitraum bestätigt"), n.confirmed_in_period],
            [_("im Zeitraum abgemeldet"), n.unsubscribed_in_period],
            [_("Ausgaben im Zeitraum versendet"), n.issues_sent],
        ],
    )


def _notes_sheet(wb: Workbook, report: reports.ProgrammeReport) -> None:
    notes = [[str(note)] for note in reports.NOTES]
    notes.append([_("Quelle: Plattform ZWK, erstellt am %(d)s") % {"d": _stamp(report)}])
    if report.with_demo:
        notes.append([_("Achtung: Der Bericht beruht auf Demodaten.")])
    add_sheet(wb, _("Quellen und Erläuterungen"), [_("Erläuterung")], notes)


SHEETS = (
    _summary_sheet,
    _steps_sheet,
    _municipalities_sheet,
    _themes_sheet,
    _measures_sheet,
    _participation_sheet,
    _consulting_sheet,
    _exchange_sheet,
    _newsletter_sheet,
    _notes_sheet,
)


def workbook(report: reports.ProgrammeReport) -> bytes:
    """The programme report as a workbook, one sheet per part (``SHEETS``)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in SHEETS:
        sheet(wb, report)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _stamp(report) -> str:
    return report.generated_at.strftime("%d.%m.%Y %H:%M")


# --- Views ----------------------------------------------------------------------------------


def _download_query(period: reports.Period, funding_round: str = "") -> str:
    query = {"von": period.start.isoformat(), "bis": period.end.isoformat()}
    if funding_round:
        query["runde"] = funding_round
    return urlencode(query)


def _round(request) -> str:
    """The Förderrunde of the report ("" = all), as the form would accept it."""
    value = request.GET.get("runde", "")
    return value if value == "ohne" or value.isdigit() else ""


def _period_or_page(request):
    """(period, None) for a valid period, else (None, the form page as a 400 response)."""
    if not request.user.has_perm(PERM):
        raise PermissionDenied
    if not any(name in request.GET for name in ("vorlage", "von", "bis")):
        return reports.default_period(), None
    form = ReportPeriodForm(request.GET)
    if form.is_valid():
        return form.period, None
    page = render(request, "office/reports.html", {"form": form, "report": None}, status=400)
    return None, page


@login_required
@require_GET
def report_page(request):
    period, error = _period_or_page(request)
    if error is not None:
        return error
    funding_round = _round(request)
    if request.GET.get("vorlage"):  # a preset: show its dates in the address and the form
        return redirect(f"{reverse('office:reports')}?{_download_query(period, funding_round)}")
    form = ReportPeriodForm(
        initial={"von": period.start, "bis": period.end, "runde": funding_round}
    )
    report = reports.build(period, funding_round)
    ctx = _context(report)
    ctx.update(form=form, query=_download_query(period, funding_round))
    return render(request, "office/reports.html", ctx)


@login_required
@require_GET
@audited_export
def report_pdf(request):
    period, error = _period_or_page(request)
    if error is not None:
        return error
    report = reports.build(period, _round(request))
    response = HttpResponse(
        pdf_output.pdf_bytes(document(report, request)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="programmbericht-{period.slug}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
@audited_export
def report_xlsx(request):
    period, error = _period_or_page(request)
    if error is not None:
        return error
    response = HttpResponse(
        workbook(reports.build(period, _round(request))), content_type=XLSX_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="programmbericht-{period.slug}.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
