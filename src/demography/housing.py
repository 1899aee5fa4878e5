"""Housing scenario (new dwellings → in-migration) and internal moves between areas.

Aussage
    Additional in-migration that planned new dwellings bring to an area, by age and sex, and
    moves between the Ortsteile/Quartiere of one Kommune (Binnenumzüge).
Berechnung
    New-build in-migration (as in small-area models of city statistics offices, e.g. SIKURS
    in the KOSIS network): ``M_{t,r,s,x} = W_{t,r} · b · q · p_{s,x}`` with W planned
    dwellings completed in year t in area r, b the Belegungsdichte (persons per new dwelling
    at first occupancy), q the Neubaubezugsquote (share of first occupants who come from
    outside the area; the others moved within the area and change nothing there) and p the
    age/sex profile of people moving into new builds (sums to 1).
    Internal moves: ``out_{r,s,x} = u_{r,s,x} · P_{r,s,x}`` with move-out rates u, sent to
    destination areas with shares ``D[r, d]`` (rows sum to 1, no moves to itself);
    net = inflow − outflow, which sums to 0 over all areas (moves only redistribute).
Quelle
    Method: KOSIS-Verbund, SIKURS (kleinräumiges Bevölkerungsprognosemodell). Default
    parameters are model assumptions (documented below), to be replaced by local values:
    b = 2.2 persons (new dwellings are larger than the stock average of about 2.0 persons
    per household, Mikrozensus), q = 0.5, profile = young families (adults around 34,
    children under 10) plus some older movers around 65.
Einheit
    Dwellings per year; persons per dwelling; shares; persons per year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from demography.core import N_AGES

AGES = np.arange(N_AGES, dtype=np.float64)


def new_build_profile(
    adult_mean: float = 34.0,
    adult_sd: float = 7.0,
    child_share: float = 0.30,
    senior_share: float = 0.10,
) -> np.ndarray:
    """Age/sex profile (2, 101) of persons moving into new dwellings; sums to 1.

    Mixture of adults (normal around ``adult_mean``), their children (ages 0–12, falling
    with age) and older movers (normal around 65, SD 8); both sexes equal.
    """
    adults = np.exp(-0.5 * ((AGES - adult_mean) / adult_sd) ** 2)
    children = np.where(AGES <= 12, np.exp(-AGES / 6.0), 0.0)
    seniors = np.exp(-0.5 * ((AGES - 65.0) / 8.0) ** 2)
    mix = (
        (1.0 - child_share - senior_share) * adults / adults.sum()
        + child_share * children / children.sum()
        + senior_share * seniors / seniors.sum()
    )
    return np.stack([mix, mix]) / (2.0 * mix.sum())


@dataclass(frozen=True)
class HousingParameters:
    """Belegungsdichte ``occupancy`` (persons per dwelling), Neubaubezugsquote
    ``external_share`` (0 … 1) and the mover ``profile`` (2, 101)."""

    occupancy: float = 2.2
    external_share: float = 0.5
    profile: np.ndarray = field(default_factory=new_build_profile)

    def __post_init__(self) -> None:
        if self.occupancy < 0:
            raise ValueError("Belegungsdichte darf nicht negativ sein")
        if not 0.0 <= self.external_share <= 1.0:
            raise ValueError("Neubaubezugsquote muss zwischen 0 und 1 liegen")
        if not np.isclose(np.sum(self.profile), 1.0):
            raise ValueError("Das Zuzugsprofil muss sich zu 1 summieren")


def housing_migration(
    dwellings: np.ndarray, horizon: int, n_regions: int, params: HousingParameters | None = None
) -> np.ndarray:
    """In-migration (H, R, 2, 101) from planned dwellings.

    ``dwellings``: completed dwellings per year and area, shape (H, R), or (R,) for the
    same number every year, or a scalar for every area and year.
    """
    p = params or HousingParameters()
    w = np.broadcast_to(np.asarray(dwellings, dtype=np.float64), (horizon, n_regions))
    persons = w * (p.occupancy * p.external_share)
    return persons[:, :, None, None] * p.profile[None, None, :, :]


@dataclass(frozen=True)
class InternalMigration:
    """Moves between R areas of one Kommune.

    ``out_rates`` (2, 101) or (R, 2, 101): share of persons moving to another area per year;
    ``destinations`` (R, R): ``destinations[r, d]`` share of the movers from r going to d
    (rows sum to 1, diagonal 0).
    """

    out_rates: np.ndarray
    destinations: np.ndarray

    def __post_init__(self) -> None:
        d = np.asarray(self.destinations, dtype=np.float64)
        if d.ndim != 2 or d.shape[0] != d.shape[1]:
            raise ValueError("Zielmatrix der Binnenumzüge muss quadratisch sein")
        if np.any(d < 0) or not np.allclose(d.sum(axis=1), 1.0) or np.any(np.diag(d) != 0):
            raise ValueError(
                "Zielmatrix: Zeilen müssen sich zu 1 summieren, keine Umzüge in das eigene Gebiet"
            )
        r = np.asarray(self.out_rates, dtype=np.float64)
        if np.any(r < 0) or np.any(r > 1):
            raise ValueError("Umzugsraten müssen zwischen 0 und 1 liegen")

    def net_moves(self, population: np.ndarray) -> np.ndarray:
        """Net internal migration (R, 2, 101) for the current stock; sums to 0 over areas."""
        out = np.asarray(self.out_rates) * population
        inflow = np.einsum("rd,rsa->dsa", self.destinations, out)
        return inflow - out
