"""Recognising the labels that official tables use for regions, sexes, dates and months."""

from __future__ import annotations

import re

from demography.agegroups import parse_age_label
from demography.regions import CODE_BY_NAME

SEX_LABELS = {
    "insgesamt": "total",
    "zusammen": "total",
    "männlich": "male",
    "maennlich": "male",
    "männer": "male",
    "weiblich": "female",
    "frauen": "female",
}

MONTHS = {
    name: i
    for i, name in enumerate(
        [
            "januar",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
        start=1,
    )
}

#: Länder and Deutschland by name as GENESIS writes them in column headers -> official code.
LAENDER = CODE_BY_NAME

DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
YEAR = re.compile(r"(1[89]|2[01])\d\d")
REGION_CODE = re.compile(r"DG|\d{2}|\d{3}|\d{5}|\d{8,12}")

DIMENSION_NAMES = {
    "bundesländer": "region",
    "kreise": "region",
    "kreise und krfr. städte": "region",
    "gemeinden": "region",
    "stichtag": "date",
    "altersgruppen": "age",
    "altersjahre": "age",
    "geschlecht": "sex",
    "monate": "month",
    "jahre": "year",
}


def iso_date(text: str) -> str | None:
    """``31.12.2020`` → ``2020-12-31``; ``None`` if ``text`` is not such a date."""
    m = DATE.fullmatch(text.strip())
    return f"{m.group(3)}-{m.group(2)}-{m.group(1)}" if m else None


def is_age_label(text: str) -> bool:
    try:
        parse_age_label(text)
    except ValueError:
        return False
    return True


def classify(values: set[str]) -> str | None:
    """Which dimension a set of labels describes, or ``None`` for free text."""
    vals = {v.strip() for v in values}
    vals.discard("")
    if not vals:
        return None
    low = {v.lower() for v in vals}
    if all(iso_date(v) for v in vals):
        return "date"
    if all(YEAR.fullmatch(v) for v in vals):
        return "year"
    if all(REGION_CODE.fullmatch(v) for v in vals):
        return "region"
    if low <= MONTHS.keys():
        return "month"
    if low <= SEX_LABELS.keys() and low != {"insgesamt"}:
        return "sex"
    if vals <= LAENDER.keys() and vals != {"Deutschland"}:
        return "region_name"
    if all(is_age_label(v) for v in vals) and low != {"insgesamt"}:
        return "age"
    return None
