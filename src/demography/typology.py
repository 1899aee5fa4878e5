"""Demografietyp (clustering of all Kommunen) and nearest peers in the same indicator space.

Aussage
    Which Kommunen are demographically alike: a type per Kommune, named in plain German and
    explained by the indicators that set it apart, and the k most similar Kommunen with
    their distance and main differences ("themenverwandte Kommunen").
Berechnung
    1. Indicators per Kommune (:func:`demographic_indicators`, or any
       :class:`IndicatorMatrix`).
    2. z-standardisation per indicator over all Kommunen: ``z = (x − mean) / sd``; a missing
       value gets z = 0 (the mean) so that it neither attracts nor repels – the number of
       imputed values is reported.
    3. k-means (Lloyd) on z with k-means++ start values (Arthur & Vassilvitskii 2007),
       ``n_init`` starts from one seeded random generator, the partition with the smallest
       within-cluster sum of squares is kept; types are numbered by size. Same input, same
       seed → same types.
    4. Names: the indicators whose cluster mean deviates most from the overall mean
       (|z| ≥ 0.5) give the words of the name; the explanation lists them with values.
    5. Peers: Euclidean distance in z-space; differences = indicators with the largest gap.
Quelle
    Method in the spirit of the Demografietypen of the Bertelsmann Stiftung (Wegweiser
    Kommune), which cluster Kommunen on standardised indicators. Unlike those, this typology
    uses demographic indicators only (see :data:`NOT_USED`).
Einheit
    z-values in standard deviations; distances in standard deviations (Euclidean).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from demography.core import Population

if TYPE_CHECKING:  # pragma: no cover
    from demography.projection import ProjectionResult

NOT_USED = (
    "Nicht verwendet: sozioökonomische Merkmale (Beschäftigung, Arbeitslosigkeit, "
    "Einkommen, Kaufkraft, Steuerkraft, Wohnungsmarkt, Pendler, Siedlungsstruktur) – sie "
    "sind nicht importiert. Wanderungen nach Motiven und Geburten/Sterbefälle gehen nur ein, "
    "wenn Gemeindedaten dazu vorliegen. Der Typ beschreibt also die Bevölkerungsstruktur "
    "und -entwicklung, nicht die wirtschaftliche Lage."
)

#: Indicator key → (German label, unit, word if high, word if low); words precede "Kommunen".
INDICATOR_INFO: dict[str, tuple[str, str, str, str]] = {
    "population_change_pct": ("Bevölkerungsentwicklung", "%", "wachsende", "schrumpfende"),
    "projected_change_pct": (
        "Vorausberechnete Entwicklung",
        "%",
        "wachstumsstarke",
        "schrumpfungsgefährdete",
    ),
    "share_under_18": ("Anteil unter 18-Jährige", "%", "kinderreiche", "kinderarme"),
    "share_18_29": (
        "Anteil 18- bis 29-Jährige",
        "%",
        "von jungen Erwachsenen geprägte",
        "an jungen Erwachsenen arme",
    ),
    "share_65_79": ("Anteil 65- bis 79-Jährige", "%", "von jungen Alten geprägte", ""),
    "share_80_plus": ("Anteil 80-Jährige und Ältere", "%", "hochaltrige", ""),
    "old_age_dependency_ratio": ("Altenquotient", "je 100", "stark alternde", "erwerbsstarke"),
    "mean_age": ("Durchschnittsalter", "Jahre", "ältere", "jüngere"),
    "women_per_100_men_20_39": (
        "Frauen je 100 Männer (20–39 Jahre)",
        "je 100",
        "",
        "frauenarme",
    ),
    "log10_population": ("Einwohnerzahl (log10)", "log10", "größere", "kleine"),
}


@dataclass(frozen=True)
class IndicatorMatrix:
    """Indicator values (R, K) for the Kommunen ``codes``; ``keys`` snake_case English."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    keys: tuple[str, ...]
    values: np.ndarray

    def label(self, key: str) -> str:
        return INDICATOR_INFO.get(key, (key, "", "", ""))[0]


