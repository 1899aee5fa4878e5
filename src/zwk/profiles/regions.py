"""How Kommunen map to statistical regions and their reference levels.

A Gemeinde or Stadt is its 8-digit AGS, a Landkreis its 5-digit Kreis key, a Quartier the
area of its own register data (``<AGS>/<Gebiet>``). References: Kreis = AGS[:5],
Land = AGS[:2], Bund = ``DG`` (GENESIS code for Deutschland). The official key scheme itself
(levels, Länder, size classes) is the engine's: :mod:`demography.regions`.
"""

from __future__ import annotations

from demography.regions import BUND


def register_code(ags: str, area: str) -> str:
    return f"{ags}/{area}"


def region_code_for(municipality) -> str | None:
    """The region whose statistics describe ``municipality`` (None: not yet known)."""
    if municipality.kind == "quartier":
        profile = getattr(municipality, "profile", None)
        area = profile.register_area if profile is not None else ""
        return register_code(municipality.ags, area) if area else None
    if municipality.kind == "landkreis":
        return municipality.ags[:5]
    return municipality.ags


def reference_codes(municipality) -> dict[str, str]:
    """Reference regions by role (``kreis``, ``land``, ``bund``) – without the Kommune itself."""
    own = region_code_for(municipality)
    refs: dict[str, str] = {}
    if municipality.kind != "landkreis" and len(municipality.ags) >= 5:
        refs["kreis"] = municipality.ags[:5]
    refs["land"] = municipality.ags[:2]
    refs["bund"] = BUND
    return {k: v for k, v in refs.items() if v != own}
