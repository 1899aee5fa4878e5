"""Demografie-Assistenz: a pure library for official German population statistics.

Readers for GENESIS-Online / Regionalstatistik exports, demographic indicators following
Wegweiser Kommune / Destatis conventions, a vectorised cohort-component projection and a
typology of Kommunen. numpy only – no Django import anywhere in this package.
"""

from demography.core import MAX_AGE, N_AGES, SEXES, Population

#: Changes whenever a default of the methods changes what a projection gives for the same
#: data (e.g. 2026-12-08: trend weight by the size of the input). Results stored by an
#: application for a data version must carry it, or they outlive the method that made them.
METHOD_VERSION = "2026-12-08"

__all__ = ["MAX_AGE", "METHOD_VERSION", "N_AGES", "SEXES", "Population"]
