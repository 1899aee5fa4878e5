"""Recommendations inside the five steps, with fixed Kommune profiles."""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, UserFactory, membership
from zwk.municipalities.models import Theme
from zwk.profiles.selectors import IndicatorRow
from zwk.toolbox import selectors, services

pytestmark = pytest.mark.usefixtures("clean_toolbox")


def theme(slug):
    return Theme.objects.get(slug=slug, municipality__isnull=True)


@pytest.fixture
def toolbox(make_entry):
    return {
        "swot": make_entry("SWOT", phases=["profile"], municipality_kinds=["gemeinde"]),
        "laden": make_entry(
            "Dorfladen", phases=["plan"], themes=[theme("nahversorgung")], sizes=["small"]
        ),
        "jugend": make_entry(
            "Jugendforum",
            phases=["plan"],
            target_groups=["youth"],
            themes=[theme("kinder-jugend-familie")],
        ),
        "werkstatt": make_entry("Zukunftswerkstatt", phases=["workshop"]),
        "off": make_entry("Anderes", phases=["review"]),
    }


def test_entries_fit_the_step_and_the_themes(toolbox, municipality):
    municipality.themes.set([theme("nahversorgung")])
    recs = selectors.recommend(municipality, "plan")
    titles = [e.title for e, _r in recs]
    assert titles[0] == "Dorfladen"
    assert "Nahversorgung" in recs[0][1]
    assert "Anderes" not in titles and "Zukunftswerkstatt" not in titles


def test_kommune_type_is_a_reason(toolbox, municipality):
    recs = selectors.recommend(municipality, "profile")
    assert recs[0][0].title == "SWOT"
    assert "Gemeinde" in recs[0][1]


def test_indicator_problems_raise_matching_entries(toolbox, municipality, monkeypatch):
    rows = [
        IndicatorRow("share_under_18", "Anteil unter 18-Jährige", "%", "", 2024, 12.0, land=17.0)
    ]
    monkeypatch.setattr("zwk.profiles.selectors.indicator_comparison", lambda m: rows)
    recs = selectors.recommend(municipality, "plan")
    assert recs[0][0].title == "Jugendforum"
    assert "Kommunalprofil" in recs[0][1]


def test_what_related_kommunen_found_helpful(toolbox, municipality):
    for _n in range(2):
        peer = MunicipalityFactory(kind=municipality.kind)
        user = UserFactory()
        membership(user, peer)
        services.rating_set(
            entry=toolbox["jugend"], user=user, municipality=peer, stars=5, helpful=True
        )
    recs = selectors.recommend(municipality, "plan")
    assert recs[0][0].title == "Jugendforum"
    assert "2 ähnliche Kommunen fanden es hilfreich" in recs[0][1]


def test_limit_and_unknown_step(toolbox, municipality):
    assert len(selectors.recommend(municipality, "plan", limit=1)) == 1
    assert selectors.recommend(municipality, "unbekannt") == []


STEP_TEMPLATE = (
    Path(__file__).parents[3] / "src/zwk/municipalities/templates/municipalities/step.html"
)


@pytest.mark.skipif(
    "recommended_tools" not in STEP_TEMPLATE.read_text(encoding="utf-8"),
    reason="the shared step template does not load the toolbox tag yet",
)
def test_step_page_shows_recommendations(toolbox, municipality, member, client_for):
    municipality.themes.set([theme("nahversorgung")])
    url = reverse(
        "municipalities:step", kwargs={"slug": municipality.slug, "step": "werkstattplan"}
    )
    html = client_for(member).get(url).content.decode()
    assert "Empfohlene Werkzeuge" in html and "Dorfladen" in html
    assert "Passt zu Ihrem Handlungsfeld „Nahversorgung“" in html


def test_swot_weakness_raises_entries_of_its_theme(toolbox, municipality):
    from zwk.situation.models import SwotItem

    SwotItem.objects.create(
        municipality=municipality,
        category=SwotItem.Category.WEAKNESS,
        text="Die Nahversorgung im Ortskern ist weggebrochen",
    )
    recs = selectors.recommend(municipality, "plan")
    assert recs[0][0].title == "Dorfladen"
    assert "SWOT" in recs[0][1] and "Nahversorgung im Ortskern" in recs[0][1]


def test_strengths_do_not_count_as_problems(toolbox, municipality):
    from zwk.situation.models import SwotItem

    SwotItem.objects.create(
        municipality=municipality, category=SwotItem.Category.STRENGTH, text="Gute Nahversorgung"
    )
    assert all("SWOT" not in reason for _e, reason in selectors.recommend(municipality, "plan"))


def test_demographic_type_matches_entry_labels(toolbox, municipality, make_entry, monkeypatch):
    from zwk.profiles.selectors import DemographicTypeInfo

    make_entry("Wohnen im Alter gestalten", phases=["plan"], demography_types=["alternd"])
    monkeypatch.setattr(
        selectors,
        "demographic_type",
        lambda m: DemographicTypeInfo(
            "Stark alternde, kinderarme Kommunen", frozenset({"alternd"})
        ),
    )
    recs = selectors.recommend(municipality, "plan")
    rec = next(r for e, r in recs if e.title == "Wohnen im Alter gestalten")
    assert "Demografietyp „Stark alternde, kinderarme Kommunen“" in rec
