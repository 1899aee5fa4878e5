from tests.zwk.permissions import LEADS, Case, tenant

# Unpublished profile: everyone outside the Kommune gets 404 – anonymous included, because
# the same URL is public once published (tested in test_views.py).
INSIDE = {**tenant(200), "anonymous": 404}

MATRIX = {
    "profiles:profile": Case("get", INSIDE, ("slug",)),
    "profiles:scenario": Case(
        "get",
        INSIDE,
        ("slug",),
        {"migration": "5", "tfr": "1.5", "e0_gain": "2", "dwellings": "10"},
    ),
    "profiles:export_xlsx": Case("get", INSIDE, ("slug",)),
    "profiles:export_csv": Case("get", INSIDE, ("slug", "table")),
    "profiles:report_pdf": Case("get", INSIDE, ("slug",)),
    "profiles:import": Case("get", tenant(200, **LEADS), ("slug",)),
    "profiles:import_job": Case("get", tenant(200, **LEADS), ("slug", "job")),
    "profiles:import_progress": Case("get", tenant(200, **LEADS), ("slug", "job")),
    "profiles:import_retry": Case("post", tenant(302, **LEADS), ("slug", "job")),
    "profiles:release_withdraw": Case("get", tenant(403, office=200), ("slug", "release")),
    "profiles:publish": Case("get", tenant(200, **LEADS), ("slug",)),
    # The world's Kommune is a Gemeinde: the Gemeinden page exists for Landkreise only, so
    # it is 404 for everyone (roles on a real Landkreis: test_kreis_view.py::test_permissions).
    "profiles:kreis_gemeinden": Case("get", tenant(404), ("slug",)),
    "profiles:kreis_csv": Case("get", tenant(404), ("slug",)),
    "profiles:kreis_xlsx": Case("get", tenant(404), ("slug",)),
    "profiles:register_area": Case(
        "post", tenant(302, **LEADS), ("slug",), {"gebiet-register_area": "Q1"}
    ),
}


def build(world):
    from zwk.profiles.models import ImportJob, PopulationStock, Region, StatisticsRelease
    from zwk.profiles.regions import region_code_for

    municipality = world["municipality"]
    job = ImportJob.objects.create(
        municipality=municipality,
        original_name="tabelle.csv",
        status=ImportJob.Status.FAILED,
        message="Test",
        created_by=world["users"]["coordinator"],
    )
    # a delivery with a value of the Kommune's own region: part of its profile's sources
    release = StatisticsRelease.objects.create(
        table_code="test",
        file_name=f"lieferung{world.get('suffix', '')}.csv",
        sha256=f"matrix-{municipality.slug}",
    )
    region, _ = Region.objects.get_or_create(
        code=region_code_for(municipality),
        defaults={"name": municipality.name, "level": "gemeinde"},
    )
    PopulationStock.objects.create(
        region=region, year=2020, sex="total", total=1000, release=release
    )
    return {"job": job.pk, "table": "kennzahlen", "release": release.pk}
