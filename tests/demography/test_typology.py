"""Demografietyp clustering and nearest peers."""

import numpy as np
import pytest

from demography.projection import example_population, project
from demography.typology import (
    NOT_USED,
    IndicatorMatrix,
    demographic_indicators,
    demographic_types,
    kmeans,
    nearest_peers,
)


@pytest.fixture(scope="module")
def matrix():
    pop = example_population(400, seed=11)
    return demographic_indicators(pop, projection=project(pop, horizon=5, detail="groups"))


def test_kmeans_finds_obvious_clusters_reproducibly():
    rng = np.random.default_rng(0)
    z = np.vstack([rng.normal(0, 0.1, (30, 2)), rng.normal(5, 0.1, (20, 2))])
    labels, _centers, _ = kmeans(z, 2, seed=1)
    assert (labels[:30] == 0).all() and (labels[30:] == 1).all()  # renumbered by size
    again, *_ = kmeans(z, 2, seed=1)
    np.testing.assert_array_equal(labels, again)


def test_types_are_reproducible_named_and_explained(matrix):
    a = demographic_types(matrix, k=5, seed=7)
    b = demographic_types(matrix, k=5, seed=7)
    np.testing.assert_array_equal(a.labels, b.labels)
    assert len({t.name for t in a.types}) == 5
    assert sum(t.size for t in a.types) == 400
    for t in a.types:
        assert t.name.endswith("Kommunen") or "Kommunen (" in t.name
        assert t.explanation
    assert a.not_used == NOT_USED and "sozioökonomische" in a.not_used
    assert "Seed 7" in a.method


def test_type_name_follows_driving_indicator():
    values = np.array([[10.0], [11.0], [10.5], [30.0], [31.0], [29.0]])
    m = IndicatorMatrix(tuple("abcdef"), tuple("ABCDEF"), ("share_80_plus",), values)
    t = demographic_types(m, k=2, seed=0)
    high = t.type_of("d")
    assert high.name.startswith("Hochaltrige")
    assert high.drivers[0].key == "share_80_plus" and high.drivers[0].z > 0


def test_nearest_peers_sorted_with_differences(matrix):
    code = matrix.codes[0]
    peers = nearest_peers(matrix, code, k=4)
    assert len(peers) == 4 and code not in [p.code for p in peers]
    distances = [p.distance for p in peers]
    assert distances == sorted(distances)
    assert len(peers[0].differences) == 3
    assert nearest_peers(matrix, code, k=4)[0].code == peers[0].code


def test_peer_distance_by_hand():
    values = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [10.0, 10.0]])
    m = IndicatorMatrix(("a", "b", "c", "d"), ("A", "B", "C", "D"), ("x", "y"), values)
    peers = nearest_peers(m, "a", k=2)
    z = (values - values.mean(0)) / values.std(0)
    assert peers[0].code == "b"
    assert peers[0].distance == pytest.approx(np.linalg.norm(z[1] - z[0]))
    assert peers[0].differences[0].key == "x"
    with pytest.raises(KeyError):
        nearest_peers(m, "zz")
