"""Dates and numbers per language on the participant paths (issue 18).

German and Leichte Sprache keep the day first (Leichte Sprache with the month as a word),
English is day-first too (no 12/07/2026 that reads as 12 July), Arabic uses Django's
right-to-left marks around the slashes; digits stay Western everywhere (docs/uebersetzungen.md).
"""

import datetime

import pytest
from django.utils import formats, translation

from tests.zwk.participation.factories import make_project

DAY = datetime.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "07.12.2026"),
        ("de-ls", "7. Dezember 2026"),
        ("en", "7 Dec 2026"),
        ("tr", "07 Ara 2026"),
        ("ar", "07\u200f/12\u200f/2026"),
        ("uk", "07.12.2026"),
        ("ru", "07.12.2026"),
    ],
)
def test_short_dates_follow_the_language(language, expected):
    with translation.override(language):
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "2,5"), ("de-ls", "2,5"), ("en", "2.5"), ("uk", "2,5")]
)
def test_decimal_numbers_follow_the_language(language, expected):
    with translation.override(language):
        assert formats.localize(2.5) == expected


@pytest.mark.django_db
def test_project_page_shows_the_schedule_in_the_chosen_language(client, municipality, coordinator):
    project = make_project(municipality, by=coordinator)
    phase = project.phases.get()
    german = client.get(project.get_absolute_url() + "?sprache=de").content.decode()
    assert phase.starts_on.strftime("%d.%m.%Y") in german
    english = client.get(project.get_absolute_url() + "?sprache=en").content.decode()
    assert f"{phase.starts_on.day} {phase.starts_on:%b} {phase.starts_on.year}" in english
    assert phase.starts_on.strftime("%d.%m.%Y") not in english
    plain = client.get(project.get_absolute_url() + "?sprache=leicht").content.decode()
    with translation.override("de"):
        month = formats.date_format(phase.starts_on, "F")
    assert f"{phase.starts_on.day}. {month} {phase.starts_on.year}" in plain
