"""Team side over HTTP: create, moderate, tenant isolation, protocol."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.factories import MunicipalityFactory
from tests.zwk.workshops.factories import join, make_workshop
from zwk.workshops import results, services, voting
from zwk.workshops.models import Card, Workshop


def test_coordinator_creates_a_workshop_with_phases_and_code(client_for, municipality, coordinator):
    client = client_for(coordinator)
    url = reverse("workshops:create", kwargs={"slug": municipality.slug})
    start = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url,
        {
            "title": "Werkstatt 2040",
            "question": "Wie wollen wir leben?",
            "starts_at": start,
            "place": "Bürgerhaus",
            "access": "public",
            "vote_budget": 5,
            "max_points_per_card": 2,
            "retention_days": 90,
        },
    )
    workshop = Workshop.objects.get()
    assert response.status_code == 302 and response["Location"] == workshop.get_absolute_url()
    assert workshop.phases.count() == 5 and len(workshop.code) == 6


def test_invalid_workshop_form_writes_nothing(client_for, municipality, coordinator):
    client = client_for(coordinator)
    url = reverse("workshops:create", kwargs={"slug": municipality.slug})
    response = client.post(
        url, {"title": "Ohne Ort", "question": "?", "vote_budget": 2, "max_points_per_card": 3}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ort oder einen Online-Raum" in body and 'value="Ohne Ort"' in body
    assert not Workshop.objects.exists()


def test_workshop_of_another_kommune_is_not_found_through_my_slug(
    client_for, municipality, coordinator
):
    elsewhere = MunicipalityFactory(name="Anderswo", slug="anderswo")
    foreign = make_workshop(elsewhere, code="fremd")
    url = reverse("workshops:detail", kwargs={"slug": municipality.slug, "pk": foreign.pk})
    assert client_for(coordinator).get(url).status_code == 404
    pdf = reverse("workshops:protocol_pdf", kwargs={"slug": municipality.slug, "pk": foreign.pk})
    assert client_for(coordinator).get(pdf).status_code == 404


def test_moderator_opens_phase_and_merges_duplicates(client_for, workshop, coordinator):
    client = client_for(coordinator)
    critique = workshop.phases.get(kind="critique")
    kwargs = {"slug": workshop.municipality.slug, "pk": workshop.pk}
    client.post(
        reverse(
            "workshops:phase_action", kwargs={**kwargs, "phase": critique.pk, "action": "oeffnen"}
        )
    )
    critique.refresh_from_db()
    assert critique.is_open
    a = services.card_add_paper(phase=critique, by=coordinator, text="Mehr Busse")
    b = services.card_add_paper(phase=critique, by=coordinator, text="Busse bitte")
    response = client.post(
        reverse("workshops:card_merge", kwargs=kwargs),
        {"phase": critique.pk, "zusammen-source": b.pk, "zusammen-target": a.pk},
    )
    assert response.status_code == 302
    assert Card.objects.get(pk=b.pk).merged_into_id == a.pk
    console = client.get(workshop.get_absolute_url() + f"?phase={critique.pk}").content.decode()
    assert "zusammengeführt mit „Mehr Busse“" in console


def test_hiding_needs_a_reason(client_for, workshop, coordinator, critique):
    card = services.card_add_paper(phase=critique, by=coordinator, text="Unsinn")
    url = reverse(
        "workshops:card_hide",
        kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk, "card": card.pk},
    )
    client = client_for(coordinator)
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "beleidigend"}).status_code == 302
    assert Card.objects.get(pk=card.pk).hidden_reason == "beleidigend"


def test_protocol_has_results_but_no_personal_data(client_for, workshop, coordinator, critique):
    anna = join(workshop, "Annabell Geheim", district="Hinterdorf")
    card = services.card_create(participant=anna, phase=critique, text="Mehr Busse am Abend")
    voting.vote_cast(participant=anna, card=card, points=2)
    services.cluster_create(phase=critique, title="Mobilität", by=coordinator, cards=[card])
    results.sketch_save(
        workshop=workshop, by=coordinator, data={"title": "Bürgerbus", "goal": "Mobil sein"}
    )
    kwargs = {"slug": workshop.municipality.slug, "pk": workshop.pk}
    md = (
        client_for(coordinator)
        .get(reverse("workshops:protocol_md", kwargs=kwargs))
        .content.decode()
    )
    assert "Mehr Busse am Abend – **2**" in md and "Cluster: Mobilität" in md and "Bürgerbus" in md
    assert "Annabell" not in md and "Hinterdorf" not in md
    pdf = client_for(coordinator).get(reverse("workshops:protocol_pdf", kwargs=kwargs))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_qr_code_is_an_svg_with_the_participant_link(client_for, workshop, member):
    kwargs = {"slug": workshop.municipality.slug, "pk": workshop.pk}
    response = client_for(member).get(reverse("workshops:qr", kwargs=kwargs))
    assert response["Content-Type"] == "image/svg+xml"
    assert f"/mitmachen/{workshop.code}/" in response.content.decode()


def test_projector_live_returns_204_when_unchanged(client_for, workshop, member):
    kwargs = {"slug": workshop.municipality.slug, "pk": workshop.pk}
    url = reverse("workshops:projector_live", kwargs=kwargs)
    first = client_for(member).get(url)
    tag = first["ETag"].removeprefix('W/"').removesuffix('"')
    assert client_for(member).get(url, {"v": tag}).status_code == 204


def test_photo_documentation_goes_into_the_protocol(client_for, workshop, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.zwk.workshops.matrix import PNG_1PX

    kwargs = {"slug": workshop.municipality.slug, "pk": workshop.pk}
    client = client_for(coordinator)
    upload = SimpleUploadedFile("flipchart.png", PNG_1PX, "image/png")
    response = client.post(
        reverse("workshops:photo_add", kwargs=kwargs),
        {"foto-image": upload, "foto-caption": "Flipchart Phantasiephase"},
    )
    assert response.status_code == 302
    md = client.get(reverse("workshops:protocol_md", kwargs=kwargs)).content.decode()
    assert "Flipchart Phantasiephase" in md
    pdf = client.get(reverse("workshops:protocol_pdf", kwargs=kwargs))
    assert pdf.content.startswith(b"%PDF") and b"/Image" in pdf.content
    bad = SimpleUploadedFile("virus.png", b"MZ\x90\x00" + b"\x00" * 100, "image/png")
    refused = client.post(
        reverse("workshops:photo_add", kwargs=kwargs),
        {"foto-image": bad, "foto-caption": "Kaputt"},
    )
    assert refused.status_code == 400
    assert workshop.photos.count() == 1


def test_new_workshop_suggests_the_candidate_handlungsfelder(client_for, municipality, coordinator):
    from zwk.municipalities.models import Theme
    from zwk.situation.models import CandidateField

    theme = Theme.objects.filter(municipality__isnull=True).exclude(municipalities=municipality)[0]
    CandidateField.objects.create(
        municipality=municipality, theme=theme, justification="Viele Ältere", position=1
    )
    url = reverse("workshops:create", kwargs={"slug": municipality.slug})
    body = client_for(coordinator).get(url).content.decode()
    assert "Vorgeschlagen aus der Situationsanalyse" in body and theme.name in body
    # The theme's own checkbox (the language switcher also carries a value="1").
    checkbox = next(
        tag
        for tag in re.findall(r"<input[^>]*>", body)
        if 'type="checkbox"' in tag and f'value="{theme.pk}"' in tag
    )
    assert "checked" in checkbox


def test_console_compares_participants_with_the_population_total(client_for, workshop, member):
    from zwk.municipalities.models import Municipality

    Municipality.objects.filter(pk=workshop.municipality_id).update(population=28417)
    join(workshop, "Anna", age_group="25-39")
    body = client_for(member).get(workshop.get_absolute_url()).content.decode()
    assert "Vergleich nur mit der Einwohnerzahl: 28.417" in body
    assert "Es fehlen:" in body and "unter 18" in body
