"""Special values and German number format (demography.values)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from demography.values import ValueParseError, parse_cell, parse_cells, parse_number


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (".", "unknown_or_secret"),
        ("...", "not_yet_available"),
        ("x", "not_meaningful"),
        ("/", "uncertain"),
        ("1)", "footnote"),
        ("*", "footnote"),
        ("", "empty"),
    ],
)
def test_special_signs_are_missing_with_reason_never_zero(text: str, reason: str) -> None:
    cell = parse_cell(text)
    assert math.isnan(cell.value)
    assert cell.reason == reason


def test_dash_means_exactly_zero() -> None:
    assert parse_cell("-").value == 0.0
    assert parse_cell("-").reason is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12.0),
        ("-7", -7.0),
        ("12,5", 12.5),
        ("1.234", 1234.0),
        ("12.345.678", 12345678.0),
        ("1.234,5", 1234.5),
        (" 42 ", 42.0),
    ],
)
def test_german_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1.5", "12.34", "1,234.5", "abc", "1e5", "--3"])
def test_ambiguous_or_foreign_numbers_are_rejected(text: str) -> None:
    with pytest.raises(ValueParseError):
        parse_cell(text)


def test_quality_flags_keep_the_value() -> None:
    assert parse_cell("123p").value == 123.0
    assert parse_cell("123p").flag == "vorläufig"
    assert parse_cell("(45)").value == 45.0


def test_parse_cells_reports_positions_of_missing_and_bad_cells() -> None:
    parsed = parse_cells(["1", "-", ".", "2,5", "...", "-3"])
    assert parsed.values[[0, 1, 3, 5]].tolist() == [1.0, 0.0, 2.5, -3.0]
    assert [(i, r) for i, _, r in parsed.missing] == [
        (2, "unknown_or_secret"),
        (4, "not_yet_available"),
    ]
    with pytest.raises(ValueParseError) as info:
        parse_cells(["1", "2", "zwölf", "4"])
    assert info.value.index == 2


@given(st.lists(st.integers(-(10**9), 10**9), min_size=1, max_size=50), st.booleans())
def test_integers_round_trip_in_both_german_spellings(values: list[int], dots: bool) -> None:
    def german(v: int) -> str:
        return f"{v:,}".replace(",", ".") if dots else str(v)

    assert parse_cells([german(v) for v in values]).values.tolist() == [float(v) for v in values]
