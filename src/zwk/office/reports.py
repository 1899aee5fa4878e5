"""Programme-wide report for the funder (Fördergeber): the programme's figures for a period.

:func:`build` reads everything with a fixed number of aggregate queries – independent of the
number of Kommunen, workshops or measures and of the years the period touches; counts and
sums are made in the database (GROUP BY), never by looping over Kommunen or step records in
Python – and returns a :class:`ProgrammeReport`. The report holds counts and sums only, plus
the titles of the Austausch events and the names of the maintained Handlungsfelder: no
personal data.

Rules (repeated on the report's "Quellen und Erläuterungen" page, see :data:`NOTES`):

- A period runs from its first to its last day, both included (local time, Europe/Berlin).
- A Kommune belongs to the programme at the end of the period if it started by then
  (``programme_start``, else the day it was added to the platform) and had not left before
  the period began (``programme_end``). Demo Kommunen count only if there are no others.
- The step of a Kommune at the end of the period is the first step not completed by then
  (completed = status "abgeschlossen" with ``completed_on`` on or before the period's end;
  a completed step without date counts as completed).
- Measures: status as it is today (the platform keeps no status history), of the measures
  created by the end of the period; "neu" = created within the period.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwk.consulting.models import ConsultingRequest, DayBudget, DayLog
from zwk.exchange.models import Event, EventStatus, EventType, Registration, RegistrationStatus
from zwk.municipalities.models import Municipality, ProcessStep, Theme
from zwk.municipalities.process import STEPS
from zwk.municipalities.validators import LAENDER
from zwk.newsletter.models import Issue, Subscriber
from zwk.office.report_period import MAX_YEARS as MAX_YEARS
from zwk.office.report_period import Period
from zwk.office.report_period import default_period as default_period
from zwk.office.report_period import preset_period as preset_period
from zwk.office.report_period import presets as presets
from zwk.plans.models import Measure
from zwk.registration.selectors import municipalities_in_round
from zwk.workshops.models import Card, Participant, Sketch, Vote, Workshop

ZERO = Decimal("0")
ONE_PLACE = Decimal("0.1")
OWN_THEMES = gettext_lazy("Eigene Handlungsfelder der Kommunen (zusammengefasst)")
ALL_DONE = gettext_lazy("alle fünf Schritte abgeschlossen")


# --- Report data ----------------------------------------------------------------------------


@dataclass
class StepRow:
    kind: str
    title: str
    at_end: int  # Kommunen in this step at the end of the period
    completed: int  # steps of this kind completed within the period


@dataclass
class CountRow:
    key: str
    label: str
    count: int


@dataclass
class ThemeRow:
    name: str
    municipalities: int
    measures: int
    new_measures: int
    workshops: int


@dataclass
class StatusRow:
    key: str
    label: str
    total: int
    new: int = 0


@dataclass
class Participation:
    workshops: int = 0
    finished: int = 0
    municipalities: int = 0
    participants: int = 0
    age_rows: list[CountRow] = field(default_factory=list)
    without_age: int = 0
    cards: int = 0
    points: int = 0
    voters: int = 0
    sketches: int = 0

    @property
    def age_groups_reached(self) -> int:
        return sum(1 for r in self.age_rows if r.count)


@dataclass
class ConsultingYear:
    year: int
    budget: Decimal  # days budgeted for the whole year (all Kommunen with a budget)
    budget_in_period: Decimal  # pro rata for the days of the year inside the period
    used_in_period: Decimal
    used_in_year: Decimal
    with_budget: int  # Kommunen with a budget for the year


@dataclass
class Consulting:
    years: list[ConsultingYear] = field(default_factory=list)
    days_used: Decimal = ZERO
    municipalities: int = 0  # Kommunen with consulting days in the period
    requests: list[StatusRow] = field(default_factory=list)
    requests_new: int = 0
    requests_completed: int = 0

    @property
    def days_planned(self) -> Decimal:
        return sum((y.budget_in_period for y in self.years), ZERO)


@dataclass
class EventRow:
    title: str
    start: datetime
    type_label: str
    confirmed: int
    waiting: int


@dataclass
class Exchange:
    held: int = 0
    cancelled: int = 0
    confirmed: int = 0
    waiting: int = 0
    municipalities: int = 0
    by_type: list[CountRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)


@dataclass
class Newsletter:
    subscribers_at_end: int = 0
    confirmed_in_period: int = 0
    unsubscribed_in_period: int = 0
    issues_sent: int = 0


@dataclass
class ProgrammeReport:
    period: Period
    generated_at: datetime
    with_demo: bool = False
    municipalities: int = 0  # in the programme at the end of the period
    municipalities_new: int = 0
    steps: list[StepRow] = field(default_factory=list)
    all_done: int = 0
    by_land: list[CountRow] = field(default_factory=list)
    by_kind: list[CountRow] = field(default_factory=list)
    themes: list[ThemeRow] = field(default_factory=list)
    measures: list[StatusRow] = field(default_factory=list)
    budget_planned: Decimal = ZERO
    budget_actual: Decimal = ZERO
    participation: Participation = field(default_factory=Participation)
    consulting: Consulting = field(default_factory=Consulting)
    exchange: Exchange = field(default_factory=Exchange)
    newsletter: Newsletter = field(default_factory=Newsletter)

    @property
    def steps_completed(self) -> int:
        return sum(r.completed for r in self.steps)

    @property
    def measures_total(self) -> int:
        return sum(r.total for r in self.measures)

    @property
    def measures_new(self) -> int:
        return sum(r.new for r in self.measures)

    def summary(self) -> list[tuple[str, object]]:
        """The key figures of the first page (label, value)."""
        p, c, e, n = self.participation, self.consulting, self.exchange, self.newsletter
        return [
            (_("Kommunen im Programm am Ende des Zeitraums"), self.municipalities),
            (_("davon im Zeitraum neu aufgenommen"), self.municipalities_new),
            (_("Prozessschritte im Zeitraum abgeschlossen"), self.steps_completed),
            (_("Kommunen mit allen fünf Schritten abgeschlossen"), self.all_done),
            (_("Maßnahmen in den Werkstattplänen"), self.measures_total),
            (_("davon im Zeitraum neu"), self.measures_new),
            (_("Zukunftswerkstätten im Zeitraum"), p.workshops),
            (_("Teilnehmende der Zukunftswerkstätten"), p.participants),
            (_("erreichte Altersgruppen (von sechs)"), p.age_groups_reached),
            (_("Beratungstage genutzt"), c.days_used),
            (_("Beratungstage geplant (anteilig)"), c.days_planned),
            (_("Veranstaltungen des Austauschs"), e.held),
            (_("bestätigte Anmeldungen dazu"), e.confirmed),
            (_("Newsletter-Abonnements am Ende des Zeitraums"), n.subscribers_at_end),
        ]


NOTES = [
    gettext_lazy(
        "Zeitraum: vom ersten bis zum letzten Tag einschließlich, Ortszeit (Europe/Berlin)."
    ),
    gettext_lazy(
        "Kommunen im Programm: Programmbeginn (ersatzweise Aufnahme in die Plattform) spätestens "
        "am Ende des Zeitraums und Programmende nicht vor seinem Beginn. Demo-Kommunen zählen "
        "nur mit, wenn es keine anderen Kommunen gibt."
    ),
    gettext_lazy(
        "Schritt am Ende des Zeitraums: der erste der fünf Schritte, der bis dahin nicht "
        "abgeschlossen war (Status „abgeschlossen“ mit Abschlussdatum bis zum Ende des "
        "Zeitraums). Abgeschlossene Schritte: Abschlussdatum im Zeitraum."
    ),
    gettext_lazy(
        "Handlungsfelder: gepflegte Liste der Geschäftsstelle; eigene Handlungsfelder der "
        "Kommunen sind in einer Zeile zusammengefasst."
    ),
    gettext_lazy(
        "Maßnahmen: alle bis zum Ende des Zeitraums angelegten Maßnahmen mit ihrem heutigen "
        "Status (ein Statusverlauf wird nicht gespeichert); „neu“ = im Zeitraum angelegt."
    ),
    gettext_lazy(
        "Beteiligung: Zukunftswerkstätten mit Beginn im Zeitraum; Teilnehmende ohne gesperrte "
        "Personen; Karten ohne ausgeblendete; Punkte = vergebene Punkte der Punktabfrage."
    ),
    gettext_lazy(
        "Beratung: genutzte Tage = gebuchte Beratungstage mit Datum im Zeitraum; geplante Tage = "
        "Tagebudgets der Kalenderjahre, anteilig nach den Tagen des Jahres im Zeitraum. "
        "Anfragen: im Zeitraum gestellt, mit ihrem heutigen Status."
    ),
    gettext_lazy(
        "Austausch: veröffentlichte Veranstaltungen mit Beginn im Zeitraum; Anmeldungen nach "
        "ihrem heutigen Status. Abgesagte Veranstaltungen werden getrennt gezählt."
    ),
    gettext_lazy(
        "Newsletter: bestätigte Abonnements, die am Ende des Zeitraums nicht abgemeldet waren. "
        "Gelöschte Abonnements (Auskunfts- und Löschanfragen) fehlen auch rückwirkend."
    ),
    gettext_lazy("Der Bericht enthält nur Anzahlen und Summen, keine personenbezogenen Daten."),
]


def programme_scope(period: Period) -> tuple[QuerySet[Municipality], bool]:
    """The Kommunen in the programme at the end of ``period`` and whether they are demo data."""
    with_demo = not Municipality.objects.filter(is_demo=False).exists()
    started = Q(programme_start__lte=period.end) | Q(
        programme_start__isnull=True, created_at__lt=period.end_dt
    )
    not_left = Q(programme_end__isnull=True) | Q(programme_end__gte=period.start)
    qs = Municipality.objects.filter(started, not_left)
    if not with_demo:
        qs = qs.filter(is_demo=False)
    return qs, with_demo


def build(period: Period, funding_round: str = "") -> ProgrammeReport:
    """``funding_round``: a Förderrunde's pk or "ohne" – the Kommunen-based figures for those
    Kommunen only (events and newsletter stay programme-wide)."""
    report = ProgrammeReport(period=period, generated_at=timezone.localtime())
    scope, report.with_demo = programme_scope(period)
    if funding_round:
        scope = scope.filter(pk__in=municipalities_in_round(funding_round).values("pk"))
    ids = scope.values("pk")
    _municipalities(report, scope, period)
    _steps(report, scope, ids, period)
    workshops = Workshop.objects.filter(
        municipality__in=ids, starts_at__gte=period.start_dt, starts_at__lt=period.end_dt
    )
    _themes_and_measures(report, ids, workshops, period)
    _participation(report.participation, workshops)
    _consulting(report.consulting, ids, period)
    _exchange(report.exchange, period)
    _newsletter(report.newsletter, period)
    return report


def _municipalities(report: ProgrammeReport, scope, period: Period) -> None:
    """Totals, new Kommunen, per Land and per Art: one GROUP BY (Land, Art) in the database,
    at most 16 × 4 rows (11,000 Kommunen are never loaded into Python)."""
    # "new": began within the period – the programme start, else the day it was added
    # (local dates: ``start_dt``/``end_dt`` are local midnights)
    began = Q(programme_start__gte=period.start, programme_start__lte=period.end) | Q(
        programme_start__isnull=True, created_at__gte=period.start_dt, created_at__lt=period.end_dt
    )
    lands: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for land, kind, n, new in (
        scope.order_by()
        .values_list("land", "kind")
        .annotate(n=Count("pk"), new=Count("pk", filter=began))
    ):
        lands[land] = lands.get(land, 0) + n
        kinds[kind] = kinds.get(kind, 0) + n
        report.municipalities += n
        report.municipalities_new += new
    report.by_land = sorted(
        (CountRow(code, LAENDER.get(code, code), n) for code, n in lands.items()),
        key=lambda r: r.label,
    )
    report.by_kind = [
        CountRow(value, str(label), kinds.get(value, 0))
        for value, label in Municipality.Kind.choices
    ]


def _steps(report: ProgrammeReport, scope, ids, period: Period) -> None:
    """The step of every Kommune at the end of the period, counted in the database.

    One flag per step ("done by the end of the period"), grouped: at most 2⁵ groups come
    back however many Kommunen there are; the first step without the flag is the current
    one (a Kommune without step records is in step 1)."""
    done = ProcessStep.Status.DONE
    done_by_end = Q(status=done) & (Q(completed_on__isnull=True) | Q(completed_on__lte=period.end))
    flags = {
        f"done_{n}": Exists(
            ProcessStep.objects.filter(done_by_end, municipality=OuterRef("pk"), kind=s.kind)
        )
        for n, s in enumerate(STEPS)
    }
    groups = (
        scope.order_by()
        .annotate(**flags)
        .values(*flags)
        .annotate(n=Count("pk"))
        .values_list(*flags, "n")
    )
    at_end = {s.kind: 0 for s in STEPS}
    for *finished, n in groups:
        current = next((s.kind for s, f in zip(STEPS, finished, strict=True) if not f), None)
        if current is None:
            report.all_done += n
        else:
            at_end[current] += n
    completed = dict(
        ProcessStep.objects.filter(
            municipality__in=ids,
            status=done,
            completed_on__gte=period.start,
            completed_on__lte=period.end,
        )
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    report.steps = [
        StepRow(s.kind, str(s.title), at_end[s.kind], completed.get(s.kind, 0)) for s in STEPS
    ]


def _themes_and_measures(report: ProgrammeReport, ids, workshops, period: Period) -> None:
    measures = Measure.objects.filter(plan__municipality__in=ids, created_at__lt=period.end_dt)
    new = Q(created_at__gte=period.start_dt)
    by_status = {
        row["status"]: row
        for row in measures.values("status").annotate(
            total=Count("pk"), new=Count("pk", filter=new)
        )
    }
    report.measures = [
        StatusRow(
            value,
            str(label),
            by_status.get(value, {}).get("total", 0),
            by_status.get(value, {}).get("new", 0),
        )
        for value, label in Measure.Status.choices
    ]
    sums = measures.aggregate(planned=Sum("budget_planned"), actual=Sum("budget_actual"))
    report.budget_planned = sums["planned"] or ZERO
    report.budget_actual = sums["actual"] or ZERO

    kommunen = dict(
        Municipality.themes.through.objects.filter(municipality__in=ids)
        .values("theme_id")
        .annotate(n=Count("municipality_id", distinct=True))
        .values_list("theme_id", "n")
    )
    measure_counts = {
        row["theme_id"]: row
        for row in measures.exclude(theme=None)
        .values("theme_id")
        .annotate(total=Count("pk"), new=Count("pk", filter=new))
    }
    workshop_counts = dict(
        Workshop.themes.through.objects.filter(workshop__in=workshops)
        .values("theme_id")
        .annotate(n=Count("workshop_id", distinct=True))
        .values_list("theme_id", "n")
    )
    used = set(kommunen) | set(measure_counts) | set(workshop_counts)
    themes = Theme.objects.filter(Q(municipality__isnull=True) | Q(pk__in=used)).values_list(
        "pk", "name", "municipality_id"
    )
    rows: list[ThemeRow] = []
    own = ThemeRow(str(OWN_THEMES), 0, 0, 0, 0)
    for pk, name, owner in themes:
        m = measure_counts.get(pk, {})
        values = (
            kommunen.get(pk, 0),
            m.get("total", 0),
            m.get("new", 0),
            workshop_counts.get(pk, 0),
        )
        if owner is None:
            rows.append(ThemeRow(name, *values))
        else:
            own.municipalities += values[0]
            own.measures += values[1]
            own.new_measures += values[2]
            own.workshops += values[3]
    rows.sort(key=lambda r: (-r.municipalities, -r.measures, r.name))
    if own.municipalities or own.measures or own.workshops:
        rows.append(own)
    report.themes = rows


def _participation(p: Participation, workshops) -> None:
    figures = workshops.aggregate(
        n=Count("pk"),
        finished=Count("pk", filter=Q(finished_at__isnull=False)),
        municipalities=Count("municipality", distinct=True),
    )
    p.workshops, p.finished, p.municipalities = (
        figures["n"],
        figures["finished"],
        figures["municipalities"],
    )
    ages = dict(
        Participant.objects.filter(workshop__in=workshops, blocked_at__isnull=True)
        .values("age_group")
        .annotate(n=Count("pk"))
        .values_list("age_group", "n")
    )
    p.participants = sum(ages.values())
    p.without_age = ages.get("", 0)
    p.age_rows = [
        CountRow(value, str(label), ages.get(value, 0))
        for value, label in Participant.AgeGroup.choices
    ]
    p.cards = Card.objects.filter(workshop__in=workshops, hidden_at__isnull=True).count()
    votes = Vote.objects.filter(card__workshop__in=workshops).aggregate(
        points=Sum("points"), voters=Count("participant", distinct=True)
    )
    p.points, p.voters = votes["points"] or 0, votes["voters"]
    p.sketches = Sketch.objects.filter(workshop__in=workshops).count()


def _consulting(c: Consulting, ids, period: Period) -> None:
    """Budgets and used days per calendar year of the period: sums in the database, three
    queries for all years (not one row per Kommune and year in Python)."""
    in_period = Q(worked_on__gte=period.start, worked_on__lte=period.end)
    figures = DayLog.objects.filter(in_period, municipality__in=ids).aggregate(
        days=Sum("days"), municipalities=Count("municipality", distinct=True)
    )
    c.days_used = figures["days"] or ZERO
    c.municipalities = figures["municipalities"]
    years = range(period.start.year, period.end.year + 1)
    used = {
        row["worked_on__year"]: row
        for row in DayLog.objects.filter(municipality__in=ids, worked_on__year__in=years)
        .order_by()
        .values("worked_on__year")
        .annotate(in_year=Sum("days"), in_period=Sum("days", filter=in_period))
    }
    # one budget per Kommune and year (unique), so COUNT = Kommunen with a budget
    budgets = {
        row["year"]: row
        for row in DayBudget.objects.filter(municipality__in=ids, year__in=years)
        .order_by()
        .values("year")
        .annotate(days=Sum("days"), n=Count("pk"))
    }
    for year in years:
        budget = budgets.get(year, {}).get("days") or ZERO
        share = Decimal(period.overlap_days(year)) / Decimal(366 if calendar.isleap(year) else 365)
        c.years.append(
            ConsultingYear(
                year=year,
                budget=budget,
                budget_in_period=(budget * share).quantize(ONE_PLACE),
                used_in_period=used.get(year, {}).get("in_period") or ZERO,
                used_in_year=used.get(year, {}).get("in_year") or ZERO,
                with_budget=budgets.get(year, {}).get("n", 0),
            )
        )
    requests = ConsultingRequest.objects.filter(municipality__in=ids)
    created = dict(
        requests.filter(created_at__gte=period.start_dt, created_at__lt=period.end_dt)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    c.requests = [
        StatusRow(value, str(label), created.get(value, 0))
        for value, label in ConsultingRequest.Status.choices
    ]
    c.requests_new = sum(created.values())
    c.requests_completed = requests.filter(
        completed_at__gte=period.start_dt, completed_at__lt=period.end_dt
    ).count()


def _exchange(e: Exchange, period: Period) -> None:
    events = Event.objects.filter(start__gte=period.start_dt, start__lt=period.end_dt)
    e.cancelled = events.filter(status=EventStatus.CANCELLED).count()
    held = events.filter(status=EventStatus.PUBLISHED)
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    waiting = Q(registrations__status=RegistrationStatus.WAITING)
    rows = held.annotate(
        confirmed=Count("registrations", filter=confirmed),
        waiting=Count("registrations", filter=waiting),
    ).order_by("start", "pk")
    types = dict(EventType.choices)
    counts: dict[str, int] = {}
    for event in rows:
        counts[event.event_type] = counts.get(event.event_type, 0) + 1
        e.events.append(
            EventRow(
                event.title,
                timezone.localtime(event.start),
                str(types.get(event.event_type, event.event_type)),
                event.confirmed,
                event.waiting,
            )
        )
    e.held = len(e.events)
    e.confirmed = sum(r.confirmed for r in e.events)
    e.waiting = sum(r.waiting for r in e.events)
    e.municipalities = (
        Registration.objects.filter(event__in=held, status=RegistrationStatus.CONFIRMED)
        .exclude(municipality=None)
        .values("municipality")
        .distinct()
        .count()
    )
    e.by_type = [
        CountRow(value, str(label), counts.get(value, 0)) for value, label in EventType.choices
    ]


def _newsletter(n: Newsletter, period: Period) -> None:
    start, end = period.start_dt, period.end_dt
    figures = Subscriber.objects.aggregate(
        at_end=Count(
            "pk",
            filter=Q(confirmed_at__lt=end)
            & (Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gte=end)),
        ),
        confirmed=Count("pk", filter=Q(confirmed_at__gte=start, confirmed_at__lt=end)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__gte=start, unsubscribed_at__lt=end)),
    )
    n.subscribers_at_end = figures["at_end"]
    n.confirmed_in_period = figures["confirmed"]
    n.unsubscribed_in_period = figures["unsubscribed"]
    n.issues_sent = Issue.objects.filter(sent_at__gte=start, sent_at__lt=end).count()