def _pct(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(whole > 0, 100.0 * part / whole, np.nan)


def demographic_indicators(
    population: Population,
    previous: Population | None = None,
    projection: ProjectionResult | None = None,
) -> IndicatorMatrix:
    """Indicators for the typology from single-year stocks.

    Shares in % of all inhabitants; Altenquotient = 65+ per 100 aged 20–64; mean age =
    mean of completed years + 0.5 (midpoint of the year of age); population change in %
    since ``previous`` (same codes); projected change in % to the last projection year.
    """
    c = population.counts
    both = c.sum(axis=1)
    total = both.sum(axis=1)
    ages = np.arange(both.shape[1]) + 0.5
    cols: dict[str, np.ndarray] = {
        "share_under_18": _pct(both[:, :18].sum(axis=1), total),
        "share_18_29": _pct(both[:, 18:30].sum(axis=1), total),
        "share_65_79": _pct(both[:, 65:80].sum(axis=1), total),
        "share_80_plus": _pct(both[:, 80:].sum(axis=1), total),
        "old_age_dependency_ratio": _pct(both[:, 65:].sum(axis=1), both[:, 20:65].sum(axis=1)),
        "mean_age": np.where(
            total > 0, (both * ages).sum(axis=1) / np.where(total > 0, total, 1), np.nan
        ),
        "women_per_100_men_20_39": _pct(c[:, 1, 20:40].sum(axis=1), c[:, 0, 20:40].sum(axis=1)),
        "log10_population": np.log10(np.maximum(total, 1.0)),
    }
    if previous is not None:
        prev_total = previous.select(population.codes).totals()
        cols["population_change_pct"] = _pct(total - prev_total, prev_total)
    if projection is not None:
        idx = [projection.codes.index(code) for code in population.codes]
        tot = projection.totals[:, idx]
        cols["projected_change_pct"] = _pct(tot[-1] - tot[0], tot[0])
    keys = tuple(cols)
    return IndicatorMatrix(
        codes=population.codes,
        names=population.names,
        keys=keys,
        values=np.column_stack([cols[k] for k in keys]),
    )


def standardise(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """z-values per column; NaN → 0. Returns ``(z, mean, sd, n_imputed)``."""
    x = np.asarray(values, dtype=np.float64)
    mean = np.nanmean(x, axis=0)
    sd = np.nanstd(x, axis=0)
    sd_safe = np.where(sd > 0, sd, 1.0)
    z = (x - mean) / sd_safe
    missing = np.isnan(z)
    z[missing] = 0.0
    z[:, sd == 0] = 0.0
    return z, mean, sd, int(missing.sum())


def _sq_dist(x: np.ndarray, centers: np.ndarray) -> np.ndarray:
    # einsum, not BLAS matmul: for ~11,000 Gemeinden × 6 centres the threaded matmul costs
    # more in thread start-up than it computes (23 ms vs 3 ms per call on a busy 2-core host)
    cross = np.einsum("ij,kj->ik", x, centers)
    d = (x * x).sum(1)[:, None] - 2.0 * cross + (centers * centers).sum(1)[None, :]
    return np.maximum(d, 0.0)


def kmeans(
    z: np.ndarray, k: int, *, seed: int = 2024, n_init: int = 10, max_iter: int = 300
) -> tuple[np.ndarray, np.ndarray, float]:
    """k-means with k-means++ initialisation; returns ``(labels, centers, inertia)``.

    Deterministic for a given ``seed``. Clusters are renumbered by size (largest = 0).
    """
    n = z.shape[0]
    if not 1 <= k <= n:
        raise ValueError(f"k = {k} muss zwischen 1 und der Zahl der Kommunen ({n}) liegen")
    rng = np.random.default_rng(seed)
    best: tuple[np.ndarray, np.ndarray, float] | None = None
    for _ in range(n_init):
        centers = np.empty((k, z.shape[1]))
        centers[0] = z[rng.integers(n)]
        d2 = _sq_dist(z, centers[:1])[:, 0]
        for j in range(1, k):
            total = d2.sum()
            if total <= 0:
                idx = int(rng.integers(n))
            else:
                idx = int(np.searchsorted(np.cumsum(d2), rng.random() * total))
                idx = min(idx, n - 1)
            centers[j] = z[idx]
            d2 = np.minimum(d2, _sq_dist(z, centers[j : j + 1])[:, 0])
        labels = np.full(n, -1)
        for _ in range(max_iter):
            dist = _sq_dist(z, centers)
            new_labels = dist.argmin(axis=1)
            if np.array_equal(new_labels, labels):
                break
            labels = new_labels
            counts = np.bincount(labels, minlength=k)
            # bincount per column: np.add.at is ~10× slower for 11,000 rows
            sums = np.stack(
                [np.bincount(labels, weights=z[:, j], minlength=k) for j in range(z.shape[1])],
                axis=1,
            )
            for j in np.flatnonzero(counts == 0):
                # empty cluster: restart it at the point farthest from its center
                far = int(dist[np.arange(n), labels].argmax())
                sums[j], counts[j] = z[far], 1
            centers = sums / counts[:, None]
        inertia = float(_sq_dist(z, centers)[np.arange(n), labels].sum())
        if best is None or inertia < best[2] - 1e-9:
            best = (labels, centers, inertia)
    labels, centers, inertia = best  # type: ignore[misc]
    sizes = np.bincount(labels, minlength=k)
    order = np.lexsort((centers[:, 0], -sizes))
    remap = np.empty(k, dtype=int)
    remap[order] = np.arange(k)
    return remap[labels], centers[order], inertia


@dataclass(frozen=True)
class Driver:
    """One indicator that sets a type apart: mean z of the type and the two means."""

    key: str
    label: str
    z: float
    type_mean: float
    overall_mean: float
    unit: str


@dataclass(frozen=True)
class DemographicType:
    id: int
    name: str
    explanation: str
    size: int
    drivers: tuple[Driver, ...]


@dataclass(frozen=True)
class Typology:
    """Result of :func:`demographic_types`: ``labels[i]`` is the type id of ``codes[i]``."""

    codes: tuple[str, ...]
    labels: np.ndarray
    types: tuple[DemographicType, ...]
    indicators: IndicatorMatrix
    z: np.ndarray
    inertia: float
    method: str
    not_used: str

    def type_of(self, code: str) -> DemographicType:
        return self.types[int(self.labels[self.codes.index(code)])]


def _fmt(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _describe(
    cid: int, centers: np.ndarray, matrix: IndicatorMatrix, labels: np.ndarray, mean: np.ndarray
) -> DemographicType:
    center = centers[cid]
    members = labels == cid
    order = np.argsort(-np.abs(center), kind="stable")
    drivers = []
    for j in order[:4]:
        key = matrix.keys[j]
        label, unit, *_ = INDICATOR_INFO.get(key, (key, "", "", ""))
        drivers.append(
            Driver(
                key=key,
                label=label,
                z=float(center[j]),
                type_mean=float(np.nanmean(matrix.values[members, j])),
                overall_mean=float(mean[j]),
                unit=unit,
            )
        )
    words = []
    for d in drivers:
        if abs(d.z) < 0.5:
            continue
        high, low = INDICATOR_INFO.get(d.key, ("", "", "", ""))[2:]
        word = high if d.z > 0 else low
        if word and word not in words:
            words.append(word)
        if len(words) == 2:
            break
    name = (", ".join(words) + " Kommunen") if words else "Durchschnittliche Kommunen"
    name = name[0].upper() + name[1:]
    parts = [
        f"{d.label} {_fmt(abs(d.z))} Standardabweichungen "
        f"{'über' if d.z > 0 else 'unter'} dem Durchschnitt "
        f"({_fmt(d.type_mean)} gegenüber {_fmt(d.overall_mean)} {d.unit})"
        for d in drivers
        if abs(d.z) >= 0.3
    ]
    explanation = (
        "Prägend: " + "; ".join(parts) + "."
        if parts
        else "Keine Kennzahl weicht deutlich vom Durchschnitt aller Kommunen ab."
    )
    return DemographicType(cid, name, explanation, int(members.sum()), tuple(drivers))


def demographic_types(
    matrix: IndicatorMatrix, k: int = 6, *, seed: int = 2024, n_init: int = 10
) -> Typology:
    """Cluster all Kommunen of ``matrix`` into ``k`` Demografietypen (see module doc)."""
    z, mean, _sd, n_imputed = standardise(matrix.values)
    labels, centers, inertia = kmeans(z, k, seed=seed, n_init=n_init)
    types = [_describe(c, centers, matrix, labels, mean) for c in range(centers.shape[0])]
    seen: dict[str, int] = {}
    unique = []
    for t in types:
        seen[t.name] = seen.get(t.name, 0) + 1
        if seen[t.name] > 1:
            t = DemographicType(
                t.id, f"{t.name} ({seen[t.name]})", t.explanation, t.size, t.drivers
            )
        unique.append(t)
    method = (
        f"k-means (k = {k}, k-means++, {n_init} Starts, Zufallszahlen-Seed {seed}) auf "
        f"{len(matrix.keys)} z-standardisierten Kennzahlen von {len(matrix.codes)} Kommunen; "
        f"{n_imputed} fehlende Werte durch den Mittelwert ersetzt."
    )
    return Typology(matrix.codes, labels, tuple(unique), matrix, z, inertia, method, NOT_USED)


@dataclass(frozen=True)
class Difference:
    key: str
    label: str
    own: float
    peer: float
    z_gap: float


@dataclass(frozen=True)
class Peer:
    """A similar Kommune: ``distance`` in standard deviations (Euclidean, z-space)."""

    code: str
    name: str
    distance: float
    differences: tuple[Difference, ...]


def nearest_peers(
    matrix: IndicatorMatrix, code: str, k: int = 5, *, n_differences: int = 3
) -> list[Peer]:
    """The ``k`` Kommunen closest to ``code`` with their main differences.

    Ties in distance are broken by code so the list is reproducible.
    """
    if code not in matrix.codes:
        raise KeyError(f"Kommune {code} ist nicht in den Kennzahlen enthalten")
    z, *_ = standardise(matrix.values)
    i = matrix.codes.index(code)
    dist = np.sqrt(((z - z[i]) ** 2).sum(axis=1))
    dist[i] = np.inf
    k = min(k, len(matrix.codes) - 1)
    candidates = np.argpartition(dist, k - 1)[:k] if k > 0 else np.array([], dtype=int)
    candidates = sorted(candidates, key=lambda j: (dist[j], matrix.codes[j]))
    peers = []
    for j in candidates:
        gaps = z[j] - z[i]
        order = np.argsort(-np.abs(gaps), kind="stable")[:n_differences]
        diffs = tuple(
            Difference(
                key=matrix.keys[m],
                label=matrix.label(matrix.keys[m]),
                own=float(matrix.values[i, m]),
                peer=float(matrix.values[j, m]),
                z_gap=float(gaps[m]),
            )
            for m in order
        )
        peers.append(Peer(matrix.codes[j], matrix.names[j], float(dist[j]), diffs))
    return peers
