"""Content in several languages in the Zukunftswerkstatt (issue 18, item 3 and 4): title and
Leitfrage per language with German as fallback, cards keep the language they were written in,
the moderation adds a translation shown next to the card."""

import pytest
from django.test import Client
from django.urls import reverse

from zwk.workshops.models import Card

pytestmark = pytest.mark.django_db


def edit_url(workshop):
    return reverse("workshops:edit", kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk})


def workshop_data(workshop, **extra):
    return {
        "title": workshop.title,
        "question": workshop.question,
        "starts_at": workshop.starts_at.strftime("%Y-%m-%dT%H:%M"),
        "place": workshop.place,
        "access": workshop.access,
        "code": workshop.code,
        "vote_budget": workshop.vote_budget,
        "max_points_per_card": workshop.max_points_per_card,
        "retention_days": workshop.retention_days,
        **extra,
    }


def test_team_translates_the_leitfrage_and_the_arabic_board_shows_it(
    client_for, coordinator, workshop, client
):
    response = client_for(coordinator).post(
        edit_url(workshop), workshop_data(workshop, question__ar="كيف نريد أن نعيش في 2040؟")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    workshop.refresh_from_db()
    assert workshop.translations == {"ar": {"question": "كيف نريد أن نعيش في 2040؟"}}
    assert workshop.question == "Wie wollen wir 2040 in Musterdorf leben?"
    entry = reverse("participate:entry", kwargs={"code": workshop.code})
    page = client.get(entry + "?sprache=ar").content.decode()
    assert '<p class="ws-question">كيف نريد أن نعيش في 2040؟</p>' in page
    # The title has no Arabic version: German, marked, with the note in Arabic.
    assert f'<h1 lang="de" dir="ltr">{workshop.title}</h1>' in page
    assert "غير مترجم – النص الأصلي باللغة الألمانية" in page


def test_other_kommune_cannot_save_workshop_translations(client_for, other_member, workshop):
    response = client_for(other_member).post(
        edit_url(workshop), workshop_data(workshop, title__tr="Saldırı")
    )
    assert response.status_code == 404
    workshop.refresh_from_db()
    assert workshop.translations == {}


def test_turkish_card_is_marked_on_the_german_board_and_console(
    client_for, coordinator, workshop, critique
):
    client = Client()  # the participant's device, apart from the moderator's
    entry = reverse("participate:entry", kwargs={"code": workshop.code})
    client.get(entry + "?sprache=tr")
    assert client.post(entry, {"pseudonym": "Ayşe", "consent": "on"}).status_code == 302
    create = reverse("participate:card_create", kwargs={"code": workshop.code})
    client.post(create, {"karte-text": "Otobüsler çok seyrek"})
    card = Card.objects.get()
    assert card.language == "tr"
    board = client.get(entry + "?sprache=de").content.decode()
    assert '<p class="ws-card-text" lang="tr" dir="ltr">Otobüsler çok seyrek</p>' in board
    console = client_for(coordinator).get(workshop.get_absolute_url()).content.decode()
    assert 'lang="tr" dir="ltr">Otobüsler çok seyrek' in console
    assert 'geschrieben in <span lang="tr" dir="ltr">Türkçe</span>' in console


def test_moderation_translates_a_card_and_the_board_marks_it(
    client_for, coordinator, member, workshop, critique
):
    client = Client()  # the participant's device, apart from the moderator's
    entry = reverse("participate:entry", kwargs={"code": workshop.code})
    client.get(entry + "?sprache=tr")
    client.post(entry, {"pseudonym": "Ayşe", "consent": "on"})
    client.post(
        reverse("participate:card_create", kwargs={"code": workshop.code}),
        {"karte-text": "Otobüsler çok seyrek"},
    )
    card = Card.objects.get()
    url = reverse(
        "workshops:card_edit",
        kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk, "card": card.pk},
    )
    data = {
        "text": card.text,
        "moderator_translation": "Die Busse fahren zu selten",
        "moderator_translation_language": "de",
    }
    assert client_for(member).post(url, data).status_code == 403
    card.refresh_from_db()
    assert card.moderator_translation == ""
    assert client_for(coordinator).post(url, data).status_code == 302
    card.refresh_from_db()
    assert (card.text, card.moderator_translation) == (
        "Otobüsler çok seyrek",
        "Die Busse fahren zu selten",
    )
    board = client.get(entry + "?sprache=tr").content.decode()
    assert "Moderasyonun çevirisi" in board
    assert '<p lang="de" dir="ltr">Die Busse fahren zu selten</p>' in board
    assert '<p class="ws-card-text">Otobüsler çok seyrek</p>' in board  # page is Turkish
