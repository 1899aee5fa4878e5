"""The Werkstattplan's measure effects for the Kommunalprofil's scenario explorer.

``zwk.profiles`` lies below ``zwk.plans`` and must not import it; the profile asks the
service ``zwk.profiles.pages.PLAN_EFFECTS`` that :class:`PlanEffects` provides (registered
in ``PlansConfig.ready``). The arithmetic is the plan page's (``effects.extra_migration``), on
the population the explorer projects.
"""

from __future__ import annotations

import numpy as np

from zwk.plans import effects
from zwk.plans.models import MeasureEffect


def _moving(municipality):
    """Effects of the Kommune's plan that change the population (places change supply only)."""
    return MeasureEffect.objects.filter(measure__plan__municipality=municipality).exclude(
        kind=MeasureEffect.Kind.PLACES
    )


class PlanEffects:
    def offered(self, user, municipality) -> bool:
        """Whether the explorer offers the switch: ``user`` may see the plan (team of the
        Kommune) and the plan has at least one effect that moves people."""
        if not getattr(user, "is_authenticated", False):
            return False
        if not user.has_perm("plans.view_plan", municipality):
            return False
        return _moving(municipality).exists()

    def extra_migration(self, municipality, pop) -> np.ndarray | None:
        """Extra persons (H, 2, 101) of all the plan's effects for the stock ``pop``."""
        base = effects.Base(pop.year, np.asarray(pop.counts[0], dtype=np.float64), pop)
        return effects.extra_migration(list(_moving(municipality)), base)
