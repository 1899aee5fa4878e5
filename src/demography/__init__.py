"""Demografie-Assistenz: a pure library for official German population statistics.

Readers for GENESIS-Online / Regionalstatistik exports, demographic indicators following
Wegweiser Kommune / Destatis conventions, a vectorised cohort-component projection and a
typology of Kommunen. numpy only – no Django import anywhere in this package.
"""

from demography.core import MAX_AGE, N_AGES, SEXES, Population

__all__ = ["MAX_AGE", "N_AGES", "SEXES", "Population"]
