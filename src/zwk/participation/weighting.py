"""Representative weighting of survey respondents by raking (iterative proportional fitting).

Pure numpy, no Django: category codes of the respondents and target shares in, weights out.

Raking (Deming & Stephan 1940): start with weight 1 for every respondent; for each margin in
turn multiply the weights of everyone in category *k* by ``target_k · Σw / Σ_{i in k} w``, so
that the weighted shares of that margin equal its targets; repeat over all margins until no
weighted share differs from its target by more than ``tol``. With one margin this is plain
cell weighting; with several margins (age group, sex) it fits every margin at once without
needing the joint table.

Definitions (as statistical offices state them):

* Gewicht ``w_i``: how many respondents' worth person *i* counts in weighted results.
  Normalised to mean 1 (``Σw = n``), so weighted counts add up to the number of respondents.
* Effektive Stichprobengröße (Kish 1965): ``n_eff = (Σw)² / Σw²``. Equals ``n`` for equal
  weights; the more unequal the weights, the smaller – weighted shares are as precise as
  those of a simple random sample of ``n_eff`` people. Einheit: Personen.
* Designeffekt der Gewichtung: ``n / n_eff`` (≥ 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


class RakingError(ValueError):
    """The margins cannot be fitted (e.g. a target category without any respondent)."""


@dataclass
class RakingResult:
    weights: np.ndarray  # (n,), mean 1
    iterations: int
    converged: bool
    #: largest absolute difference between a weighted share and its target at the end
    max_error: float
    #: per margin, the category indices with a target share but no respondent (dropped)
    empty_categories: list[list[int]] = field(default_factory=list)


def rake(
    categories: list[np.ndarray] | tuple[np.ndarray, ...],
    targets: list[np.ndarray] | tuple[np.ndarray, ...],
    *,
    max_iter: int = 200,
    tol: float = 1e-9,
    drop_empty: bool = True,
) -> RakingResult:
    """Weights that make the weighted shares of every margin equal its targets.

    ``categories[m]``: integer category of each respondent on margin *m* (shape (n,), values
    0 … K_m-1). ``targets[m]``: population count or share per category (shape (K_m,), ≥ 0;
    normalised to shares here). A category with a target but no respondent cannot be
    represented: with ``drop_empty`` it is left out and the other targets of that margin are
    renormalised (reported in ``empty_categories``), otherwise ``RakingError``.
    """
    if len(categories) != len(targets) or not categories:
        raise RakingError("one target vector per margin is needed")
    cats = [np.asarray(c, dtype=np.int64) for c in categories]
    n = cats[0].shape[0]
    if n == 0:
        return RakingResult(np.zeros(0), 0, True, 0.0, [[] for _ in cats])
    shares: list[np.ndarray] = []
    empty: list[list[int]] = []
    for c, t in zip(cats, targets, strict=True):
        t = np.asarray(t, dtype=np.float64)
        if c.shape != (n,):
            raise RakingError("every margin needs one category per respondent")
        if c.min() < 0 or c.max() >= t.shape[0]:
            raise RakingError("a category code lies outside its target vector")
        if np.any(t < 0) or t.sum() <= 0:
            raise RakingError("targets must be non-negative and not all zero")
        present = np.bincount(c, minlength=t.shape[0]) > 0
        missing = [int(k) for k in np.flatnonzero((t > 0) & ~present)]
        if missing and not drop_empty:
            raise RakingError(f"categories without respondents: {missing}")
        t = np.where(present, t, 0.0)
        if t.sum() <= 0:
            raise RakingError("no respondent falls in a category with a target")
        empty.append(missing)
        shares.append(t / t.sum())
    # Respondents in a category whose target is 0 would get weight 0 – allowed.
    w = np.ones(n, dtype=np.float64)
    iterations, error = 0, np.inf
    for iterations in range(1, max_iter + 1):  # noqa: B007  (reported)
        for c, s in zip(cats, shares, strict=True):
            sums = np.bincount(c, weights=w, minlength=s.shape[0])
            total = w.sum()
            with np.errstate(divide="ignore", invalid="ignore"):
                factor = np.where(sums > 0, s * total / sums, 0.0)
            w = w * factor[c]
        error = max(_max_error(c, s, w) for c, s in zip(cats, shares, strict=True))
        if error <= tol:
            break
    total = w.sum()
    if total > 0:
        w = w * (n / total)
    return RakingResult(w, iterations, bool(error <= tol), float(error), empty)


def _max_error(c: np.ndarray, s: np.ndarray, w: np.ndarray) -> float:
    total = w.sum()
    if total <= 0:
        return np.inf
    return float(np.abs(np.bincount(c, weights=w, minlength=s.shape[0]) / total - s).max())


def effective_sample_size(weights: np.ndarray) -> float:
    """Kish's effective sample size ``(Σw)² / Σw²`` (0 for no weights)."""
    w = np.asarray(weights, dtype=np.float64)
    denominator = float(np.sum(w * w))
    return float(w.sum() ** 2 / denominator) if denominator > 0 else 0.0


def weighted_counts(codes: np.ndarray, weights: np.ndarray, k: int) -> np.ndarray:
    """Sum of weights per category 0 … k-1 (unweighted counts with ``weights`` all 1)."""
    return np.bincount(np.asarray(codes, dtype=np.int64), weights=weights, minlength=k)[:k]
