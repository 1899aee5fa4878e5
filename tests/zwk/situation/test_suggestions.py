"""The SWOT suggestion rules: each fires at its threshold, not just before it, and never on
missing values. Rows are made by hand – the rules are a pure function of them."""

import pytest

from demography.indicators import REGISTRY
from zwk.profiles.selectors import IndicatorRow
from zwk.situation.suggestions import RULES, suggest


def row(key, value, *, land=None, trend=None, year=2024):
    indicator = REGISTRY.get(key)
    return IndicatorRow(
        key=key,
        name=indicator.name_de if indicator else key,
        unit=indicator.unit if indicator else "",
        definition=indicator.definition_de if indicator else "",
        year=year,
        value=value,
        trend=trend,
        land=land,
    )


def keys(rows):
    return {s.key for s in suggest(rows)}


# (rule key, row that just fires, row that just does not fire)
EDGES = [
    (
        "altenquotient-hoch",
        row("old_age_dependency_ratio", 44.0, land=40.0),  # exactly +10 %
        row("old_age_dependency_ratio", 43.9, land=40.0),
    ),
    (
        "altenquotient-niedrig",
        row("old_age_dependency_ratio", 36.0, land=40.0),  # exactly −10 %
        row("old_age_dependency_ratio", 36.1, land=40.0),
    ),
    (
        "jugendquotient-hoch",
        row("youth_dependency_ratio", 31.5, land=30.0),  # exactly +5 %
        row("youth_dependency_ratio", 31.4, land=30.0),
    ),
    (
        "jugendquotient-niedrig",
        row("youth_dependency_ratio", 27.0, land=30.0),
        row("youth_dependency_ratio", 27.1, land=30.0),
    ),
    (
        "familienwanderung-positiv",
        row("family_migration_per_1000", 0.1),
        row("family_migration_per_1000", 0.0),
    ),
    (
        "familienwanderung-negativ",
        row("family_migration_per_1000", -0.1),
        row("family_migration_per_1000", 0.0),
    ),
    (
        "bevoelkerung-schrumpft",
        row("population_change_5y", -3.1),
        row("population_change_5y", -3.0),  # "more than 3 %" – exactly 3 % does not fire
    ),
    (
        "bevoelkerung-waechst",
        row("population_change_5y", 3.1),
        row("population_change_5y", 3.0),
    ),
    (
        "hochaltrige-pflegebedarf",
        row("oldest_old_share", 27.5, land=25.0),
        row("oldest_old_share", 27.4, land=25.0),
    ),
    (
        "hochaltrige-seniorenwirtschaft",
        row("oldest_old_share", 27.5, land=25.0),
        row("oldest_old_share", 27.4, land=25.0),
    ),
    (
        "medianalter-ueber-land",
        row("median_age", 50.0, land=47.0),
        row("median_age", 49.9, land=47.0),
    ),
    (
        "medianalter-steigt-schnell",
        row("median_age", 47.0, trend=0.5),
        row("median_age", 47.0, trend=0.4),
    ),
    (
        "bildungswanderung-abfluss",
        row("education_migration_per_1000", -20.0),
        row("education_migration_per_1000", -19.9),
    ),
    (
        "berufseinstieg-zuzug",
        row("career_start_migration_per_1000", 0.1),
        row("career_start_migration_per_1000", 0.0),
    ),
    (
        "alterswanderung-zuzug",
        row("old_age_migration_per_1000", 5.0),
        row("old_age_migration_per_1000", 4.9),
    ),
    (
        "sterbeueberschuss",
        row("natural_balance_per_1000", -5.0),
        row("natural_balance_per_1000", -4.9),
    ),
]


def test_there_are_at_least_eight_rules_and_every_rule_has_edge_cases():
    assert len(RULES) >= 8
    assert {r.key for r in RULES} == {key for key, _fires, _quiet in EDGES}


def test_every_rule_uses_a_real_indicator_of_the_engine():
    for rule in RULES:
        assert any(rule.indicator in key for key in REGISTRY), rule.key


@pytest.mark.parametrize(("key", "fires", "quiet"), EDGES, ids=[e[0] for e in EDGES])
def test_rule_fires_at_its_threshold(key, fires, quiet):
    assert key in keys([fires])
    assert key not in keys([quiet])


@pytest.mark.parametrize(("key", "fires", "quiet"), EDGES, ids=[e[0] for e in EDGES])
def test_rule_is_silent_without_a_value(key, fires, quiet):
    missing = IndicatorRow(**{**fires.__dict__, "value": None})
    assert key not in keys([missing])


@pytest.mark.parametrize(
    "key", [r.key for r in RULES if r.needs_land], ids=[r.key for r in RULES if r.needs_land]
)
def test_comparison_with_the_land_needs_the_land(key):
    fires = next(f for k, f, _q in EDGES if k == key)
    assert key not in keys([IndicatorRow(**{**fires.__dict__, "land": None})])


def test_rapid_ageing_needs_a_trend():
    assert "medianalter-steigt-schnell" not in keys([row("median_age", 60.0, trend=None)])


def test_no_rows_no_suggestions():
    assert suggest([]) == []


def test_suggestion_explains_itself_with_the_figures_in_german_format():
    [suggestion] = [
        s
        for s in suggest([row("old_age_dependency_ratio", 48.3, land=40.0)])
        if s.key == "altenquotient-hoch"
    ]
    assert suggestion.category == "threat"
    assert suggestion.category_label == "Risiko"
    assert "Fachkräfte und Pflege" in suggestion.text
    assert "Altenquotient 2024: 48,3 je 100 Personen" in suggestion.reason
    assert "Land: 40,0" in suggestion.reason
    assert "10 %" in suggestion.threshold
    assert suggestion.indicator_key == "old_age_dependency_ratio"


def test_family_migration_rule_matches_every_key_containing_family_migration():
    variant = row("family_migration_per_1000_4y", 2.0)
    assert "familienwanderung-positiv" in keys([variant])


def test_high_oldest_old_share_gives_a_risk_and_an_opportunity():
    suggestions = suggest([row("oldest_old_share", 30.0, land=25.0)])
    assert {(s.key, s.category) for s in suggestions} == {
        ("hochaltrige-pflegebedarf", "threat"),
        ("hochaltrige-seniorenwirtschaft", "opportunity"),
    }


def test_each_key_at_most_once_even_with_several_matching_rows():
    rows = [row("family_migration_per_1000", 3.0), row("family_migration_per_1000_4y", 2.0)]
    assert [s.key for s in suggest(rows)] == ["familienwanderung-positiv"]


def test_a_typical_ageing_rural_kommune():
    rows = [
        row("old_age_dependency_ratio", 52.0, land=41.0),
        row("youth_dependency_ratio", 26.0, land=30.0),
        row("population_change_5y", -4.2),
        row("median_age", 51.0, land=46.5, trend=0.3),
        row("family_migration_per_1000", 4.0),
        row("natural_balance_per_1000", -8.0),
    ]
    assert keys(rows) == {
        "altenquotient-hoch",
        "jugendquotient-niedrig",
        "bevoelkerung-schrumpft",
        "medianalter-ueber-land",
        "familienwanderung-positiv",
        "sterbeueberschuss",
    }
