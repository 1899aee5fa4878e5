"""Gemeindeverzeichnis rows for the registration tests."""

from zwk.profiles.models import PopulationStock, Region, StatisticsRelease
from zwk.registration.models import PostalCode


def gemeindeverzeichnis(suffix: str = "") -> dict:
    """A Kreis with two Gemeinden, population of one, and a PLZ."""
    release = StatisticsRelease.objects.create(
        table_code="gv", file_name=f"gv{suffix}.csv", sha256=f"gv-registration{suffix}"
    )
    kreis = Region.objects.create(code="06631", name="Landkreis Fulda", level="kreis")
    fulda = Region.objects.create(
        code="06631009", name="Fulda", level="gemeinde", longitude=9.68, latitude=50.55
    )
    Region.objects.create(code="06631016", name="Künzell", level="gemeinde")
    PopulationStock.objects.create(
        region=fulda, year=2023, sex="total", total=70000.4, release=release
    )
    PostalCode.objects.create(code="36037", ags="06631009")
    return {"kreis": kreis, "fulda": fulda, "release": release}
