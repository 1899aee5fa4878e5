"""A real Gemeinde gets its full Kommunalprofil from official data (issue 15).

The office creates Lübbenau/Spreewald (AGS 12066196, 15,774 inhabitants on 31.12.2023) and
the small Gemeinde Bronkow (12066041, 543), imports the Gemeinde tables of ../shared/data
with ``manage.py import_statistics`` (plus the Gemeindeverzeichnis 2023 and the Kreis
migration table with moves from and to abroad), and the profile shows a pyramid, a
projection with its interval band, planning demand, a Demografietyp and integration
indicators – the 2023 ages labelled "Schätzung" with method and basis until the Kommune's
Melderegister for a later year is imported.
"""

import html
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from zwk.municipalities import services as municipality_services
from zwk.profiles import analysis
from zwk.profiles.models import DerivedData
from zwk.profiles.services import statistics_import

GEMEINDE_FILES = "gemeinden_2008-2015"
GV = "destatis_gv_gemeinden_31122023_derived.csv"
KREIS_ABROAD = "gemeinden_2008-2015/kreise/regio_12711-02-02-4_kreise_wanderungen_altersgruppen_inkl_ausland_2015.csv"


def _text(response) -> str:
    """The page as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    body = response.content.decode()
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def _section(response, anchor: str) -> str:
    body = response.content.decode()
    start = body.index(f'id="{anchor}"')
    end = body.find("</section>", start)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body[start:end])))


def _row(response, key: str) -> str:
    body = response.content.decode()
    start = body.index(f'data-key="{key}"')
    return html.unescape(re.sub(r"<[^>]+>", " ", body[start : body.index("</tr>", start)]))


_REGION_CODE = re.compile(r"^(DG|\d{2}|\d{3}|\d{5}|\d{8,12})$")


def _cut_to_land(source, target_dir, land: str):
    """The file with only Deutschland and the regions of one Land (header and footer kept).

    The readers take any row subset of a table (tests/demography); one Land keeps this test
    fast – the whole folder is timed by bench/import_gemeinden.py."""
    target = target_dir / source.name
    with (
        source.open(encoding="utf-8", newline="") as rows,
        target.open("w", encoding="utf-8") as out,
    ):
        for line in rows:
            code = next((f for f in line.split(";")[:3] if _REGION_CODE.match(f.strip())), None)
            if code is None or code.strip() == "DG" or code.strip().startswith(land):
                out.write(line)
    return str(target)


def _register_file(path, ags: str) -> None:
    lines = ["gebiet;gebiet_name;stichtag;alter;maennlich;weiblich;divers_ohne_angabe"]
    for age in range(101):
        label = "100+" if age == 100 else str(age)
        lines.append(f"{ags};Bronkow;31.12.2024;{label};{3 if age < 85 else 1};3;0")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow  # imports one Land of the Gemeinde tables
def test_a_real_gemeinde_gets_its_full_profile_after_the_import(
    db, shared_data, office_user, client_for, tmp_path
):
    luebbenau = municipality_services.municipality_create(
        by=office_user, name="Lübbenau/Spreewald", slug="luebbenau", kind="stadt", land="12",
        ags="12066196",
    )  # fmt: skip
    bronkow = municipality_services.municipality_create(
        by=office_user, name="Bronkow", slug="bronkow", kind="gemeinde", land="12", ags="12066041"
    )
    # Brandenburg's Gemeinden (Lübbenau and Bronkow are in Landkreis Oberspreewald-Lausitz)
    files = [
        _cut_to_land(p, tmp_path, "12")
        for p in sorted((shared_data / GEMEINDE_FILES).glob("*.csv"))
    ]
    out = io.StringIO()
    call_command("import_statistics", *files, str(shared_data / GV), str(shared_data / KREIS_ABROAD),
                 stdout=out)  # fmt: skip
    log = out.getvalue()
    assert f"[1/{len(files) + 2}]" in log and "50 % von" in log
    assert f"{len(files) + 2} von {len(files) + 2} Datei(en)" in log
    assert "09.05.2011 ist kein 31.12." in log  # the Zensus count is no year-end stock

    client = client_for(office_user)
    page = client.get(reverse("profiles:profile", kwargs={"slug": luebbenau.slug}))
    text = _text(page)
    # pyramid of the estimated current structure, projection to 2043 with its interval band
    assert "Altersaufbau 2023 und 2043" in text
    assert "Spanne aus eigenen Rückrechnungen (etwa 80 %)" in text
    assert "15.774 Einwohner 2023" in text  # the Gemeindeverzeichnis total, official
    # the Zensus 2011 break: one observed line per basis, never joined
    assert "beobachtet (Fortschreibung auf Basis des Zensus 2011)" in text
    assert "beobachtet (Fortschreibung auf Basis der Volkszählung 1987" in text
    # planning demand and Demografietyp
    demand = _section(page, "planungsbedarf")
    assert "Kinder 0–2 Jahre (Krippe)" in demand and "Erwartete Pflegebedürftige" in demand
    typ = _section(page, "typ")
    assert "gehört zum Typ" in typ and "Größte Unterschiede" in typ  # type and nearest peers
    # the base projection comes from the Gemeinde's official history, labelled with method,
    # basis and Stichtag; the changes across the 2010/2011 break of the basis are left out
    assert "Vorausberechnung aus der amtlichen Entwicklung der Gemeinde" in text
    assert "Veränderung der Einwohnerzahl 2008–2010 und 2011–2015" in text
    assert (
        "Ausgangsbestand 31.12.2023 (Schätzung), Bevölkerungsbasis: Fortschreibung auf Basis "
        "des Zensus 2011" in text
    )
    # the import stored typology and history projection for the data version: the first
    # page after the import computes neither
    version = analysis.data_version()
    stored = set(DerivedData.objects.filter(version=version).values_list("key", flat=True))
    assert {"typology", "history:12066196:2023", "history:12066041:2023"} <= stored
    # SWOT suggestions from the profile's figures
    swot = client.get(reverse("situation:swot", kwargs={"slug": luebbenau.slug}))
    assert swot.content.decode().count('class="kern-card kern-card--hug suggestion"') >= 2
    # the estimate is labelled with method and basis, on the values that rest on it
    assert "Schätzung für den 31.12.2023: Altersaufbau vom 31.12.2015" in text
    assert "Gemeindeverzeichnis; Fortschreibung auf Basis des Zensus 2011" in text
    assert "Ausgangsbestand der Vorausberechnung und Altersaufbau 2023 sind geschätzt" in text
    assert "Schätzung" in _row(page, "mean_age") and "2023" in _row(page, "mean_age")
    assert "Schätzung" not in _row(page, "population")  # the total itself is official
    # integration: foreigners' share from the Zensus 2011 with date and basis; moves abroad
    integration = _section(page, "datengrundlage")
    assert "Ausländeranteil Lübbenau/Spreewald 0,8 %" in integration
    assert "Zensus 09.05.2011" in integration and "128 von 16.489" in integration
    assert "Wanderungen mit dem Ausland 2015 Oberspreewald-Lausitz, Landkreis" in integration

    # a Gemeinde the office creates after the import gets the same full profile at once
    calau = municipality_services.municipality_create(
        by=office_user, name="Calau", slug="calau", kind="stadt", land="12", ags="12066052"
    )
    text = _text(client.get(reverse("profiles:profile", kwargs={"slug": calau.slug})))
    assert "Altersaufbau 2023 und 2043" in text and "Spanne aus eigenen Rückrechnungen" in text
    assert "Vorausberechnung aus der amtlichen Entwicklung der Gemeinde" in text
    assert "Schätzung für den 31.12.2023" in text

    small = client.get(reverse("profiles:profile", kwargs={"slug": bronkow.slug}))
    text = _text(small)
    assert "Altersaufbau 2023 und 2043" in text and "Spanne aus eigenen Rückrechnungen" in text
    assert "Schätzung für den 31.12.2023" in text
    assert "Kinder 0–2 Jahre (Krippe)" in _section(small, "planungsbedarf")

    # the Kommune's Melderegister for 2024 replaces the estimate: nothing left to estimate
    register = tmp_path / "melderegister_bronkow.csv"
    _register_file(register, "12066041")
    statistics_import(path=register, by=office_user, municipality=bronkow)
    text = _text(client.get(reverse("profiles:profile", kwargs={"slug": bronkow.slug})))
    assert "Altersaufbau 2024 und 2044" in text
    assert "Schätzung" not in text
