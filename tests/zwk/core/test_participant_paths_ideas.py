"""Ideensammlung, Ideenkarte and Schulklassen in all seven languages (issue 18).

Every page of these paths is walked in each of the six non-German languages – idea list with
sort, filters and pages, the map, "Kurz vorstellen" (with the minimum age), the new idea with
its errors (empty, too long, half a position, a place outside the Kommune), the idea page with
comments, replies, support (twice), reports, hidden and merged ideas, a closed collection, the
class joining with its code, the teacher's secret page (consent, release, reject) and the
team's form for a class code – while every gettext lookup is recorded (the fixture of
``test_participant_paths``). Each recorded text of ZWK must be translated in the catalogue of
the language; the templates of these paths may hold no text outside {% translate %}.
"""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.zwk.core import test_participant_paths as paths
from tests.zwk.core.catalogues import parse_po, third_party_msgids
from tests.zwk.participation.factories import (
    make_collection,
    make_idea,
    make_participant,
    make_project,
)
from zwk.participation import class_services, idea_services, idea_views
from zwk.participation.models import Idea, IdeaComment, IdeaStatus, SchoolClass

recorded = paths.recorded  # the fixture that records every msgid looked up
CATALOGUES, QUERY, LOCALE = paths.CATALOGUES, paths.QUERY, paths.LOCALE

IDEA_TEMPLATES = [
    "participation/templates/participation/ideas.html",
    "participation/templates/participation/ideas_map.html",
    "participation/templates/participation/ideas_join.html",
    "participation/templates/participation/idea_form.html",
    "participation/templates/participation/idea_detail.html",
    "participation/templates/participation/_idea_comment.html",
    "participation/templates/participation/class_join.html",
    "participation/templates/participation/teacher.html",
    "participation/templates/participation/_teacher_decide.html",
    "participation/templates/participation/form.html",
    "templates/includes/pagination.html",
]
# The team's form for a class code: its own texts (the rest of the team's pages – navigation,
# console – is not a participant path and stays German outside English).
CLASS_CREATE_TEXTS = [
    "Klassencode für eine Schulklasse",
    "Klasse und Schule",
    "Wird bei den Ideen der Klasse angezeigt, z. B. „7b Realschule am Park“.",
    "E-Mail der Lehrkraft (freiwillig)",
    "Gültig bis",
    "Leer lassen: gültig, solange die Phase der Ideensammlung läuft.",
    "Das Datum liegt in der Vergangenheit.",
    "Der Klassencode für „%(n)s“ ist angelegt: %(c)s. Geben Sie der Lehrkraft den Code und den "
    "Link für Lehrkräfte.",
    "Speichern",
    "Abbrechen",
]
# A phrase of each language that the idea list must show, and the page's <html lang dir>.
KNOWN = {
    "en": ("Submit your own idea", 'lang="en" dir="ltr"'),
    "de-ls": ("Eigene Idee schicken", 'lang="de" dir="ltr"'),
    "tr": ("Kendi fikrinizi gönderin", 'lang="tr" dir="ltr"'),
    "ar": ("أرسلوا فكرتكم", 'lang="ar" dir="rtl"'),
    "uk": ("Надіслати свою ідею", 'lang="uk" dir="ltr"'),
    "ru": ("Предложить свою идею", 'lang="ru" dir="ltr"'),
}

pytestmark = pytest.mark.django_db


def pub(name, collection, **kw):
    project = collection.project
    kwargs = {"slug": project.municipality.slug, "project": project.slug}
    return reverse(f"participation:{name}", kwargs={**kwargs, "collection": collection.pk, **kw})


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://zwk.example"


@pytest.fixture
def collection(municipality, coordinator):
    municipality.latitude, municipality.longitude = Decimal("49.40"), Decimal("8.69")
    municipality.save()
    project = make_project(municipality, by=coordinator, minimum_age=12)
    project.young_note = "Sprich vorher mit deinen Eltern."
    project.save(update_fields=["young_note"])
    return make_collection(project, by=coordinator)


