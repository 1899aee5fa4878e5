"""Core data structure shared by readers, indicators, projection and typology.

A :class:`Population` is a stock of persons by region × sex × single year of age at one
reference date (31 December of ``year``, as Destatis publishes the Bevölkerungsstand).
Ages run 0 … 99 in single years; index 100 is the open interval "100 Jahre und mehr".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SEXES: tuple[str, str] = ("male", "female")
MALE, FEMALE = 0, 1
MAX_AGE = 100  # last index: 100 years and older
N_AGES = MAX_AGE + 1


@dataclass(frozen=True)
class Population:
    """Population by region, sex and single year of age at 31.12. of ``year``.

    ``counts`` has shape ``(len(codes), 2, N_AGES)`` and dtype float64: axis 1 is
    :data:`SEXES` (0 = male, 1 = female), axis 2 the completed age in years with the last
    entry the open interval 100+. Counts are floats because projections and ungrouped data
    produce fractional persons; official stocks are whole numbers. ``NaN`` marks a value that
    is unknown (secret, not available); such cells are never treated as 0.
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    year: int
    counts: np.ndarray
    source: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        counts = np.asarray(self.counts, dtype=np.float64)
        if counts.ndim != 3 or counts.shape[1:] != (2, N_AGES):
            raise ValueError(f"counts must have shape (regions, 2, {N_AGES}), got {counts.shape}")
        if len(self.codes) != counts.shape[0] or len(self.names) != counts.shape[0]:
            raise ValueError("codes, names and counts must describe the same regions")
        object.__setattr__(self, "counts", counts)
        object.__setattr__(self, "codes", tuple(self.codes))
        object.__setattr__(self, "names", tuple(self.names))

    @property
    def n_regions(self) -> int:
        return self.counts.shape[0]

    def totals(self) -> np.ndarray:
        """Total population per region (NaN if any cell of the region is unknown)."""
        return self.counts.sum(axis=(1, 2))

    def index(self, code: str) -> int:
        """Position of region ``code``; raises ``KeyError`` if absent."""
        try:
            return self.codes.index(code)
        except ValueError:
            raise KeyError(code) from None

    def select(self, codes: list[str] | tuple[str, ...]) -> Population:
        """A new Population with only the given regions, in the given order."""
        idx = [self.index(c) for c in codes]
        return Population(
            codes=tuple(self.codes[i] for i in idx),
            names=tuple(self.names[i] for i in idx),
            year=self.year,
            counts=self.counts[idx],
            source=self.source,
            notes=self.notes,
        )
