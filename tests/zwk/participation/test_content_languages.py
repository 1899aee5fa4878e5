"""Content in several languages (issue 18, item 3 and 4) on the Beteiligungsprojekte.

The team enters translations of its texts (German stays the fallback); a page in another
language shows German text marked ``lang="de"`` with the note "Nicht übersetzt"; ideas and
comments keep the language they were written in; the moderation adds a translation that is
shown next to the original and marked as such. Outsiders cannot save any of it.
"""

import re

import pytest
from django.urls import reverse

from tests.zwk.participation.factories import (
    make_collection,
    make_idea,
    make_project,
    make_survey,
    q,
)
from zwk.participation.models import Idea, IdeaComment, Project, Question

pytestmark = pytest.mark.django_db

HINT_TR = "Çevrilmedi – Almanca orijinal metin"
HINT_DE = "Nicht übersetzt – Originaltext auf Deutsch"


@pytest.fixture
def project(municipality, coordinator):
    return make_project(municipality, by=coordinator)


@pytest.fixture
def collection(project, coordinator):
    return make_collection(project, by=coordinator)


def project_data(project, **extra):
    return {
        "title": project.title,
        "slug": project.slug,
        "description": project.description,
        "retention_days": "180",
        "published": "on",
        **extra,
    }


def edit_url(project):
    return reverse(
        "participation_team:edit", kwargs={"slug": project.municipality.slug, "pk": project.pk}
    )


def element_with(page: str, text: str) -> str:
    """The opening tag of the element whose text starts with ``text``."""
    match = re.search(r"<(\w+)([^>]*)>\s*" + re.escape(text), page)
    assert match, f"{text!r} not in page"
    return match.group(0)


# --- Texts of the Kommune ------------------------------------------------------------------


def test_team_form_offers_a_section_per_language(client_for, coordinator, project):
    page = client_for(coordinator).get(edit_url(project)).content.decode()
    assert "Übersetzungen" in page
    for name in ("Türkçe", "العربيّة", "Українська", "Русский", "Leichte Sprache", "English"):
        assert name in page
    assert 'name="title__tr"' in page and 'name="description__ar"' in page
    assert 'lang="ar" dir="auto"' in page  # Arabic is typed right to left


