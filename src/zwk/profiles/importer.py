"""ZWK's rules for importing official tables, on top of :mod:`demography.official`.

The engine reads the file and says what it holds per region (:func:`extract`); this module
adds what only the platform knows: register areas belong to a Kommune (:func:`validate_codes`)
and a coordinator imports for the own Kommune only (:func:`restrict_to`). The service layer
(:mod:`zwk.profiles.services`) writes the result in one transaction.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from demography.errors import DataError
from demography.official import (
    Extract,
    MovementRecord,
    StockRecord,
    extract,
    file_sha256,
    keep_official_codes,
)

__all__ = [
    "MAX_SKIPPED_LISTED",
    "Extract",
    "MovementRecord",
    "StockRecord",
    "extract",
    "file_sha256",
    "restrict_to",
    "validate_codes",
]

#: Skipped rows listed one by one in an import's summary; the rest are counted by reason.
MAX_SKIPPED_LISTED = 200


def validate_codes(out: Extract, *, register_map: dict[str, str] | None = None) -> None:
    """Check region keys: official keys are kept; register areas must map to a Kommune.

    ``register_map`` maps the ``gebiet`` of register data to the region code it is stored
    under. Unknown keys in official tables are skipped with a reason; an unknown area in
    register data rejects the file (it cannot be assigned to any Kommune).
    """
    if out.layout != "register":
        keep_official_codes(out)
        return
    register_map = register_map or {}
    unknown = sorted({r.code for r in out.stocks if r.code not in register_map})
    if unknown:
        raise DataError(
            out.table_code,
            _(
                "Gebiet ohne passende Kommune in der Melderegister-Datei: %(areas)s. Tragen "
                "Sie den AGS der Kommune oder – bei Quartieren – den Gebietsschlüssel im "
                "Kommunalprofil ein."
            )
            % {"areas": ", ".join(unknown[:10])},
            "area without a matching Kommune in the register file: " + ", ".join(unknown[:10]),
            expected_de=_("AGS einer Kommune oder Gebietsschlüssel eines Quartiers"),
            expected_en="AGS of a Kommune or area key of a Quartier",
        )
    for rec in out.stocks:
        new = register_map[rec.code]
        out.names.setdefault(new, rec.name)
        rec.code = new


def restrict_to(out: Extract, allowed: set[str]) -> None:
    """Keep only the regions in ``allowed`` (a coordinator imports for the own Kommune)."""
    others = {r.code for r in out.stocks + out.movements + out.figures if r.code not in allowed}
    if others:
        out.skipped.append(
            {
                "region": _("%(n)s Gebiete") % {"n": len(others)},
                "year": None,
                "reason": _(
                    "nicht die eigene Kommune (nur die Geschäftsstelle importiert für alle)"
                ),
            }
        )
    out.stocks = [r for r in out.stocks if r.code in allowed]
    out.movements = [r for r in out.movements if r.code in allowed]
    out.figures = [r for r in out.figures if r.code in allowed]
    # the PLZ serve the public search for every Gemeinde: only the office sets them for all
    out.postal_codes = {a: p for a, p in out.postal_codes.items() if a in allowed}
