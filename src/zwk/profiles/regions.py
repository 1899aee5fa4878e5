"""How Kommunen map to statistical regions and their reference levels.

A Gemeinde or Stadt is its 8-digit AGS, a Landkreis its 5-digit Kreis key, a Quartier the
area of its own register data (``<AGS>/<Gebiet>``). References: Kreis = AGS[:5],
Land = AGS[:2], Bund = ``DG`` (GENESIS code for Deutschland).
"""

from __future__ import annotations

BUND = "DG"
LAENDER = tuple(f"{i:02d}" for i in range(1, 17))


def level_of_code(code: str) -> str | None:
    """Level of an official region key; None if the key is not an official one."""
    if code == BUND:
        return "bund"
    if not code.isdigit():
        return None
    return {2: "land", 3: "regbez", 5: "kreis", 8: "gemeinde"}.get(len(code))


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


# Size classes as in the BBSR's Stadt- und Gemeindetypen (Einwohner), and for Kreise in three
# bands, so that "Kommunen of the same size class and type" is a fixed, explainable group.
SIZE_CLASSES: dict[str, tuple[tuple[float, float, str], ...]] = {
    "gemeinde": (
        (0, 5_000, "Landgemeinden unter 5.000 Einwohnern"),
        (5_000, 20_000, "Kleinstädte und Gemeinden mit 5.000 bis 20.000 Einwohnern"),
        (20_000, 100_000, "Mittelstädte mit 20.000 bis 100.000 Einwohnern"),
        (100_000, float("inf"), "Großstädte ab 100.000 Einwohnern"),
    ),
    "kreis": (
        (0, 150_000, "Kreise unter 150.000 Einwohnern"),
        (150_000, 250_000, "Kreise mit 150.000 bis 250.000 Einwohnern"),
        (250_000, float("inf"), "Kreise ab 250.000 Einwohnern"),
    ),
}


def size_class(level: str, population: float | None) -> tuple[float, float, str] | None:
    """(lower, upper, German label) of the size class of a region, None if it has none."""
    if population is None:
        return None
    for low, high, label in SIZE_CLASSES.get(level, ()):
        if low <= population < high:
            return low, high, label
    return None