def test_team_saves_translations_and_turkish_page_shows_them(
    client_for, coordinator, project, client
):
    response = client_for(coordinator).post(
        edit_url(project),
        project_data(project, title__tr="Geleceği birlikte kuralım", description__uk="Як жити?"),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Zukunft gestalten"  # German stays
    assert project.translations == {
        "tr": {"title": "Geleceği birlikte kuralım"},
        "uk": {"description": "Як жити?"},
    }
    page = client.get(project.get_absolute_url() + "?sprache=tr").content.decode()
    assert "<h1>Geleceği birlikte kuralım</h1>" in page
    # The description has no Turkish version: German, marked and announced.
    assert 'lang="de" dir="ltr">' in element_with(page, "<p>Wie wollen wir leben?")
    assert HINT_TR in page
    german = client.get(project.get_absolute_url() + "?sprache=de").content.decode()
    assert "<h1>Zukunft gestalten</h1>" in german and HINT_DE not in german


def test_fully_translated_page_has_no_hint(client, project):
    project.translations = {"uk": {"title": "Майбутнє", "description": "Як жити?"}}
    project.save()
    page = client.get(project.get_absolute_url() + "?sprache=uk").content.decode()
    assert "Майбутнє" in page and "Не перекладено" not in page


def test_other_kommune_member_and_participant_cannot_save_translations(
    client_for, other_member, member, client, project
):
    data = project_data(project, title__tr="Saldırı")
    assert client_for(other_member).post(edit_url(project), data).status_code == 404
    assert client_for(member).post(edit_url(project), data).status_code == 403
    response = client_for(None).post(edit_url(project), data)
    assert response.status_code == 302 and "anmelden" in response["Location"]
    project.refresh_from_db()
    assert project.translations == {}


def test_question_options_are_translated_by_position(client_for, coordinator, project, client):
    survey = make_survey(project, by=coordinator, questions=False)
    question = q(survey, Question.Kind.SINGLE, "Wie kommen Sie her?", options=["Bus", "Rad"])
    url = reverse(
        "participation_team:question_edit",
        kwargs={"slug": project.municipality.slug, "survey": survey.pk, "question": question.pk},
    )
    data = {
        "kind": "single",
        "text": "Wie kommen Sie her?",
        "options_text": "Bus\nRad",
        "page": "1",
        "position": "1",
        "text__tr": "Buraya nasıl geliyorsunuz?",
        "options__tr": "Otobüs",  # one line for two options
    }
    response = client_for(coordinator).post(url, data)
    assert response.status_code == 400
    assert "Bitte genau so viele Zeilen wie auf Deutsch (2)" in response.content.decode()
    question.refresh_from_db()
    assert question.translations == {}
    data["options__tr"] = "Otobüs\nBisiklet"
    assert client_for(coordinator).post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.translations["tr"]["options"] == ["Otobüs", "Bisiklet"]
    assert question.options == ["Bus", "Rad"]  # answers keep pointing to the German options

    assert client.post(survey.get_absolute_url(), {"consent": "on"}).status_code == 302
    page_url = reverse(
        "participation:survey_page",
        kwargs={
            "slug": project.municipality.slug,
            "project": project.slug,
            "survey": survey.pk,
            "page": 1,
        },
    )
    page = client.get(page_url + "?sprache=tr").content.decode()
    assert "Buraya nasıl geliyorsunuz?" in page and "Bisiklet" in page
    # The survey title is German only: marked and announced.
    assert 'lang="de"' in element_with(page, survey.title) and HINT_TR in page
    # Choosing the Turkish label stores the German option's position.
    assert client.post(page_url, {f"q{question.pk}": "1"}).status_code == 302


def test_german_question_on_a_turkish_page_is_marked(client, coordinator, project):
    survey = make_survey(project, by=coordinator, questions=False)
    q(survey, Question.Kind.TEXT, "Was fehlt Ihnen?")
    client.post(survey.get_absolute_url(), {"consent": "on"})
    page = client.get(
        reverse(
            "participation:survey_page",
            kwargs={
                "slug": project.municipality.slug,
                "project": project.slug,
                "survey": survey.pk,
                "page": 1,
            },
        )
        + "?sprache=tr"
    ).content.decode()
    assert '<span lang="de" dir="ltr">Was fehlt Ihnen?</span>' in page
    assert HINT_TR in page


# --- Contributions -------------------------------------------------------------------------


def test_turkish_free_text_answer_is_marked_for_the_team(client, client_for, coordinator, project):
    survey = make_survey(project, by=coordinator, questions=False)
    question = q(survey, Question.Kind.TEXT, "Was fehlt Ihnen?")
    client.get(survey.get_absolute_url() + "?sprache=tr")
    client.post(survey.get_absolute_url(), {"consent": "on"})
    page_url = reverse(
        "participation:survey_page",
        kwargs={
            "slug": project.municipality.slug,
            "project": project.slug,
            "survey": survey.pk,
            "page": 1,
        },
    )
    response = client.post(
        page_url, {f"q{question.pk}": "Akşamları otobüs yok", "submission": "s1"}
    )
    assert response.status_code == 302
    results = client_for(coordinator).get(
        reverse(
            "participation_team:results",
            kwargs={"slug": project.municipality.slug, "survey": survey.pk},
        )
    )
    page = results.content.decode()
    assert '<span lang="tr" dir="ltr">Akşamları otobüs yok</span>' in page
    assert 'geschrieben in <span lang="tr" dir="ltr">Türkçe</span>' in page


def pub(name, collection, **kw):
    project = collection.project
    return reverse(
        f"participation:{name}",
        kwargs={
            "slug": project.municipality.slug,
            "project": project.slug,
            "collection": collection.pk,
            **kw,
        },
    )


def team(name, idea, **kw):
    return reverse(
        f"participation_team:{name}",
        kwargs={"slug": idea.collection.project.municipality.slug, "idea": idea.pk, **kw},
    )


def write_in_turkish(client, collection):
    client.get(pub("ideas", collection) + "?sprache=tr")  # the device remembers Türkçe
    join = {"pseudonym": "Ayşe", "age_group": "25-39", "consent": "on"}
    assert client.post(pub("ideas_join", collection), join).status_code == 302
    response = client.post(
        pub("idea_create", collection),
        {"submission": "k1", "title": "Parkta bank", "text": "Yaşlılar dinlenebilsin."},
    )
    assert response.status_code == 302
    idea = Idea.objects.get()
    client.post(
        pub("idea_comment", collection, idea=idea.pk),
        {"text": "Çok iyi fikir!", "submission": "c1"},
    )
    return idea


def test_turkish_idea_and_comment_keep_their_language_on_a_german_page(client, collection):
    idea = write_in_turkish(client, collection)
    comment = IdeaComment.objects.get()
    assert (idea.language, comment.language) == ("tr", "tr")
    page = client.get(idea.get_absolute_url() + "?sprache=de").content.decode()
    assert '<h1 lang="tr" dir="ltr">Parkta bank</h1>' in page
    assert 'lang="tr" dir="ltr"' in element_with(page, "<p>Yaşlılar dinlenebilsin.")
    assert 'lang="tr" dir="ltr"' in element_with(page, "<p>Çok iyi fikir!")
    listing = client.get(pub("ideas", collection)).content.decode()
    assert 'lang="tr" dir="ltr">Parkta bank' in listing
    # On a Turkish page the Turkish idea needs no mark, the German collection title does.
    turkish = client.get(idea.get_absolute_url() + "?sprache=tr").content.decode()
    assert "<h1>Parkta bank</h1>" in turkish
    assert f'lang="de" dir="ltr">{collection.title}' in turkish


def test_moderators_see_the_language_and_add_a_marked_translation(
    client, client_for, coordinator, collection
):
    idea = write_in_turkish(client, collection)
    comment = IdeaComment.objects.get()
    moderator = client_for(coordinator)
    team_page = moderator.get(team("idea", idea)).content.decode()
    assert 'geschrieben in <span lang="tr" dir="ltr">Türkçe</span>' in team_page
    assert "Übersetzung hinzufügen" in team_page
    response = moderator.post(
        team("idea_translate", idea),
        {
            f"idee{idea.pk}-moderator_translation": "Bank im Park: damit Ältere sich ausruhen.",
            f"idee{idea.pk}-moderator_translation_language": "de",
        },
    )
    assert response["Location"] == team("idea", idea) + "#uebersetzung"
    response = moderator.post(
        team("idea_comment_translate", idea, comment=comment.pk),
        {
            f"k{comment.pk}-moderator_translation": "Sehr gute Idee!",
            f"k{comment.pk}-moderator_translation_language": "de",
        },
        follow=True,
    )
    assert response.redirect_chain == [(team("idea", idea) + f"#kommentar-{comment.pk}", 302)]
    assert "Die Übersetzung ist gespeichert." in response.content.decode()
    idea.refresh_from_db()
    comment.refresh_from_db()
    assert idea.moderator_translation_language == "de"
    assert comment.moderator_translation == "Sehr gute Idee!"
    page = client.get(idea.get_absolute_url() + "?sprache=de").content.decode()
    assert "Übersetzung durch die Moderation" in page
    assert "Bank im Park: damit Ältere sich ausruhen." in page and "Sehr gute Idee!" in page
    assert "Yaşlılar dinlenebilsin." in page  # the original stays
    # On a Turkish page the German translation carries lang="de".
    turkish = client.get(idea.get_absolute_url() + "?sprache=tr").content.decode()
    assert 'lang="de" dir="ltr">Bank im Park' in turkish
    assert "Moderasyonun çevirisi" in turkish
    # Saving it empty removes it.
    moderator.post(
        team("idea_translate", idea),
        {
            f"idee{idea.pk}-moderator_translation": "",
            f"idee{idea.pk}-moderator_translation_language": "de",
        },
    )
    idea.refresh_from_db()
    assert idea.moderator_translation == "" and idea.moderator_translation_language == ""


def test_only_the_kommunes_moderators_may_translate(
    client_for, client, member, other_member, collection
):
    idea = make_idea(collection)
    data = {
        f"idee{idea.pk}-moderator_translation": "x",
        f"idee{idea.pk}-moderator_translation_language": "de",
    }
    assert client_for(other_member).post(team("idea_translate", idea), data).status_code == 404
    assert client_for(member).post(team("idea_translate", idea), data).status_code == 403
    response = client_for(None).post(team("idea_translate", idea), data)
    assert response.status_code == 302 and "anmelden" in response["Location"]
    idea.refresh_from_db()
    assert idea.moderator_translation == ""


def test_unknown_translation_language_is_refused_in_german(client_for, coordinator, collection):
    idea = make_idea(collection)
    response = client_for(coordinator).post(
        team("idea_translate", idea),
        {
            f"idee{idea.pk}-moderator_translation": "x",
            f"idee{idea.pk}-moderator_translation_language": "xx",
        },
        follow=True,
    )
    assert "Bitte eine gültige Auswahl treffen." in response.content.decode()
    idea.refresh_from_db()
    assert idea.moderator_translation == ""


def test_project_model_keeps_german_in_its_columns(project):
    project.translations = {"tr": {"title": "Gelecek"}}
    project.save()
    assert Project.objects.get(pk=project.pk).title == "Zukunft gestalten"
