"""No page shows template source: ``{# … #}`` is a one-line comment in Django – spread over
several lines it is printed as page text (issue 16, defect 1: developer notes and a literal
``<output>`` on the Kommunalprofil). Checked three ways: every template file, the Kommunalprofil
with a projection (where it happened), and every GET page of the permission matrix for the
roles that see most of them."""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.zwk.profiles.test_views import _synthetic
from tests.zwk.test_permission_matrix import MATRIX, world  # noqa: F401 (fixture)

SRC = Path(__file__).resolve().parents[2] / "src" / "zwk"
MARKERS = ("{#", "#}", "{%", "{{")
ROLES = ("anonymous", "member", "coordinator", "office")


def _leaks(html: str) -> list[str]:
    found = []
    for marker in MARKERS:
        at = html.find(marker)
        if at >= 0:
            found.append(html[max(0, at - 60) : at + 60].replace("\n", " "))
    return found


def test_no_template_has_a_comment_over_several_lines():
    bad = []
    for path in sorted(SRC.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            rest = line
            while "{#" in rest:
                rest = rest[rest.index("{#") + 2 :]
                if "#}" not in rest:
                    bad.append(f"{path.relative_to(SRC)}:{number}")
                    break
                rest = rest[rest.index("#}") + 2 :]
    assert not bad, "use {% comment %} for comments over several lines: " + ", ".join(bad)


def test_profile_with_scenario_sliders_shows_no_template_source(
    db, client_for, member, municipality
):
    _synthetic(code=municipality.ags)
    response = client_for(member).get(
        reverse("profiles:profile", kwargs={"slug": municipality.slug})
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'class="scenario-form"' in html
    assert not _leaks(html)
    assert "profiles.js updates" not in html


GET_PAGES = sorted(name for name, case in MATRIX.items() if case.method == "get")


@pytest.mark.parametrize("url_name", GET_PAGES)
def test_no_page_shows_template_source(url_name, world, db, client_for, settings):  # noqa: F811
    settings.MEDIA_ROOT = world["media_root"]
    case = MATRIX[url_name]
    kwargs = {case.rename.get(k, k): world["kwargs"][k] for k in case.kwargs}
    url = reverse(url_name, kwargs=kwargs)
    for role in ROLES:
        response = client_for(world["users"][role]).get(url, case.data)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        leaks = _leaks(response.content.decode())
        assert not leaks, f"{url} as {role}: {leaks}"
