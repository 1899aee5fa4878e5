"""The related-Kommunen score: explained, stable and with readable German reasons."""

import random

import pytest

from zwk.network.matching import (
    W_KIND,
    W_PROFILE,
    W_THEMES,
    W_TYPE,
    MunicipalityFacts,
    profile_similarity,
    rank,
    score,
)

ALTER = {"wohnen-im-alter": "Wohnen im Alter"}
Z_OLD = {"old_age_dependency_ratio": 1.5, "mean_age": 1.2, "share_under_18": -1.0}


def facts(key, name=None, *, themes=None, kind="gemeinde", type_=None, z=None):
    return MunicipalityFacts(
        key=key,
        name=name or key.title(),
        kind=kind,
        themes=themes or {},
        demographic_type=type_,
        z=z or {},
    )


def test_weights_add_up_to_one():
    assert pytest.approx(1.0) == W_THEMES + W_PROFILE + W_TYPE + W_KIND


def test_reason_names_shared_theme_and_similar_indicator():
    own = facts("seedorf", themes=ALTER, z=Z_OLD)
    other = facts(
        "altdorf",
        themes={**ALTER, "mobilitaet": "Mobilität"},
        kind="stadt",
        z={**Z_OLD, "mean_age": 0.1, "share_under_18": 0.5},
    )
    match = score(own, other)
    assert match.reason == "ebenfalls Schwerpunkt Wohnen im Alter; ähnlicher Altenquotient"
    assert match.shared_themes == ("Wohnen im Alter",)
    assert match.similar == ("old_age_dependency_ratio",)


def test_reason_lists_several_themes_type_and_kind():
    themes = {"a": "Mobilität", "b": "Nahversorgung", "c": "Ehrenamt", "d": "Wohnen im Alter"}
    own = facts("x", themes=themes, type_="Ältere, kleine Kommunen")
    other = facts("y", themes=themes, type_="Ältere, kleine Kommunen")
    reason = score(own, other).reason
    assert reason == (
        "ebenfalls Schwerpunkte Ehrenamt, Mobilität, Nahversorgung und 1 weitere; "
        "gleicher Demografietyp „Ältere, kleine Kommunen“; ebenfalls eine Gemeinde"
    )


def test_score_is_the_documented_weighted_sum():
    own = facts("x", themes={"a": "A", "b": "B"}, type_="T", z={"mean_age": 0.0})
    other = facts("y", themes={"a": "A"}, type_="T", z={"mean_age": 1.0})
    match = score(own, other)
    # half of our themes, profile 1/(1+1) = 0.5, same type, same kind
    assert match.theme_score == 0.5
    assert match.profile_score == 0.5
    assert match.score == round(0.50 * 0.5 + 0.25 * 0.5 + 0.15 + 0.10, 4)


def test_theme_share_is_measured_against_the_own_themes():
    small = facts("small", themes={"a": "A"})
    broad = facts("broad", themes={"a": "A", "b": "B", "c": "C", "d": "D"})
    assert score(small, broad).theme_score == 1.0  # covers everything we work on
    assert score(broad, small).theme_score == 0.25


def test_reason_falls_back_to_the_profile_similarity():
    own = facts("x", kind="stadt", z={"mean_age": 0.0, "share_80_plus": 0.0})
    other = facts("y", kind="landkreis", z={"mean_age": 0.5, "share_80_plus": 0.5})
    reason = score(own, other).reason
    assert reason == "Bevölkerungsstruktur insgesamt ähnlich (Ähnlichkeit 0,67 von 1)"
    far = facts("z", kind="landkreis", z={"mean_age": 2.0, "share_80_plus": 2.0})
    reason = score(own, far).reason
    assert reason == "Bevölkerungsstruktur teilweise ähnlich (Ähnlichkeit 0,33 von 1)"


def test_profile_similarity_is_one_for_identical_and_zero_without_data():
    assert profile_similarity(Z_OLD, Z_OLD)[0] == 1.0
    assert profile_similarity(Z_OLD, {})[0] == 0.0


def test_unrelated_kommunen_are_left_out():
    own = facts("x", themes=ALTER, kind="stadt")
    assert rank(own, [facts("y", themes={"m": "Mobilität"}, kind="landkreis")]) == []


def test_same_input_same_order_whatever_the_candidate_order():
    own = facts("own", themes=ALTER, z=Z_OLD, type_="T")
    candidates = [
        facts(
            f"k{i}",
            themes=ALTER if i % 2 else {},
            z={"mean_age": i / 5},
            type_="T" if i % 3 else None,
        )
        for i in range(12)
    ]
    expected = [m.key for m in rank(own, candidates, limit=12)]
    for seed in range(5):
        shuffled = candidates[:]
        random.Random(seed).shuffle(shuffled)
        assert [m.key for m in rank(own, shuffled, limit=12)] == expected


def test_ties_are_broken_by_shared_themes_then_name_then_key():
    own = facts("own", themes={"a": "A", "b": "B"}, kind="stadt")
    # Same score (themes 1/2 each) – equal on shared themes too – so the name decides.
    zeta = facts("z1", "Zeta", themes={"a": "A"}, kind="gemeinde")
    alpha = facts("a1", "alpha", themes={"b": "B"}, kind="gemeinde")
    alpha_again = facts("a0", "Alpha", themes={"a": "A"}, kind="gemeinde")
    ranked = rank(own, [zeta, alpha, alpha_again])
    assert [m.key for m in ranked] == ["a0", "a1", "z1"]  # name casefolded, then key


def test_own_kommune_is_never_related_to_itself():
    own = facts("own", themes=ALTER)
    assert rank(own, [own, facts("b", themes=ALTER)])[0].key == "b"
    assert len(rank(own, [own])) == 0


def test_limit_keeps_the_best():
    own = facts("own", themes={"a": "A", "b": "B"})
    best = facts("best", themes={"a": "A", "b": "B"})
    weaker = [facts(f"w{i}", themes={"a": "A"}) for i in range(8)]
    ranked = rank(own, [*weaker, best], limit=3)
    assert ranked[0].key == "best" and len(ranked) == 3
