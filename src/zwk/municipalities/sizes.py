"""Size classes of a Kommune by inhabitants, as Kommunen compare themselves.

Used wherever a Kommune's size matters to another Kommune: "fits Kommunen of this size" on
toolbox entries and on lessons of the Zwischenbilanz. The bands follow the BBSR's Stadt- und
Gemeindetypen (5,000 / 20,000 / 100,000 Einwohner).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeClass(models.TextChoices):
    SMALL = "small", _("unter 5.000 Einwohner")
    MEDIUM = "medium", _("5.000 bis 20.000 Einwohner")
    LARGE = "large", _("20.000 bis 100.000 Einwohner")
    XLARGE = "xlarge", _("über 100.000 Einwohner")

    @classmethod
    def for_population(cls, population: int | None) -> str | None:
        if not population:
            return None
        if population < 5_000:
            return cls.SMALL
        if population < 20_000:
            return cls.MEDIUM
        if population < 100_000:
            return cls.LARGE
        return cls.XLARGE
