"""The Ideenkarte's settings for a page: tile server, attribution, the Kommune's centre.

Tiles come from ``settings.ZWK_MAP_TILE_URL`` (OpenStreetMap by default); a page with a map
adds the tile host to its Content-Security-Policy (``allow_tiles``) – no other page may load
images from there. The map is centred on the Kommune's coordinates (Gemeindeverzeichnis);
without them on Germany.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

GERMANY_CENTRE = (51.16, 10.45)


def tile_origin(url: str | None = None) -> str:
    """``https://tile.openstreetmap.org`` of the tile URL (``{s}`` subdomains as ``*``)."""
    parts = urlsplit(url or settings.ZWK_MAP_TILE_URL)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def map_config(municipality) -> dict:
    lat, lon = municipality.latitude, municipality.longitude
    known = lat is not None and lon is not None
    zoom = 6 if not known else 10 if getattr(municipality, "kind", "") == "landkreis" else 13
    return {
        "tiles": settings.ZWK_MAP_TILE_URL,
        "attribution": settings.ZWK_MAP_ATTRIBUTION,
        "lat": float(lat) if known else GERMANY_CENTRE[0],
        "lon": float(lon) if known else GERMANY_CENTRE[1],
        "zoom": zoom,
        # Leaflet's own button labels are English; the page's language replaces them.
        "labels": {
            "zoom_in": _("Karte vergrößern"),
            "zoom_out": _("Karte verkleinern"),
            "close": _("Hinweis zur Idee schließen"),
        },
    }


def allow_tiles(response):
    """Let ``response``'s page load the map tiles (django-csp's per-response update)."""
    response._csp_update = {"img-src": [tile_origin()]}
    return response
