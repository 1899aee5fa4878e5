"""The suggestion ranking: explained (every point has a German reason) and stable."""

from datetime import date
from random import Random

from zwk.consulting import ranking
from zwk.consulting.ranking import Candidate, Need, rank

TODAY = date(2026, 5, 4)
LABELS = {
    "method_labels": {"moderation": "Moderation", "datenanalyse": "Datenanalyse"},
    "land_labels": {"06": "Hessen", "09": "Bayern"},
    "language_labels": {"de": "Deutsch", "tr": "Türkisch"},
}


def need(**overrides):
    data = {
        "theme": "Wohnen im Alter",
        "municipality_themes": frozenset({"Wohnen im Alter", "Mobilität", "Nahversorgung"}),
        "methods": frozenset({"moderation", "datenanalyse"}),
        "land": "06",
        "language": "de",
        "wished_from": date(2026, 6, 1),
        "wished_until": date(2026, 6, 30),
        "today": TODAY,
    }
    return Need(**{**data, **overrides})


def cand(id, name="Person", **fields):
    fields.setdefault("languages", frozenset({"de"}))
    return Candidate(id=id, name=name, **fields)


def texts(suggestion):
    return [r.text for r in suggestion.reasons]


def test_theme_region_and_method_fit_ranks_first_with_reasons():
    expert = cand(
        1,
        "Bernd Rater",
        themes=frozenset({"Wohnen im Alter", "Mobilität"}),
        methods=frozenset({"moderation"}),
        regions=frozenset({"06"}),
    )
    generalist = cand(2, "Anna Allround", methods=frozenset({"moderation", "datenanalyse"}))
    first, second = rank(need(), [generalist, expert], **LABELS)
    assert first.candidate.id == 1
    assert "Expertise im Handlungsfeld „Wohnen im Alter“" in texts(first)
    assert "kennt weitere Schwerpunkte der Kommune: Mobilität" in texts(first)
    assert "arbeitet in Hessen, dem Land der Kommune" in texts(first)
    assert "bietet die gewünschten Methoden: Datenanalyse, Moderation" in texts(second)
    # The score is exactly the sum of the explained points – nothing hidden.
    for s in (first, second):
        assert s.score == sum(r.points for r in s.reasons)


def test_score_values_follow_the_documented_table():
    c = cand(
        1,
        themes=frozenset({"Wohnen im Alter", "Mobilität", "Nahversorgung"}),
        methods=frozenset({"moderation", "datenanalyse"}),
        regions=frozenset({"06"}),
        available_from=date(2026, 1, 1),
        knows_municipality=True,
    )
    s = rank(need(), [c], **LABELS)[0]
    expected = (
        ranking.THEME
        + 2 * ranking.OTHER_THEME
        + 2 * ranking.METHOD
        + ranking.REGION
        + ranking.LANGUAGE
        + ranking.AVAILABLE
        + ranking.IDLE
        + ranking.KNOWS_MUNICIPALITY
    )
    assert s.score == expected == 125


def test_missing_language_and_unavailability_count_against():
    s = rank(
        need(language="tr"),
        [cand(1, available_until=date(2026, 5, 20))],
        **LABELS,
    )[0]
    contra = [r for r in s.reasons if not r.is_pro]
    assert [r.text for r in contra] == [
        "keine Beratung auf Türkisch angegeben",
        "nur bis 20.05.2026 verfügbar",
    ]
    later = rank(need(), [cand(2, available_from=date(2026, 9, 1))], **LABELS)[0]
    assert "erst ab 01.09.2026 verfügbar" in texts(later)


def test_availability_without_wished_dates_means_from_today():
    s = rank(
        need(wished_from=None, wished_until=None),
        [cand(1, available_from=date(2026, 5, 1), available_until=date(2026, 5, 31))],
        **LABELS,
    )[0]
    assert "im gewünschten Zeitraum verfügbar" in texts(s)


def test_load_lowers_and_breaks_ties():
    busy = cand(1, "Aaron Busy", running=3)
    idle = cand(2, "Zora Idle", running=0)
    first, second = rank(need(), [busy, idle], **LABELS)
    assert first.candidate.id == 2
    assert "betreut derzeit 3 laufende Anfrage(n)" in texts(second)
    assert second.score == first.score - ranking.IDLE + 3 * ranking.PER_RUNNING


def test_declined_before_goes_to_the_end():
    a = cand(1, "A", themes=frozenset({"Wohnen im Alter"}), declined_before=True)
    b = cand(2, "B")
    first, second = rank(need(), [a, b], **LABELS)
    assert first.candidate.id == 2
    assert "hat diese Anfrage bereits abgelehnt" in texts(second)


def test_equal_scores_are_ordered_by_load_then_name_then_id_whatever_the_input_order():
    people = [
        cand(5, "Berta", running=1),
        cand(3, "anna", running=1),
        cand(4, "Anna", running=1),
        cand(1, "Carl", running=1),
        cand(2, "Dora", running=0, available_until=date(2026, 1, 1)),  # lower score
    ]
    expected = [3, 4, 5, 1, 2]
    for seed in range(20):
        shuffled = people[:]
        Random(seed).shuffle(shuffled)
        assert [s.candidate.id for s in rank(need(), shuffled, **LABELS)] == expected
