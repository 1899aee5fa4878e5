"""Where a Kommune lies: WGS 84 coordinates, Germany's bounding box and how coordinates are
found for a Kommune from the Gemeindeverzeichnis.

The Gemeindeverzeichnis (GV-ISys) gives every Gemeinde's geographic centre. A Gemeinde or
Stadt takes its own point, a Großstadtquartier its city's (it carries the city's AGS), a
Landkreis the mean of its Gemeinden's points. Other apps that know those points (the
Kommunalprofil stores them with its regions) register a lookup here, because this app sits
below them in the layers and may not import them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

# Germany's extreme points are 5.87°–15.04° E and 47.27°–55.06° N; a small margin keeps
# the islands and border towns inside.
LON_MIN, LON_MAX = 5.8, 15.1
LAT_MIN, LAT_MAX = 47.2, 55.1

LONGITUDE_VALIDATORS = [
    MinValueValidator(
        Decimal(str(LON_MIN)),
        message=_("Der Längengrad liegt westlich von Deutschland (mindestens %(limit_value)s)."),
    ),
    MaxValueValidator(
        Decimal(str(LON_MAX)),
        message=_("Der Längengrad liegt östlich von Deutschland (höchstens %(limit_value)s)."),
    ),
]
LATITUDE_VALIDATORS = [
    MinValueValidator(
        Decimal(str(LAT_MIN)),
        message=_("Der Breitengrad liegt südlich von Deutschland (mindestens %(limit_value)s)."),
    ),
    MaxValueValidator(
        Decimal(str(LAT_MAX)),
        message=_("Der Breitengrad liegt nördlich von Deutschland (höchstens %(limit_value)s)."),
    ),
]

Point = tuple[float, float]  # (longitude, latitude)


def in_germany(lon: float, lat: float) -> bool:
    return LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX


def point_for(kind: str, ags: str, points: Mapping[str, Point]) -> Point | None:
    """The point of a Kommune of ``kind`` with ``ags`` from Gemeinde points by 8-digit AGS.

    Gemeinde, Stadt, Quartier: the Gemeinde's own point. Landkreis: the mean of the points
    of all Gemeinden whose AGS starts with the 5-digit Kreis key. None if nothing matches.
    """
    if kind == "landkreis":
        members = [p for code, p in points.items() if code[:5] == ags[:5] and len(code) == 8]
        if not members:
            return None
        lon = sum(p[0] for p in members) / len(members)
        lat = sum(p[1] for p in members) / len(members)
        point: Point | None = (lon, lat)
    else:
        point = points.get(ags)
    if point is None or not in_germany(*point):
        return None
    return point


def as_decimal(value: float) -> Decimal:
    """Six decimals (about 0.1 m) – as many as the model fields keep."""
    return Decimal(f"{value:.6f}")


# --- lookups registered by apps that store Gemeinde points ------------------------------

Lookup = Callable[[str, str], Point | None]  # (kind, ags) -> point
_LOOKUPS: list[Lookup] = []


def register_lookup(lookup: Lookup) -> None:
    if lookup not in _LOOKUPS:
        _LOOKUPS.append(lookup)


def lookup(kind: str, ags: str) -> Point | None:
    """The first point a registered lookup knows for ``kind``/``ags`` (None: none knows)."""
    for fn in _LOOKUPS:
        point = fn(kind, ags)
        if point is not None and in_germany(*point):
            return point
    return None


def missing(municipalities: Iterable) -> list:
    return [m for m in municipalities if m.latitude is None or m.longitude is None]
