"""Demo data of the office map: plausible coordinates for the fictional demo Kommunen.

Their AGS end in 999 and are in no Gemeindeverzeichnis, so they are given points in the
region their Kreis key names (WGS 84, degrees). Coordinates that exist are kept.
"""

from decimal import Decimal

ORDER = 5

POINTS = {  # slug: (latitude, longitude)
    "musterstadt": ("50.205000", "9.187000"),  # Main-Kinzig-Kreis, Hessen
    "beispielhausen": ("48.842000", "13.528000"),  # Freyung-Grafenau, Bayern
    "landkreis-musterland": ("52.360000", "13.840000"),  # Brandenburg
    "musterberg-altstadt-nord": ("51.480000", "7.460000"),  # Ruhrgebiet, NRW
    "seedorf-am-wald": ("53.560000", "13.260000"),  # Mecklenburgische Seenplatte
    "talstadt": ("50.915000", "13.340000"),  # Mittelsachsen
}


def build(*, municipalities, users, stdout) -> None:
    changed = 0
    for slug, (lat, lon) in POINTS.items():
        m = municipalities.get(slug)
        if m is None or (m.latitude is not None and m.longitude is not None):
            continue
        m.latitude, m.longitude = Decimal(lat), Decimal(lon)
        m.full_clean()
        m.save(update_fields=["latitude", "longitude"])
        changed += 1
    if changed:
        stdout.write(f"Koordinaten für {changed} Demokommunen eingetragen.")