@pytest.fixture
def ideas(collection, coordinator):
    """Three ideas: one with status, reason, answer and a hidden comment; a duplicate merged
    into it; one hidden by the team."""
    theme = collection.project.themes.first()
    first = make_idea(collection, title="Bank am Marktplatz", theme=theme, place="Marktplatz")
    first.latitude, first.longitude = 49.401, 8.691
    first.save(update_fields=["latitude", "longitude"])
    author = make_participant(collection, "Kommentator")
    comment, _ = idea_services.comment_add(
        idea=first, participant=author, text="Gute Idee!", submission_key="c-1"
    )
    idea_services.comment_add(
        idea=first,
        participant=author,
        text="Mit Lehne bitte.",
        submission_key="c-2",
        parent=comment,
    )
    spam, _ = idea_services.comment_add(
        idea=first, participant=author, text="Pizza!", submission_key="c-3"
    )
    idea_services.comment_hide(comment=spam, by=coordinator, reason="Werbung")
    idea_services.idea_status_set(
        idea=first, status=IdeaStatus.REVIEW, reason="Wir prüfen den Platz.", by=coordinator
    )
    idea_services.idea_answer(idea=first, by=coordinator, text="Zwei Bänke sind bestellt.")
    duplicate = make_idea(collection, title="Sitzbank am Markt")
    idea_services.idea_merge(duplicate=duplicate, target=first, by=coordinator)
    hidden = make_idea(collection, title="Pizza bestellen")
    idea_services.idea_hide(idea=hidden, by=coordinator, reason="Werbung")
    for title in ("Mehr Bäume", "Spielplatz am Bach"):  # a list of three pages (PER_PAGE 1)
        make_idea(collection, title=title)
    return first, duplicate, hidden


@pytest.fixture
def closed(municipality, coordinator):
    project = make_project(municipality, by=coordinator, slug="vorbei", open_now=False)
    return make_collection(project, by=coordinator, title="Ideen von früher")


@pytest.fixture
def classes(collection, coordinator):
    """A class whose teacher has not confirmed yet, and one whose code has expired."""
    project = collection.project
    waiting = make_class(project, coordinator, consent=False)
    expired = make_class(project, coordinator, name="8a Gymnasium")
    SchoolClass.objects.filter(pk=expired.pk).update(valid_until="2020-07-31")
    return waiting, expired


@pytest.fixture
def walked(collection, ideas, closed, classes, recorded):
    """Recording starts after the data are made: the team's audit messages (German in the
    log) are no participant text."""
    return recorded


def make_class(project, by, *, consent=True, name="7b Realschule am Park"):
    school_class = class_services.class_create(
        school_class=SchoolClass(project=project, name=name), by=by
    )
    if consent:
        class_services.class_consent(school_class=school_class)
    return school_class


