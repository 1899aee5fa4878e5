"""Measure effects in the Werkstattplan PDF and in plan versions (issue 20).

Stock 31.12.2022: 10 persons per sex at every age 0–99 (as in test_effects.py). A
Neubaugebiet of 20 dwellings a year 2023–2027 with 2.2 persons each, half from outside, brings
20 · 2.2 · 0.5 = 22 persons a year.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.zwk.plans.factories import make_measure
from tests.zwk.plans.test_effects import stock  # noqa: F401  (fixture)
from tests.zwk.plans.test_reports import pdf_pages
from zwk.plans import effect_pages, effect_services, effects, reports, services
from zwk.plans.models import MeasureEffect

K = MeasureEffect.Kind
HOUSING_SENTENCE = (
    "Neubaugebiet: ab 2023 5 Jahre lang je 20 neue Wohnungen; bei 2,2 Personen je Wohnung und "
    "50 % Zuzug von außerhalb etwa 22 Einwohnerinnen und Einwohner mehr je Jahr "
    "(vor allem junge Familien)."
)


def _add(measure, by, **data):
    values = {"start_year": 2023, "years": 1, "profile": MeasureEffect.Profile.FAMILIES, **data}
    return effect_services.effect_add(measure=measure, by=by, data=values)


@pytest.fixture
def plan_with_effects(municipality, stock, coordinator):  # noqa: F811
    housing = make_measure(municipality, coordinator, title="Neubaugebiet Am Sonnenhang")
    _add(
        housing, coordinator, kind=K.HOUSING, amount=Decimal(20), years=5, occupancy=Decimal("2.2")
    )
    krippe = make_measure(municipality, coordinator, title="Krippe am Markt")
    _add(
        krippe,
        coordinator,
        kind=K.PLACES,
        amount=Decimal(24),
        start_year=2025,
        facility=MeasureEffect.Facility.KITA_U3,
        existing_places=80,
    )
    return services.plan_for(municipality)


def _flat(text: str) -> str:
    """Page text with line-end hyphenation undone and spaces normalised."""
    text = re.sub(r"(\w)[\u00ad\u2010-]\s+(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).replace(" : ", ": ")  # a bold label is a box of its own


def _de(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def test_each_kind_reads_as_plain_german():
    def effect(**data):
        return MeasureEffect(**{"start_year": 2027, "years": 1, **data})

    assert (
        effects.describe(
            effect(kind=K.HOUSING, amount=Decimal(20), years=5, occupancy=Decimal("2.2"))
        ).replace("2027", "2023")
        == HOUSING_SENTENCE
    )
    fewer = effect(
        kind=K.MIGRATION,
        amount=Decimal(10),
        is_percent=True,
        age_from=18,
        age_to=24,
        base_outflow=Decimal(50),
        years=3,
    )
    assert effects.describe(fewer) == (
        "Ab 2027 3 Jahre lang 10 % weniger Fortzüge der 18- bis 24-Jährigen "
        "(bei heute 50 Fortzügen je Jahr)."
    )
    back = effect(kind=K.MIGRATION, amount=Decimal(15), age_from=25, age_to=34)
    assert effects.describe(back) == (
        "Ab 2027 ein Jahr lang je Jahr 15 Personen im Alter von 25 bis 34 Jahren mehr."
    )
    # 10 flats · 1.3 · 20 % = 2.6 from outside; 8 freed dwellings · 2.2 · 0.5 = 8.8
    senior = effects.describe(effect(kind=K.SENIOR, amount=Decimal(10)))
    assert "zusammen etwa 11,4 Einwohnerinnen und Einwohner mehr je Jahr" in senior
    places = effects.describe(
        effect(
            kind=K.PLACES,
            amount=Decimal(24),
            facility=MeasureEffect.Facility.KITA_U3,
            existing_places=80,
        )
    )
    assert places == (
        "Ab 2027 24 neue Krippenplätze (heute 80). Das ändert das Angebot, nicht die Einwohnerzahl."
    )


def test_pdf_lists_each_effect_and_the_with_without_table(municipality, plan_with_effects):
    summary = effect_pages.plan_summary(plan_with_effects)
    assert summary["years"] == [2032, 2042]
    population = summary["rows"][0]
    without, with_plan = population["values"][0]
    # 5 · 22 = 110 movers by 2027 (plus a few children born to them, minus few deaths)
    assert 110 <= with_plan - without <= 125
    text = _flat(" ".join(pdf_pages(reports.build(municipality, plan_with_effects, date.today()))))
    assert "Demografische Wirkungen der Maßnahmen" in text
    assert f"Neubaugebiet Am Sonnenhang: {HOUSING_SENTENCE}" in text
    assert "Krippe am Markt: Ab 2025 24 neue Krippenplätze (heute 80)." in text
    assert "2032 ohne Plan" in text and "2042 mit Plan" in text
    assert f"Einwohnerinnen und Einwohner {_de(without)} {_de(with_plan)}" in text
    # supply against demand 10 years on, in a sentence
    assert summary["supply"] and summary["supply"][0].startswith("2032 ")
    assert summary["supply"][0] in text


def test_pdf_download_carries_the_effects(municipality, plan_with_effects, member, client_for):
    response = client_for(member).get(
        reverse("plans:report_pdf", kwargs={"slug": municipality.slug})
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_pdf_without_effects_has_no_section(municipality, stock, coordinator):  # noqa: F811
    make_measure(municipality, coordinator, title="Dorfladen")
    plan = services.plan_for(municipality)
    assert effect_pages.plan_summary(plan) is None
    text = " ".join(pdf_pages(reports.build(municipality, plan, date.today())))
    assert "Demografische Wirkungen" not in text


def _approve(plan, by):
    plan = services.plan_set_status(plan=plan, by=by, status="review")
    return services.plan_set_status(plan=plan, by=by, status="approved")


def test_a_version_keeps_the_effects_as_they_were(
    municipality, plan_with_effects, coordinator, client_for
):
    plan = _approve(plan_with_effects, coordinator)
    first = plan.versions.get(number=1)
    stored = first.snapshot["effects"]
    assert [e["measure"] for e in stored["effects"]] == [
        "Krippe am Markt",
        "Neubaugebiet Am Sonnenhang",
    ]
    assert stored["effects"][1]["text"] == HOUSING_SENTENCE
    # the plan changes: the Neubaugebiet grows to 50 dwellings a year
    services.plan_set_status(plan=plan, by=coordinator, status="draft")
    MeasureEffect.objects.filter(kind=K.HOUSING).delete()
    housing = plan.measures.get(title="Neubaugebiet Am Sonnenhang")
    _add(housing, coordinator, kind=K.HOUSING, amount=Decimal(50), years=5)
    first.refresh_from_db()
    assert first.snapshot["effects"] == stored  # the stored version is untouched
    page = client_for(coordinator).get(
        reverse("plans:version", kwargs={"slug": municipality.slug, "number": 1})
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Demografische Wirkungen der Maßnahmen" in html
    assert "je 20 neue Wohnungen" in html and "je 50 neue Wohnungen" not in html
    second = _approve(plan, coordinator).versions.get(number=2)
    assert "je 50 neue Wohnungen" in second.snapshot["effects"]["effects"][1]["text"]
    population = second.snapshot["effects"]["rows"][0]["values"][0]
    assert (
        population[1] - population[0]
        > stored["rows"][0]["values"][0][1] - (stored["rows"][0]["values"][0][0])
    )
