"""The traffic-light rule of the Zwischenbilanz (``plans/review/traffic_light.py``)."""

from datetime import date

import pytest

from zwk.plans.review.traffic_light import Light, Reason, assess, expected_value

START, DUE = date(2025, 1, 1), date(2027, 1, 1)  # 730 days
HALF = date(2026, 1, 1)  # 365 days: exactly half-way


def _assess(value, *, baseline=100.0, target=120.0, on=HALF, **kw):
    return assess(
        baseline=baseline,
        baseline_date=kw.get("baseline_date", START),
        target=target,
        due=kw.get("due", DUE),
        value=value,
        on=on,
    )


def test_expected_value_follows_the_straight_line_and_is_clamped():
    line = {"baseline": 100.0, "baseline_date": START, "target": 120.0, "due": DUE}
    assert expected_value(**line, on=HALF) == pytest.approx(110.0)
    assert expected_value(**line, on=date(2024, 6, 1)) == 100.0  # before the baseline
    assert expected_value(**line, on=date(2030, 1, 1)) == 120.0  # after the due date


def test_value_on_the_line_is_green():
    result = _assess(110.0)
    assert (result.light, result.reason) == (Light.GREEN, Reason.ON_TRACK)
    assert result.change == pytest.approx(10.0)
    assert result.distance == pytest.approx(10.0)
    assert result.progress == pytest.approx(0.5)


def test_lagging_exactly_ten_percent_of_the_planned_change_is_still_green():
    # planned change 20 → 10 % = 2; expected 110, measured 108
    assert _assess(108.0).light == Light.GREEN


def test_lagging_more_than_ten_percent_with_some_progress_is_yellow():
    result = _assess(107.9)
    assert (result.light, result.reason) == (Light.YELLOW, Reason.BEHIND)


def test_no_progress_or_wrong_direction_is_red():
    assert _assess(100.0).light == Light.RED
    result = _assess(95.0)
    assert (result.light, result.reason) == (Light.RED, Reason.NO_PROGRESS)
    assert result.progress == pytest.approx(-0.25)


def test_no_progress_right_after_the_baseline_is_still_green():
    # After 30 days the line expects only ~0.8 of 20 – within the tolerance.
    assert _assess(100.0, on=date(2025, 1, 31)).light == Light.GREEN


def test_target_reached_early_is_green_with_zero_distance():
    result = _assess(125.0, on=date(2025, 3, 1))
    assert (result.light, result.reason) == (Light.GREEN, Reason.REACHED)
    assert result.distance == 0.0
    assert result.progress == pytest.approx(1.25)


def test_after_the_due_date_the_target_itself_is_expected():
    assert _assess(117.0, on=date(2027, 6, 1)).light == Light.YELLOW
    assert _assess(118.0, on=date(2027, 6, 1)).light == Light.GREEN


def test_falling_target_lower_is_better():
    """ "Abwanderung senken": 200 Fortzüge → 150; half-way the line expects 175."""
    falling = {"baseline": 200.0, "target": 150.0}
    assert _assess(175.0, **falling).light == Light.GREEN
    assert _assess(180.0, **falling).light == Light.GREEN  # 5 behind = 10 % of 50
    assert _assess(181.0, **falling).light == Light.YELLOW
    assert _assess(210.0, **falling).light == Light.RED  # rising is the wrong way
    reached = _assess(140.0, **falling)
    assert (reached.light, reached.reason, reached.distance) == (Light.GREEN, Reason.REACHED, 0.0)


def test_negative_values_keep_their_direction():
    """Wanderungssaldo −40 → −10 (less negative is better)."""
    saldo = {"baseline": -40.0, "target": -10.0}
    assert _assess(-25.0, **saldo).light == Light.GREEN
    assert _assess(-35.0, **saldo).light == Light.YELLOW
    assert _assess(-45.0, **saldo).light == Light.RED
    assert _assess(-5.0, **saldo).reason == Reason.REACHED


def test_hold_target_is_green_within_ten_percent_of_the_baseline():
    hold = {"baseline": 5000.0, "target": 5000.0}
    assert (_assess(4600.0, **hold).light, _assess(4600.0, **hold).reason) == (
        Light.GREEN,
        Reason.HELD,
    )
    assert _assess(4400.0, **hold).reason == Reason.NOT_HELD
    assert _assess(0.0, baseline=0.0, target=0.0).light == Light.GREEN


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"baseline": None}, Reason.NO_BASELINE),
        ({"baseline_date": None}, Reason.NO_BASELINE),
        ({"target": None}, Reason.NO_TARGET),
        ({"due": None}, Reason.NO_DUE_DATE),
        ({"value": None}, Reason.NO_VALUE),
    ],
)
def test_missing_figures_give_grey(kwargs, reason):
    args = {
        "baseline": 100.0,
        "baseline_date": START,
        "target": 120.0,
        "due": DUE,
        "value": 110.0,
        "on": HALF,
        **kwargs,
    }
    result = assess(**args)
    assert (result.light, result.reason) == (Light.GREY, reason)


def test_due_date_not_after_the_baseline_expects_the_target_at_once():
    assert _assess(110.0, due=START).light == Light.YELLOW
