"""The traffic light of the Zwischenbilanz: is an indicator on track? Pure, no Django.

Rule (shown on the review page): between the baseline (value and date) and the target (value
and due date) the plan expects a straight line. At the review date the expected value is the
point on that line (before the baseline date: the baseline; after the due date: the target).

- green  – on track: the measured value lags the expected value by at most 10 % of the planned
  change (|target − baseline|), or the target is already reached ("reached early" counts too);
- yellow – behind: more than 10 % behind the line, but better than the baseline;
- red    – no progress: at or behind the baseline (or moving the wrong way) although the line
  expects more than 10 % of the planned change by now;
- grey   – cannot be judged: no baseline, no target, no due date or no measured value.

The direction comes from baseline vs. target: a target below the baseline ("Abwanderung
senken") means lower is better. A target equal to the baseline means "hold the value": green
while the value stays within 10 % of the baseline (exactly equal when the baseline is 0), else
red.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

TOLERANCE = 0.10  # share of the planned change the value may lag the linear path
EPSILON = 1e-9  # relative slack so that "exactly 10 %" is not lost to floating point


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


class Reason(StrEnum):
    ON_TRACK = "on_track"
    REACHED = "reached"  # target reached (possibly early)
    BEHIND = "behind"
    NO_PROGRESS = "no_progress"
    HELD = "held"  # hold target kept
    NOT_HELD = "not_held"
    NO_BASELINE = "no_baseline"
    NO_TARGET = "no_target"
    NO_DUE_DATE = "no_due_date"
    NO_VALUE = "no_value"


@dataclass(frozen=True)
class Assessment:
    """The light with the figures behind it (None where they cannot be computed).

    ``expected`` is the value on the linear path at the review date, ``change`` the measured
    change since the baseline, ``distance`` what is still missing to the target (signed in
    the direction of improvement: 0 when reached), ``progress`` the share of the planned
    change achieved (1.0 = target reached; may exceed 1 or be negative).
    """

    light: Light
    reason: Reason
    expected: float | None = None
    change: float | None = None
    distance: float | None = None
    progress: float | None = None


def expected_value(
    *, baseline: float, baseline_date: date, target: float, due: date, on: date
) -> float:
    """The value on the straight line from (baseline_date, baseline) to (due, target) on ``on``."""
    total_days = (due - baseline_date).days
    if total_days <= 0 or on >= due:
        return target
    if on <= baseline_date:
        return baseline
    return baseline + (target - baseline) * ((on - baseline_date).days / total_days)


def assess(
    *,
    baseline: float | None,
    baseline_date: date | None,
    target: float | None,
    due: date | None,
    value: float | None,
    on: date,
    tolerance: float = TOLERANCE,
) -> Assessment:
    """Judge ``value`` (the latest measurement up to ``on``) against the linear path."""
    if baseline is None or baseline_date is None:
        return Assessment(Light.GREY, Reason.NO_BASELINE)
    if target is None:
        return Assessment(Light.GREY, Reason.NO_TARGET)
    if due is None:
        return Assessment(Light.GREY, Reason.NO_DUE_DATE)
    baseline, target = float(baseline), float(target)
    expected = expected_value(
        baseline=baseline, baseline_date=baseline_date, target=target, due=due, on=on
    )
    if value is None:
        return Assessment(Light.GREY, Reason.NO_VALUE, expected=expected)
    value = float(value)
    change = value - baseline
    planned = target - baseline
    if planned == 0:
        allowed = abs(baseline) * tolerance
        held = abs(change) <= allowed
        return Assessment(
            Light.GREEN if held else Light.RED,
            Reason.HELD if held else Reason.NOT_HELD,
            expected=expected,
            change=change,
            distance=0.0 if held else abs(change),
            progress=None,
        )
    direction = 1.0 if planned > 0 else -1.0
    progress = change / planned
    distance = max(0.0, (target - value) * direction)
    lag = (expected - value) * direction  # > 0: behind the line
    figures = {"expected": expected, "change": change, "distance": distance, "progress": progress}
    if distance == 0.0:
        return Assessment(Light.GREEN, Reason.REACHED, **figures)
    if lag <= abs(planned) * tolerance + EPSILON * abs(planned):
        return Assessment(Light.GREEN, Reason.ON_TRACK, **figures)
    if change * direction > 0:
        return Assessment(Light.YELLOW, Reason.BEHIND, **figures)
    return Assessment(Light.RED, Reason.NO_PROGRESS, **figures)
