"""Entwurf diskutieren (issue 18, item 3): a comment keeps the language it was written in
(lang attribute, "geschrieben in …" for the team) and the team can add one translation, shown
next to the original and marked as such."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.zwk.consultation.factories import comment
from zwk.consultation.models import PublicComment

pytestmark = pytest.mark.django_db


def turkish_comment(consultation):
    with translation.override("tr"):
        return comment(consultation, body="Pazar yerine daha fazla bank lütfen.")


def translate_url(m, c):
    return reverse("consultation:translate", kwargs={"slug": m.slug, "pk": c.pk})


def test_comment_keeps_the_language_it_was_written_in(client, municipality, consultation):
    c = turkish_comment(consultation)
    german = comment(consultation, body="Mehr Schatten am Spielplatz.")
    assert (c.language, german.language) == ("tr", "de")
    page = client.get(reverse("consultation:draft", kwargs={"slug": municipality.slug}))
    html = page.content.decode()
    assert '<div class="kern-body" lang="tr" dir="ltr"><p>Pazar yerine' in html
    # The public page does not label the writer's language; only the team sees it.
    assert "geschrieben in" not in html


def test_team_sees_the_language_and_adds_a_translation(
    client_for, client, municipality, consultation, member
):
    c = turkish_comment(consultation)
    team = client_for(member)
    team_page = team.get(reverse("consultation:team", kwargs={"slug": municipality.slug}))
    html = team_page.content.decode()
    assert 'geschrieben in <span lang="tr" dir="ltr">Türkçe</span>' in html
    assert translate_url(municipality, c) in html
    form = team.get(translate_url(municipality, c)).content.decode()
    assert "Pazar yerine daha fazla bank" in form and 'name="moderator_translation"' in form
    response = team.post(
        translate_url(municipality, c),
        {
            "moderator_translation": "Bitte mehr Bänke am Marktplatz.",
            "moderator_translation_language": "de",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#kommentar-{c.pk}")
    public = client.get(
        reverse("consultation:draft", kwargs={"slug": municipality.slug}) + "?sprache=tr"
    ).content.decode()
    assert "Pazar yerine daha fazla bank" in public
    assert '<p lang="de" dir="ltr">Bitte mehr Bänke am Marktplatz.</p>' in public
    # Saving an empty text removes the translation again.
    team.post(
        translate_url(municipality, c),
        {"moderator_translation": "", "moderator_translation_language": "de"},
    )
    c.refresh_from_db()
    assert (c.moderator_translation, c.moderator_translation_language) == ("", "")


def test_bad_translation_language_is_refused_with_a_german_message(
    client_for, municipality, consultation, member
):
    c = turkish_comment(consultation)
    response = client_for(member).post(
        translate_url(municipality, c),
        {"moderator_translation": "Übersetzt", "moderator_translation_language": "xx"},
    )
    assert response.status_code == 400
    assert "keine gültige Auswahl" in response.content.decode()
    assert not PublicComment.objects.get(pk=c.pk).moderator_translation


def test_translation_permissions(client_for, municipality, consultation, other_member, member):
    c = turkish_comment(consultation)
    url = translate_url(municipality, c)
    data = {"moderator_translation": "x", "moderator_translation_language": "de"}
    anonymous = client_for(None)
    assert anonymous.get(url)["Location"].startswith(reverse("accounts:login"))
    assert anonymous.post(url, data)["Location"].startswith(reverse("accounts:login"))
    assert client_for(other_member).post(url, data).status_code == 404
    assert not PublicComment.objects.get(pk=c.pk).moderator_translation
    # Everyone who works in the Kommune moderates comments (as answering and hiding).
    assert client_for(member).post(url, data).status_code == 302
