"""Reports of the Werkstattplan and its Zwischenbilanz: PDF (WeasyPrint) and XLSX (openpyxl).

The PDF is written for a Gemeinderat meeting: the results first (figures, the traffic lights
and the measures by status as charts, Verstetigung), the details after (indicators with their
trend against the target as charts, measures with their Handlungsfeld, projection check,
lessons learnt), the traffic-light rule at the end; every page numbered "Seite x von y".
Charts are the same inline SVG as on the review page (WeasyPrint draws them).

XLSX cells that a spreadsheet would run as a formula (text starting with =, +, -, @) are
stored as text – user input must never execute.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from zwk.core import hooks
from zwk.core import pdf as pdf_output
from zwk.core.exports import XLSX_TYPE as XLSX_TYPE  # used by the views and tests
from zwk.core.exports import add_sheet
from zwk.plans import selectors
from zwk.plans.effect_pages import plan_summary
from zwk.plans.models import Continuation, Measure, Plan
from zwk.plans.review import selectors as review_selectors
from zwk.plans.review.charts import ReviewCharts, review_charts
from zwk.plans.review.projection_check import ProjectionCheck, projection_check
from zwk.plans.review.traffic_light import TOLERANCE, Light

LIGHT_LABELS = {
    Light.GREEN: gettext_lazy("grün – im Plan oder erreicht"),
    Light.YELLOW: gettext_lazy("gelb – im Verzug"),
    Light.RED: gettext_lazy("rot – kein Fortschritt"),
    Light.GREY: gettext_lazy("grau – nicht bewertbar"),
}


@dataclass
class Report:
    municipality: object
    plan: Plan | None
    on: date
    review: object | None = None  # selectors.Review
    measures: list[Measure] = field(default_factory=list)
    goals: list = field(default_factory=list)
    lessons: list = field(default_factory=list)
    continuation_rows: list = field(default_factory=list)
    schedule: object | None = None
    check: ProjectionCheck | None = None
    charts: ReviewCharts = field(default_factory=ReviewCharts)
    status_counts: list[tuple[str, int]] = field(default_factory=list)
    light_counts: list[tuple[str, str, int]] = field(default_factory=list)
    budget_planned: Decimal = Decimal(0)
    budget_actual: Decimal = Decimal(0)
    milestones_due: int = 0
    milestones_met: int = 0
    continuing: int = 0
    generated_at: object = None
    tolerance: int = round(TOLERANCE * 100)
    plan_sections: str = ""  # contributed by apps above (zwk.core.hooks.PLAN_SECTIONS)
    effects: dict | None = None  # the measures' demographic effects (effect_pages.plan_summary)

    @property
    def budget_share(self) -> float | None:
        if not self.budget_planned:
            return None
        return float(self.budget_actual) / float(self.budget_planned) * 100


def build(municipality, plan: Plan | None, on: date) -> Report:
    """Everything the two reports show, read once (query count independent of the size)."""
    report = Report(municipality, plan, on, generated_at=timezone.localtime())
    report.check = projection_check(municipality, plan)
    if plan is None:
        return report
    review = review_selectors.review(plan, on)
    report.review = review
    report.charts = review_charts(review)
    report.measures = list(selectors.measures(plan))
    report.goals = list(selectors.goals(plan))
    report.lessons = list(review_selectors.lessons(plan))
    report.continuation_rows = review_selectors.continuation_rows(plan)
    report.schedule = review_selectors.schedule(plan)
    report.status_counts = [
        (str(label), review.counts.get(value, 0))
        for value, label in Measure.Status.choices
        if review.counts.get(value)
    ]
    lights: dict[str, int] = {}
    for row in review.indicators:
        lights[row.assessment.light] = lights.get(row.assessment.light, 0) + 1
    report.light_counts = [
        (str(light), str(LIGHT_LABELS[light]), lights[light]) for light in Light if light in lights
    ]
    for row in review.measures:
        m = row.measure
        report.budget_planned += m.budget_planned or 0
        report.budget_actual += m.budget_actual or 0
        report.milestones_due += row.milestones_due
        report.milestones_met += row.milestones_met
    report.continuing = sum(
        1 for r in report.continuation_rows if r.decision == Continuation.Decision.CONTINUE
    )
    report.effects = plan_summary(plan)
    # e.g. the summary of the public consultation of the draft (zwk.consultation)
    report.plan_sections = hooks.slot(hooks.PLAN_SECTIONS).render(plan, "report")
    return report


# --- PDF ------------------------------------------------------------------------------------


def html(report: Report, request=None) -> str:
    return render_to_string("plans/report.html", {"report": report}, request=request)


def document(report: Report, request=None):
    """The laid-out WeasyPrint document (tests read its text boxes)."""
    from weasyprint import HTML

    base_url = request.build_absolute_uri("/") if request is not None else None
    return pdf_output.render(HTML(string=html(report, request), base_url=base_url))


def pdf(report: Report, request=None) -> bytes:
    return pdf_output.pdf_bytes(document(report, request))


# --- XLSX -----------------------------------------------------------------------------------


def _date(d) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


def _overview_sheet(wb: Workbook, report: Report) -> None:
    """The key figures of plan and review on one sheet."""
    plan = report.plan
    overview = [
        [_("Kommune"), report.municipality.name],
        [_("Stichtag der Zwischenbilanz"), _date(report.on)],
        [_("Status des Werkstattplans"), plan.get_status_display() if plan else _("keiner")],
        [_("Leitbild"), plan.vision if plan else ""],
        [_("Maßnahmen"), len(report.measures)],
        *[[_("Maßnahmen: %(s)s") % {"s": label}, n] for label, n in report.status_counts],
        [_("Meilensteine erreicht"), report.milestones_met],
        [_("Meilensteine fällig"), report.milestones_due],
        [_("Budget geplant (Euro)"), report.budget_planned],
        [_("Budget ausgegeben (Euro)"), report.budget_actual],
        *[[_("Indikatoren %(l)s") % {"l": label}, n] for _l, label, n in report.light_counts],
        [_("Maßnahmen, die fortgeführt werden"), report.continuing],
        [
            _("Nächste Zwischenbilanz"),
            _date(report.schedule.next_review) if report.schedule else "",
        ],
    ]
    add_sheet(wb, _("Übersicht"), [_("Angabe"), _("Wert")], overview)


def _measures_sheet(wb: Workbook, report: Report) -> None:
    """Every measure with status, milestones and budget."""
    review = report.review
    rows = []
    for row in review.measures if review else []:
        m = row.measure
        rows.append(
            [
                m.title,
                m.theme.name if m.theme else "",
                m.get_status_display(),
                m.status_reason,
                m.responsible,
                _date(m.start),
                _date(m.end),
                row.milestones_met,
                row.milestones_due,
                m.budget_planned,
                m.budget_actual,
                m.funding_source,
                m.smart_target,
            ]
        )
    add_sheet(
        wb,
        _("Maßnahmen"),
        [
            _("Maßnahme"),
            _("Handlungsfeld"),
            _("Status"),
            _("Begründung"),
            _("Verantwortlich"),
            _("Beginn"),
            _("Ende"),
            _("Meilensteine erreicht"),
            _("Meilensteine fällig"),
            _("Budget geplant (Euro)"),
            _("Budget ausgegeben (Euro)"),
            _("Finanzierung"),
            _("SMART-Ziel"),
        ],
        rows,
    )


def _milestones_sheet(wb: Workbook, report: Report) -> None:
    """Every milestone of every measure."""
    milestones = [
        [m.title, ms.title, _date(ms.due), _date(ms.done_on)]
        for m in report.measures
        for ms in m.milestones.all()
    ]
    add_sheet(
        wb,
        _("Meilensteine"),
        [_("Maßnahme"), _("Meilenstein"), _("fällig am"), _("erreicht am")],
        milestones,
    )


def _indicators_sheet(wb: Workbook, report: Report) -> None:
    """Every indicator with its traffic light."""
    indicators = []
    for row in report.review.indicators if report.review else []:
        i, a = row.indicator, row.assessment
        indicators.append(
            [
                i.goal.text,
                i.name,
                i.unit,
                i.baseline,
                _date(i.baseline_date),
                i.target,
                _date(i.due),
                row.value,
                _date(row.value_date),
                a.change,
                a.expected,
                a.distance,
                str(LIGHT_LABELS[a.light]),
            ]
        )
    add_sheet(
        wb,
        _("Indikatoren"),
        [
            _("Ziel"),
            _("Indikator"),
            _("Einheit"),
            _("Ausgangswert"),
            _("Stand"),
            _("Zielwert"),
            _("Zieldatum"),
            _("Letzter Messwert"),
            _("gemessen am"),
            _("Veränderung"),
            _("Erwartet laut Linie"),
            _("Abstand zum Ziel"),
            _("Ampel"),
        ],
        indicators,
    )


def _check_sheet(wb: Workbook, report: Report) -> None:
    """The projection check of the review."""
    check = report.check
    add_sheet(
        wb,
        _("Projektionsprüfung"),
        [
            _("Kennzahl"),
            _("Einheit"),
            _("Basisjahr"),
            _("Wert im Basisjahr"),
            _("Jahr"),
            _("beobachtet"),
            _("laut Projektion erwartet"),
            _("Abweichung"),
        ],
        [
            [
                r.label,
                r.unit,
                check.baseline_year,
                r.baseline,
                check.latest_year,
                r.observed,
                r.expected,
                r.difference,
            ]
            for r in (check.rows if check else [])
        ],
    )


def _lessons_sheet(wb: Workbook, report: Report) -> None:
    """The lessons learnt."""
    add_sheet(
        wb,
        _("Erfahrungen"),
        [
            _("Maßnahme"),
            _("Titel"),
            _("Was hat funktioniert?"),
            _("Was hat nicht funktioniert?"),
            _("Warum?"),
            _("Was würden wir anders machen?"),
            _("Übertragbar"),
            _("Geteilt"),
        ],
        [
            [
                lesson.measure.title if lesson.measure else _("Werkstattplan insgesamt"),
                lesson.title,
                lesson.worked,
                lesson.not_worked,
                lesson.why,
                lesson.differently,
                lesson.transferable_note,
                lesson.toolbox_entry.get_status_display() if lesson.toolbox_entry else _("nein"),
            ]
            for lesson in report.lessons
        ],
    )


def _continuation_sheet(wb: Workbook, report: Report) -> None:
    """Which measures go on after the programme."""
    add_sheet(
        wb,
        _("Verstetigung"),
        [_("Maßnahme"), _("Verstetigung"), _("Zuständig"), _("Anmerkung")],
        [[r.measure.title, r.decision_label, r.owner, r.note] for r in report.continuation_rows],
    )


SHEETS = (
    _overview_sheet,
    _measures_sheet,
    _milestones_sheet,
    _indicators_sheet,
    _check_sheet,
    _lessons_sheet,
    _continuation_sheet,
)


def xlsx(report: Report) -> bytes:
    """The report as a workbook, one sheet per part (``SHEETS``)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in SHEETS:
        sheet(wb, report)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
