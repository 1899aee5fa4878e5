"""The PLZ search of "Kommune anmelden" works once the Gemeindeverzeichnis is imported: its
column PLZ (Verwaltungssitz of each Gemeinde) is stored with the import – by the command, by
the office's upload and by ``import_postal_codes`` from the GV-ISys file itself.

The real files are read from ../shared/data (ZWK_SHARED_DATA), never copied into the repository.
"""

import io
import os
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import MunicipalityFactory, UserFactory, membership
from zwk.municipalities.models import Membership
from zwk.profiles.models import ImportJob, PopulationStock, StatisticsRelease
from zwk.profiles.services import ImportRefused, statistics_import
from zwk.registration.models import PostalCode

pytestmark = pytest.mark.django_db

DATA = Path(
    os.environ.get("ZWK_SHARED_DATA") or Path(__file__).resolve().parents[4] / "shared" / "data"
)
XLSX = DATA / "destatis_gv-isys_auszug_gv_31122023.xlsx"
CSV = DATA / "destatis_gv_gemeinden_31122023_derived.csv"
LUEBBENAU = "12066196"
START = reverse("registration:start")


@pytest.fixture(scope="module")
def gv_plz() -> dict[str, str]:
    """AGS → PLZ of every Gemeinde (Satzart 60) with a PLZ, read straight from the xlsx."""
    if not XLSX.exists():
        pytest.skip(f"Gemeindeverzeichnis not found in {DATA} (set ZWK_SHARED_DATA)")
    wb = openpyxl.load_workbook(XLSX, read_only=True, data_only=True)
    sheet = next(ws for ws in wb.worksheets if ws.title.startswith("Onlineprodukt_Gemeinden"))
    plz = {
        f"{r[2]}{r[3]}{r[4]}{r[6]}": r[13]
        for r in sheet.iter_rows(min_row=7, values_only=True)
        if str(r[0]).strip() == "60" and r[13]
    }
    wb.close()
    return plz


def _hits(client, query: str) -> str:
    return client.get(START, {"q": query}).content.decode()


def test_after_the_gv_import_a_plz_finds_the_gemeinde_on_the_public_page(client, gv_plz):
    plz = gv_plz[LUEBBENAU]
    call_command("import_statistics", str(XLSX), stdout=io.StringIO())
    page = _hits(client, plz)
    assert page.count("Lübbenau/Spreewald") >= 1
    assert LUEBBENAU in page
    # every Gemeinde with a PLZ in the file, once
    assert PostalCode.objects.count() == len(gv_plz)
    assert set(PostalCode.objects.filter(code=plz).values_list("ags", flat=True)) == {
        ags for ags, p in gv_plz.items() if p == plz
    }

    # the same file again (and the derived CSV of the same GV) adds nothing twice
    call_command("import_statistics", str(XLSX), str(CSV), stdout=io.StringIO())
    assert PostalCode.objects.count() == len(gv_plz)
    assert page == _hits(client, plz)


def test_the_offices_upload_stores_the_plz_a_coordinators_only_its_own(
    client_for, django_capture_on_commit_callbacks, gv_plz
):
    reilingen = MunicipalityFactory(ags="08226068", slug="reilingen", name="Reilingen")
    coordinator = UserFactory(username="koordination-reilingen")
    membership(coordinator, reilingen, Membership.Role.COORDINATOR)
    url = reverse("profiles:import", kwargs={"slug": reilingen.slug})

    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(url, {"file": SimpleUploadedFile(CSV.name, CSV.read_bytes())})
    assert ImportJob.objects.get().status == ImportJob.Status.DONE
    assert list(PostalCode.objects.values_list("code", "ags")) == [(gv_plz["08226068"], "08226068")]

    office = UserFactory(username="geschaeftsstelle", is_office=True)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(office).post(url, {"file": SimpleUploadedFile(XLSX.name, XLSX.read_bytes())})
    assert ImportJob.objects.latest("pk").status == ImportJob.Status.DONE
    assert PostalCode.objects.count() == len(gv_plz)
    assert LUEBBENAU in _hits(client_for(office), gv_plz[LUEBBENAU])


def _excerpt(tmp_path, rows: int, *, broken_plz: str = "") -> Path:
    """The first ``rows`` Gemeinden of the derived CSV; the last one's PLZ replaced if asked."""
    lines = CSV.read_text(encoding="utf-8").splitlines()[: rows + 1]
    if broken_plz:
        cells = lines[-1].split(";")
        cells[lines[0].split(";").index("plz")] = broken_plz
        lines[-1] = ";".join(cells)
    path = tmp_path / "gv_gemeinden_31122023.csv"  # the reader takes the date from the name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_gemeindeverzeichnis_with_a_broken_plz_stores_nothing(tmp_path, gv_plz):
    path = _excerpt(tmp_path, 40, broken_plz="24 9x")
    with pytest.raises(ImportRefused) as refused:
        statistics_import(path=path)
    assert "Postleitzahl" in refused.value.message and "24 9x" in refused.value.message
    with pytest.raises(CommandError, match="Postleitzahl"):
        call_command("import_postal_codes", str(path), stdout=io.StringIO())
    assert not PostalCode.objects.exists()
    assert not PopulationStock.objects.exists()


def test_the_plz_are_all_or_nothing_with_the_import(tmp_path, monkeypatch, gv_plz):
    path = _excerpt(tmp_path, 40)

    def audit_fails(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("zwk.profiles.services.audit_record", audit_fails)
    with pytest.raises(RuntimeError):
        statistics_import(path=path)
    assert not StatisticsRelease.objects.exists()
    assert not PostalCode.objects.exists()


def test_import_postal_codes_reads_the_gv_isys_file(tmp_path, gv_plz):
    out = io.StringIO()
    call_command("import_postal_codes", str(XLSX), stdout=out)
    assert out.getvalue().startswith(f"{len(gv_plz)} Postleitzahlen neu, 0 schon da")
    assert PostalCode.objects.get(ags=LUEBBENAU).code == gv_plz[LUEBBENAU]
    out = io.StringIO()
    call_command("import_postal_codes", str(XLSX), stdout=out)
    assert out.getvalue().startswith(f"0 Postleitzahlen neu, {len(gv_plz)} schon da")
    assert PostalCode.objects.count() == len(gv_plz)

    # a workbook that is no Gemeindeverzeichnis: a German message, nothing stored
    other = tmp_path / "liste.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["plz", "ags"])
    wb.save(other)
    PostalCode.objects.all().delete()
    with pytest.raises(CommandError):
        call_command("import_postal_codes", str(other), stdout=io.StringIO())
    assert not PostalCode.objects.exists()
