"""Validation of the Amtlicher Gemeindeschlüssel (AGS).

AGS structure (Destatis): 2 digits Land, 1 Regierungsbezirk, 2 Kreis, 3 Gemeinde. A Gemeinde or
Stadt has 8 digits, a Landkreis (or kreisfreie Stadt as Kreis) 5. Land codes run 01 to 16.
A Großstadtquartier has no AGS of its own: it carries its city's 8-digit AGS plus a local name.

The list of Länder is the engine's (:data:`demography.regions.LAENDER`, the one source); this is
the only place outside ``zwk.profiles`` that may read the engine, and only that constant table
(named exception in the import-linter contract "Only profiles imports the engine").
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from demography.regions import LAENDER

LAND_CHOICES = sorted(LAENDER.items(), key=lambda kv: kv[1])

EXPECTED_LENGTH = {"gemeinde": 8, "stadt": 8, "quartier": 8, "landkreis": 5}


def validate_ags(ags: str, kind: str, land: str | None = None) -> str:
    """Return the cleaned AGS or raise ValidationError with a German explanation."""
    cleaned = re.sub(r"\s+", "", ags or "")
    expected = EXPECTED_LENGTH[kind]
    if not cleaned.isdigit():
        raise ValidationError(
            _("Der Gemeindeschlüssel darf nur Ziffern enthalten (gefunden: „%(value)s“).")
            % {"value": ags},
            code="ags_digits",
        )
    if len(cleaned) != expected:
        what = {
            "landkreis": _("Ein Landkreis hat einen 5-stelligen Kreisschlüssel"),
            "quartier": _("Ein Quartier trägt den 8-stelligen Gemeindeschlüssel seiner Stadt"),
        }.get(kind, _("Eine Gemeinde oder Stadt hat einen 8-stelligen Gemeindeschlüssel"))
        raise ValidationError(
            _("%(what)s; „%(value)s“ hat %(n)d Stellen.")
            % {"what": what, "value": cleaned, "n": len(cleaned)},
            code="ags_length",
        )
    if cleaned[:2] not in LAENDER:
        raise ValidationError(
            _("Die ersten beiden Ziffern (%(code)s) sind kein Länderschlüssel (01 bis 16).")
            % {"code": cleaned[:2]},
            code="ags_land",
        )
    if land and cleaned[:2] != land:
        raise ValidationError(
            _("Der Schlüssel beginnt mit %(code)s (%(found)s), gewählt ist aber %(land)s.")
            % {"code": cleaned[:2], "found": LAENDER[cleaned[:2]], "land": LAENDER.get(land, land)},
            code="ags_land_mismatch",
        )
    return cleaned