def walk_ideas(client, collection, first, duplicate, hidden, language):
    """The participant's way through one collection, with every error a person can make."""
    q = "?sprache=" + QUERY[language]
    pages = [client.get(pub("ideas", collection) + q)]
    pages.append(client.get(pub("ideas", collection) + "?sortierung=unterstuetzt&stand=review"))
    pages.append(client.get(pub("ideas", collection) + "?sortierung=kaputt&seite=2"))
    pages.append(client.get(pub("ideas_map", collection)))
    for idea in (first, duplicate, hidden):
        pages.append(client.get(idea.get_absolute_url()))
    # support before introducing oneself: to the introduction
    support = pub("idea_support", collection, idea=first.pk)
    assert client.post(support)["Location"].startswith(pub("ideas_join", collection))
    pages.append(client.get(pub("ideas_join", collection)))
    pages.append(client.post(pub("ideas_join", collection), {"pseudonym": ""}))
    data = {"pseudonym": "Leyla", "age_group": "18-24", "consent": "on", "old_enough": "on"}
    assert client.post(pub("ideas_join", collection), data).status_code == 302
    new = pub("idea_create", collection)
    pages.append(client.get(new))
    idea = {"submission": f"k-{language}", "title": "Trinkbrunnen", "text": "Im Sommer."}
    pages.append(client.post(new, {**idea, "title": "", "text": ""}))  # empty idea
    pages.append(client.post(new, {**idea, "text": "x" * 2001}))  # too long
    pages.append(client.post(new, {**idea, "latitude": "49.4"}))  # half a position
    pages.append(client.post(new, {**idea, "latitude": "53.55", "longitude": "9.99"}))
    pages.append(client.post(new, {**idea, "latitude": "Markt", "longitude": "8.7"}))
    response = client.post(new, idea)
    assert response.status_code == 302, response.content.decode()[:2000]
    pages.append(client.get(response["Location"]))
    mine = Idea.objects.get(submission_key=f"k-{language}")
    support = pub("idea_support", collection, idea=first.pk)
    assert client.post(support).status_code == 302
    assert client.post(support).status_code == 302  # twice: "schon"
    pages.append(client.get(first.get_absolute_url()))
    comment_url = pub("idea_comment", collection, idea=first.pk)
    pages.append(client.post(comment_url, {"text": "", "submission": "e-1"}))
    pages.append(client.post(comment_url, {"text": "x" * 1001, "submission": "e-2"}))
    gone = {"text": "Ja!", "submission": "e-3", "parent": "999999"}
    pages.append(client.post(comment_url, gone))  # a reply to a comment that is gone
    reply = {"text": "Ja!", "submission": f"r-{language}"}
    reply["parent"] = IdeaComment.objects.filter(idea=first, parent=None).first().pk
    assert client.post(comment_url, reply).status_code == 302
    report = pub("idea_report", collection, idea=mine.pk)
    pages.append(client.post(report, {"reason": ""}))
    assert client.post(report, {"reason": "Doppelt"}).status_code == 302
    pages.append(client.get(mine.get_absolute_url()))
    return [page.content.decode() for page in pages]


def walk_closed(client, closed, language):
    q = "?sprache=" + QUERY[language]
    pages = [client.get(pub("ideas", closed) + q), client.get(pub("ideas_join", closed))]
    pages.append(client.get(pub("idea_create", closed)))
    pages.append(client.get(pub("class_join", closed)))
    return [page.content.decode() for page in pages]


def walk_school_class(client, collection, first, school_class, expired, language):
    """Teacher confirms, the class joins with its code and writes, the teacher decides."""
    teacher = Client()
    q = "?sprache=" + QUERY[language]
    pages = [teacher.get(school_class.get_teacher_url() + q)]
    consent = reverse("participation:teacher_consent", args=[school_class.teacher_token])
    pages.append(teacher.post(consent, {}))  # no tick
    pages.append(client.get(pub("class_join", collection) + q))
    pages.append(client.post(pub("class_join", collection), {"code": school_class.code}))
    assert teacher.post(consent, {"consent": "1"}).status_code == 302
    pages.append(teacher.get(school_class.get_teacher_url()))
    pages.append(client.post(pub("class_join", collection), {"code": ""}))
    pages.append(client.post(pub("class_join", collection), {"code": "FALSCH12"}))
    pages.append(client.post(pub("class_join", collection), {"code": expired.code}))
    response = client.post(pub("class_join", collection), {"code": school_class.code})
    assert response.status_code == 302
    pages.append(client.get(response["Location"]))
    idea = {"submission": f"class-{language}", "title": "Schulhof grüner", "text": "Bäume!"}
    response = client.post(pub("idea_create", collection), idea)
    assert response.status_code == 302
    pages.append(client.get(response["Location"]))
    comment = {"text": "Wir auch!", "submission": f"cc-{language}"}
    assert client.post(pub("idea_comment", collection, idea=first.pk), comment).status_code == 302
    pages.append(teacher.get(school_class.get_teacher_url()))
    decide = reverse("participation:teacher_decide", args=[school_class.teacher_token])
    pages.append(teacher.post(decide, {"action": "vielleicht"}))
    held = Idea.objects.get(submission_key=f"class-{language}")
    assert (
        teacher.post(decide, {"action": "freigeben", "kind": "idee", "pk": held.pk}).status_code
        == 302
    )
    held_comment = IdeaComment.objects.get(submission_key=f"cc-{language}")
    rejected = {"action": "ablehnen", "kind": "kommentar", "pk": held_comment.pk}
    assert teacher.post(decide, rejected).status_code == 302
    pages.append(teacher.get(school_class.get_teacher_url()))
    return [page.content.decode() for page in pages]


