"""With real statistics in the Kommunalprofil: the SWOT page suggests what the engine's
indicators for the imported data say (Land levels from the real Destatis Länder table)."""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import MunicipalityFactory, membership
from zwk.profiles.selectors import indicator_comparison
from zwk.profiles.services import statistics_import
from zwk.situation.suggestions import suggest

pytestmark = pytest.mark.django_db

LAENDER = "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"


@pytest.fixture
def laender_file(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    cache.clear()
    folder = Path(
        os.environ.get("ZWK_SHARED_DATA") or Path(__file__).resolve().parents[4] / "shared" / "data"
    )
    path = folder / LAENDER
    if not path.exists():
        pytest.skip(f"real statistics not found in {folder} (set ZWK_SHARED_DATA)")
    return path


def _register(tmp_path, area):
    """A Gemeinde's own register: 12 men and 12 women in every year of age 0–99, so that a
    third of the people are 65 or older – far older than any Land."""
    rows = ["gebiet;gebiet_name;stichtag;alter;maennlich;weiblich"]
    rows += [f"{area};Testdorf;31.12.2024;{a};12;12" for a in range(100)]
    rows.append(f"{area};Testdorf;31.12.2024;100+;1;2")
    path = tmp_path / "register.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_imported_statistics_lead_to_suggestions_on_the_swot_page(
    laender_file, tmp_path, client_for, member
):
    gemeinde = MunicipalityFactory(ags="09184112", land="09", slug="testdorf", name="Testdorf")
    membership(member, gemeinde)
    statistics_import(path=laender_file)
    statistics_import(path=_register(tmp_path, "09184112"), municipality=gemeinde)

    rows = {r.key: r for r in indicator_comparison(gemeinde)}
    old_age = rows["old_age_dependency_ratio"]
    assert old_age.land is not None and old_age.value > old_age.land * 1.1
    assert "altenquotient-hoch" in {s.key for s in suggest(list(rows.values()))}

    html = client_for(member).get(reverse("situation:swot", kwargs={"slug": "testdorf"}))
    text = html.content.decode()
    assert "Fachkräfte und Pflege" in text
    assert "Noch keine Statistik importiert" not in text
