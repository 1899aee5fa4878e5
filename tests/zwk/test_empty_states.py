"""An empty list that asks to create the first item offers the button for it (issue 16,
item 5) – and does not ask people who may not create one."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "zwk"
ASKS = re.compile(r"[Ll]egen Sie (die erste|den ersten|das erste|Maßnahmen|.{0,40}direkt an)")


def test_every_template_that_asks_for_a_first_item_links_a_create_page():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if ASKS.search(line) and "{% url" not in line:
                # the button may follow on the next line of the same empty state
                text = path.read_text(encoding="utf-8")
                block = text[text.index(line) : text.index(line) + len(line) + 400]
                if not re.search(r"{% url '[a-z_]+:[a-z_]*create", block):
                    offenders.append(f"{path.relative_to(TEMPLATES)}: {line.strip()[:80]}")
    assert offenders == []


def test_empty_workshop_list_has_the_create_button(client_for, municipality, coordinator):
    url = reverse("workshops:list", args=[municipality.slug])
    html = client_for(coordinator).get(url).content.decode()
    create = reverse("workshops:create", args=[municipality.slug])
    empty = html[html.index("Noch keine Zukunftswerkstatt") :]
    assert f'href="{create}"' in empty and "Erste Zukunftswerkstatt anlegen" in empty


def test_empty_plan_has_the_create_button(client_for, municipality, coordinator):
    html = client_for(coordinator).get(reverse("plans:plan", args=[municipality.slug]))
    html = html.content.decode()
    empty = html[html.index("Noch keine Maßnahmen") :]
    assert reverse("plans:measure_create", args=[municipality.slug]) in empty
