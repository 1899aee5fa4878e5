"""Official region keys: levels, the one list of Länder, Bund as their sum, size classes."""

import numpy as np
import pytest

from demography.readers.labels import LAENDER as LABEL_CODES
from demography.regions import (
    BUND,
    CODE_BY_NAME,
    LAENDER,
    bund_from_laender,
    land_of,
    level_of_code,
    size_class,
)


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("DG", "bund"),
        ("09", "land"),
        ("091", "regbez"),
        ("09162", "kreis"),
        ("09162000", "gemeinde"),
        ("08335043/Q01", None),
        ("Q01", None),
        ("0916", None),
    ],
)
def test_level_of_code_follows_the_digits_of_the_ags(code, level):
    assert level_of_code(code) == level


def test_sixteen_laender_in_key_order_with_their_official_names():
    assert list(LAENDER) == [f"{i:02d}" for i in range(1, 17)]
    assert LAENDER["08"] == "Baden-Württemberg" and LAENDER["16"] == "Thüringen"


def test_genesis_header_names_resolve_through_the_same_table():
    assert CODE_BY_NAME["Bayern"] == "09"
    assert CODE_BY_NAME["Deutschland"] == BUND
    # the readers use this very table, not a copy of their own
    assert LABEL_CODES is CODE_BY_NAME


def test_land_of_a_gemeinde_kreis_and_land():
    assert land_of("08335043") == "08"
    assert land_of("08335") == "08"
    assert land_of("08") == "08"
    assert land_of(BUND) is None
    assert land_of("17") is None
    assert land_of("08335043/Q01") is None


def test_bund_is_the_sum_of_all_sixteen_laender_and_ignores_other_keys():
    totals = {code: float(i) for i, code in enumerate(LAENDER, start=1)}
    totals["09162"] = 1_500_000.0  # a Kreis must not count twice
    assert bund_from_laender(totals) == pytest.approx(136.0)
    ages = {code: np.full(101, 2.0) for code in LAENDER}
    assert np.array_equal(bund_from_laender(ages), np.full(101, 32.0))


def test_no_bund_from_fifteen_laender():
    totals = {code: 1.0 for code in LAENDER if code != "11"}
    assert bund_from_laender(totals) is None


@pytest.mark.parametrize(
    ("level", "population", "label_part"),
    [
        ("gemeinde", 4_999, "unter 5.000"),
        ("gemeinde", 5_000, "5.000 bis 20.000"),
        ("gemeinde", 100_000, "ab 100.000"),
        ("kreis", 149_999, "unter 150.000"),
        ("kreis", 250_000, "ab 250.000"),
    ],
)
def test_size_class_bounds(level, population, label_part):
    assert label_part in size_class(level, population)[2]


def test_no_size_class_for_land_or_unknown_population():
    assert size_class("land", 11_000_000) is None
    assert size_class("gemeinde", None) is None
