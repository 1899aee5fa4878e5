"""Report periods of the funder report: a span of whole days and the presets the form offers
(this year and the previous one, each as year, halves and quarters)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

MAX_YEARS = 10  # longest period the form accepts


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included

    @property
    def start_dt(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_dt(self) -> datetime:
        """First moment after the period (exclusive upper bound for datetimes)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def dates(self) -> str:
        return f"{date_format(self.start, 'd.m.Y')} – {date_format(self.end, 'd.m.Y')}"

    @property
    def name(self) -> str:
        """ "Kalenderjahr 2026", "1. Halbjahr 2026", "3. Quartal 2026" or the two dates."""
        for _key, label, period in _presets_of(self.start.year):
            if period == self:
                return label
        return self.dates

    @property
    def label(self) -> str:
        name = self.name
        return name if name == self.dates else f"{name} ({self.dates})"

    @property
    def slug(self) -> str:
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"

    def overlap_days(self, year: int) -> int:
        first, last = max(self.start, date(year, 1, 1)), min(self.end, date(year, 12, 31))
        return max((last - first).days + 1, 0)


def _presets_of(year: int) -> list[tuple[str, str, Period]]:
    out = [
        (
            str(year),
            _("Kalenderjahr %(y)d") % {"y": year},
            Period(date(year, 1, 1), date(year, 12, 31)),
        )
    ]
    for half in (1, 2):
        first_month = 1 if half == 1 else 7
        last_month = first_month + 5
        out.append(
            (
                f"{year}-h{half}",
                _("%(n)d. Halbjahr %(y)d") % {"n": half, "y": year},
                Period(
                    date(year, first_month, 1),
                    date(year, last_month, calendar.monthrange(year, last_month)[1]),
                ),
            )
        )
    for quarter in (1, 2, 3, 4):
        first_month = 3 * quarter - 2
        last_month = first_month + 2
        out.append(
            (
                f"{year}-q{quarter}",
                _("%(n)d. Quartal %(y)d") % {"n": quarter, "y": year},
                Period(
                    date(year, first_month, 1),
                    date(year, last_month, calendar.monthrange(year, last_month)[1]),
                ),
            )
        )
    return out


def presets(today: date | None = None) -> list[tuple[str, str, Period]]:
    """Choices for the form: this year and the previous one, each as year, halves, quarters."""
    today = today or timezone.localdate()
    return _presets_of(today.year) + _presets_of(today.year - 1)


def preset_period(key: str, today: date | None = None) -> Period | None:
    return next((p for k, _label, p in presets(today) if k == key), None)


def default_period(today: date | None = None) -> Period:
    """The current calendar year."""
    today = today or timezone.localdate()
    return Period(date(today.year, 1, 1), date(today.year, 12, 31))