def walk_class_create(client, collection, language):
    project = collection.project
    url = reverse(
        "participation:class_create",
        kwargs={"slug": project.municipality.slug, "project": project.slug},
    )
    pages = [client.get(url + "?sprache=" + QUERY[language])]
    pages.append(client.post(url, {"name": "9c", "valid_until": "2020-01-01"}))
    response = client.post(url, {"name": "9c Mittelschule"})
    assert response.status_code == 302
    pages.append(client.get(response["Location"]))
    return [page.content.decode() for page in pages]


def _untranslated(language, keys):
    catalogue, _header = parse_po(LOCALE / CATALOGUES[language] / "LC_MESSAGES" / "django.po")
    # a text missing from the catalogue (makemessages not run) counts as untranslated too
    return sorted(key[0] for key in keys if not all(catalogue.get(key, [""])))


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_string_of_the_idea_and_class_paths_is_translated(
    language, coordinator, collection, ideas, closed, classes, walked, monkeypatch, client_for
):
    recorded = walked
    monkeypatch.setattr(idea_views, "PER_PAGE", 1)  # three pages: both page links shown
    html = walk_ideas(Client(), collection, *ideas, language)
    html += walk_closed(Client(), closed, language)
    html += walk_school_class(Client(), collection, ideas[0], *classes, language)
    shown = {key for key in recorded if key[0] and key not in third_party_msgids()}
    assert len(shown) > 120
    missing = _untranslated(language, shown)
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:10]}"
    text, lang_dir = KNOWN[language]
    assert text in html[0]
    assert f"<html {lang_dir}" in html[0]
    assert all(f"<html {lang_dir}" in page for page in html if "<html" in page)

    recorded.clear()
    walk_class_create(client_for(coordinator), collection, language)
    team_texts = {(text, None) for text in CLASS_CREATE_TEXTS}
    assert team_texts <= recorded, sorted(t for t, _ in team_texts - recorded)
    missing = _untranslated(language, team_texts)
    assert not missing, f"{language}: class code form untranslated: {missing}"


def test_german_content_of_the_kommune_is_marked_in_arabic(client, collection, ideas):
    first = ideas[0]
    listing = client.get(pub("ideas", collection) + "?sprache=ar").content.decode()
    assert re.search(r'<h1 lang="de" dir="ltr">Ideen für Musterdorf</h1>', listing)
    detail = client.get(first.get_absolute_url()).content.decode()
    assert '<p lang="de" dir="ltr">Wir prüfen den Platz.</p>' in detail  # the team's reason
    assert '<div lang="de" dir="ltr"><p>Zwei Bänke sind bestellt.</p></div>' in detail
    assert '<span lang="de" dir="ltr">Werbung</span>' in detail  # why a comment is hidden
    # dates isolated from the right-to-left text, the position left to right
    assert re.search(r"<bdi>[^<]*2\d{3}</bdi>", detail)
    assert re.search(r'<bdi dir="ltr">49[.,]40100, 8[.,]69100</bdi>', detail)
    german = Client().get(pub("ideas", collection) + "?sprache=de").content.decode()
    assert 'lang="de" dir="ltr">Ideen' not in german  # nothing to mark on a German page


def test_map_buttons_speak_the_page_language(client, collection, ideas):
    page = client.get(pub("ideas_map", collection) + "?sprache=uk").content.decode()
    config = re.search(r'id="idea-map-config" type="application/json">(.*?)</script>', page)
    assert '"zoom_in": "\\u0417' in config.group(1)  # „Збільшити карту“, JSON-escaped


def test_idea_and_class_templates_have_no_text_outside_translate(monkeypatch):
    monkeypatch.setattr(paths, "PARTICIPANT_TEMPLATES", IDEA_TEMPLATES)
    paths.test_participant_templates_have_no_text_outside_translate()
