"""Which consultant fits a consulting request – a pure, explained ranking.

No database access: the caller builds a ``Need`` (from the request and its Kommune) and one
``Candidate`` per consultant; ``rank`` returns suggestions, best first, each with the German
reasons behind its score. Same input, same order: ties are broken by lower current load, then
name, then id.

What the Kommune asked for (Handlungsfeld, methods) weighs more than context (region, knowing
the Kommune, its other themes). Points (documented in docs/beratungspool.md):

===============================================  ======
Expertise in the request's Handlungsfeld             +30
each further Handlungsfeld of the Kommune          +5 (max. +15)
each wished method offered                        +15 (max. +30)
works in the Kommune's Land                          +15
speaks the requested language / does not            +10 / −30
available in the wished period / not                 +10 / −25
no running request / per running request        +5 / −5 each
already assigned to the Kommune                      +15
declined this request before                         −50
===============================================  ======
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

THEME = 30
OTHER_THEME, OTHER_THEME_MAX = 5, 15
METHOD, METHOD_MAX = 15, 30
REGION = 15
LANGUAGE, NO_LANGUAGE = 10, -30
AVAILABLE, UNAVAILABLE = 10, -25
IDLE, PER_RUNNING = 5, -5
KNOWS_MUNICIPALITY = 15
DECLINED_BEFORE = -50


@dataclass(frozen=True)
class Need:
    theme: str | None  # name of the request's Handlungsfeld
    municipality_themes: frozenset[str]
    methods: frozenset[str]  # method codes
    land: str  # Land code of the Kommune
    language: str
    wished_from: date | None
    wished_until: date | None
    today: date


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    themes: frozenset[str] = frozenset()
    methods: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    available_from: date | None = None
    available_until: date | None = None
    running: int = 0  # requests proposed to or accepted by this consultant, not completed
    knows_municipality: bool = False  # active ConsultantAssignment to the Kommune
    declined_before: bool = False


@dataclass(frozen=True)
class Reason:
    points: int
    text: str

    @property
    def is_pro(self) -> bool:
        return self.points > 0


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    score: int
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


def _names(codes: Iterable[str], labels: Mapping[str, str]) -> str:
    return ", ".join(sorted(str(labels.get(c, c)) for c in codes))


def _d(value: date) -> str:
    return date_format(value, "d.m.Y")


def _availability(need: Need, c: Candidate) -> Reason | None:
    start = need.wished_from or need.today
    end = need.wished_until or start
    if c.available_from is None and c.available_until is None:
        return None  # nothing said: neither for nor against
    if c.available_until is not None and c.available_until < start:
        return Reason(UNAVAILABLE, _("nur bis %(d)s verfügbar") % {"d": _d(c.available_until)})
    if c.available_from is not None and c.available_from > end:
        return Reason(UNAVAILABLE, _("erst ab %(d)s verfügbar") % {"d": _d(c.available_from)})
    return Reason(AVAILABLE, _("im gewünschten Zeitraum verfügbar"))


def explain(
    need: Need,
    c: Candidate,
    *,
    method_labels: Mapping[str, str],
    land_labels: Mapping[str, str],
    language_labels: Mapping[str, str],
) -> Suggestion:
    reasons: list[Reason] = []
    if need.theme and need.theme in c.themes:
        reasons.append(Reason(THEME, _("Expertise im Handlungsfeld „%(t)s“") % {"t": need.theme}))
    others = (need.municipality_themes - {need.theme}) & c.themes
    if others:
        reasons.append(
            Reason(
                min(OTHER_THEME * len(others), OTHER_THEME_MAX),
                _("kennt weitere Schwerpunkte der Kommune: %(t)s")
                % {"t": ", ".join(sorted(others))},
            )
        )
    methods = need.methods & c.methods
    if methods:
        reasons.append(
            Reason(
                min(METHOD * len(methods), METHOD_MAX),
                _("bietet die gewünschten Methoden: %(m)s") % {"m": _names(methods, method_labels)},
            )
        )
    if need.land in c.regions:
        reasons.append(
            Reason(
                REGION,
                _("arbeitet in %(land)s, dem Land der Kommune")
                % {"land": land_labels.get(need.land, need.land)},
            )
        )
    language = language_labels.get(need.language, need.language)
    if need.language in c.languages:
        reasons.append(Reason(LANGUAGE, _("Beratung auf %(l)s möglich") % {"l": language}))
    else:
        reasons.append(
            Reason(NO_LANGUAGE, _("keine Beratung auf %(l)s angegeben") % {"l": language})
        )
    availability = _availability(need, c)
    if availability:
        reasons.append(availability)
    if c.running == 0:
        reasons.append(Reason(IDLE, _("derzeit keine laufende Anfrage")))
    else:
        reasons.append(
            Reason(
                PER_RUNNING * c.running,
                _("betreut derzeit %(n)d laufende Anfrage(n)") % {"n": c.running},
            )
        )
    if c.knows_municipality:
        reasons.append(Reason(KNOWS_MUNICIPALITY, _("berät die Kommune bereits")))
    if c.declined_before:
        reasons.append(Reason(DECLINED_BEFORE, _("hat diese Anfrage bereits abgelehnt")))
    return Suggestion(c, sum(r.points for r in reasons), tuple(reasons))


def rank(
    need: Need,
    candidates: Iterable[Candidate],
    *,
    method_labels: Mapping[str, str] | None = None,
    land_labels: Mapping[str, str] | None = None,
    language_labels: Mapping[str, str] | None = None,
) -> list[Suggestion]:
    """All candidates, best fit first; ties: fewer running requests, then name, then id."""
    suggestions = [
        explain(
            need,
            c,
            method_labels=method_labels or {},
            land_labels=land_labels or {},
            language_labels=language_labels or {},
        )
        for c in candidates
    ]
    return sorted(
        suggestions,
        key=lambda s: (-s.score, s.candidate.running, s.candidate.name.casefold(), s.candidate.id),
    )
