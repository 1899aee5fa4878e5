"""Carry selected project sketches into the Werkstattplan from the workshop's console.

The workshop page posts the chosen sketches (field ``skizze``, repeated) to the plan's
carry-over view; the page marks sketches already in the plan through the reverse relation
of ``Measure.origin_sketch`` and links each to its measure by URL name – workshops never
import plans.
"""

import re

from django.urls import reverse

from zwk.plans.models import Measure
from zwk.workshops import results


def _sketch(workshop, by, title, **data):
    return results.sketch_save(
        workshop=workshop, by=by, data={"title": title, "goal": f"Ziel: {title}", **data}
    )


def _checkboxes(html):
    return set(map(int, re.findall(r'name="skizze" value="(\d+)"', html)))


def test_selected_sketches_become_measures_in_one_action(client_for, workshop, coordinator):
    bus = _sketch(workshop, coordinator, "Bürgerbus", sponsor="Ortsvorsteherin")
    cafe = _sketch(workshop, coordinator, "Generationencafé", first_steps="Raum suchen")
    bench = _sketch(workshop, coordinator, "Bänke am Markt")
    idea = _sketch(workshop, coordinator, "Nur eine Idee", for_plan=False)
    client = client_for(coordinator)
    console = reverse(
        "workshops:detail", kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk}
    )
    page = client.get(console).content.decode()
    carry_url = reverse("plans:carry_over", kwargs={"slug": workshop.municipality.slug})
    assert f'action="{carry_url}"' in page
    assert _checkboxes(page) == {bus.pk, cafe.pk, bench.pk}  # not the one kept out of the plan
    assert "Ausgewählte Skizzen in den Werkstattplan übernehmen" in page

    response = client.post(carry_url, {"skizze": [bus.pk, cafe.pk]})
    assert response.status_code == 302
    measures = Measure.objects.filter(plan__municipality=workshop.municipality)
    assert {m.origin_sketch_id for m in measures} == {bus.pk, cafe.pk}
    carried = measures.get(origin_sketch=bus)
    assert carried.title == "Bürgerbus" and carried.responsible == "Ortsvorsteherin"

    page = client.get(console).content.decode()
    assert _checkboxes(page) == {bench.pk}  # carried ones cannot be chosen again
    for sketch in (bus, cafe):
        item = re.search(rf'<li id="skizze-{sketch.pk}">.*?</li>', page, re.S).group(0)
        assert "im Werkstattplan" in item
        # … with a link to the measure it became (URL name only: workshops never import plans)
        measure = measures.get(origin_sketch=sketch)
        assert f'<a href="{measure.get_absolute_url()}">zur Maßnahme' in item
    bench_item = re.search(rf'<li id="skizze-{bench.pk}">.*?</li>', page, re.S).group(0)
    assert "im Werkstattplan" not in bench_item
    idea_item = re.search(rf'<li id="skizze-{idea.pk}">.*?</li>', page, re.S).group(0)
    assert "Werkstattplan" not in idea_item

    # Repeating the action creates no duplicates.
    client.post(carry_url, {"skizze": [bus.pk]})
    assert measures.filter(origin_sketch=bus).count() == 1
