"""Ideensammlung pages: a participant introduces themselves, writes an idea (with photo and
place), comments, replies and supports; bad input gets a German message and stores nothing;
the team moderates and sets the status; outsiders and plain members cannot; the list costs a
constant number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.zwk.participation.factories import (
    make_collection,
    make_idea,
    make_participant,
    make_project,
    png_upload,
)
from zwk.participation import idea_services
from zwk.participation.models import (
    Idea,
    IdeaComment,
    IdeaParticipant,
    IdeaReport,
    IdeaStatus,
    IdeaSupport,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(municipality, coordinator):
    municipality.latitude, municipality.longitude = Decimal("49.40"), Decimal("8.69")
    municipality.save()
    return make_collection(make_project(municipality, by=coordinator), by=coordinator)


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


def introduce(client, collection, name="Oma Gerda", **extra):
    data = {"pseudonym": name, "age_group": "65-79", "district": "Oberdorf", "consent": "on"}
    data.update(extra)
    return client.post(pub("ideas_join", collection), data)


def idea_data(**extra):
    return {
        "submission": extra.pop("submission", "key-1"),
        "title": "Bank am Friedhof",
        "text": "Damit man sich ausruhen kann.",
        "place": "Friedhofsweg 2",
        "district": "Oberdorf",
        **extra,
    }


def test_participant_introduces_and_submits_an_idea_without_map(client, collection):
    response = client.get(pub("idea_create", collection))
    assert response.status_code == 302 and "vorstellen" in response["Location"]
    response = introduce(client, collection)
    assert response.status_code == 302
    assert response["Location"] == pub("idea_create", collection)
    person = IdeaParticipant.objects.get()
    assert (person.pseudonym, person.age_group, person.consent_version != "") == (
        "Oma Gerda",
        "65-79",
        True,
    )
    page = client.get(pub("idea_create", collection))
    assert "Sie schreiben als Oma Gerda" in page.content.decode()
    response = client.post(pub("idea_create", collection), idea_data())
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    # Double click: the same form again is stored once.
    again = client.post(pub("idea_create", collection), idea_data())
    assert again["Location"] == idea.get_absolute_url()
    assert Idea.objects.count() == 1
    listing = client.get(pub("ideas", collection)).content.decode()
    assert "Bank am Friedhof" in listing and "Friedhofsweg 2, Oberdorf" in listing
    assert "Oma Gerda" in client.get(idea.get_absolute_url()).content.decode()


def test_introduction_without_consent_stores_nobody(client, collection):
    response = introduce(client, collection, consent="")
    assert response.status_code == 400
    assert "Bitte stimmen Sie zu" in response.content.decode()
    assert not IdeaParticipant.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Dieses Feld ist zwingend erforderlich"),
        ({"text": "x" * 2001}, "höchstens 2000 Zeichen"),
        ({"latitude": "53.55", "longitude": "9.99"}, "liegt nicht in Musterdorf"),
        ({"latitude": "49.4"}, "Breiten- und Längengrad"),
        ({"latitude": "Marktplatz", "longitude": "8.7"}, "keine gültige Zahl"),
    ],
)
def test_bad_idea_input_gets_a_german_message_and_stores_nothing(client, collection, data, message):
    introduce(client, collection)
    response = client.post(pub("idea_create", collection), idea_data(**data))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Idea.objects.exists()
    assert "Bank am Friedhof" in response.content.decode() or data.get("title") == ""


def test_fake_photo_is_refused_and_real_photo_is_served(client, collection):
    from django.core.files.uploadedfile import SimpleUploadedFile

    introduce(client, collection)
    fake = SimpleUploadedFile("bild.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(pub("idea_create", collection), {**idea_data(), "photo": fake})
    assert response.status_code == 400
    assert "passt nicht zur Endung" in response.content.decode()
    assert not Idea.objects.exists()
    response = client.post(
        pub("idea_create", collection), {**idea_data(submission="k2"), "photo": png_upload()}
    )
    idea = Idea.objects.get()
    photo = client.get(pub("idea_photo", collection, idea=idea.pk))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    assert photo["X-Content-Type-Options"] == "nosniff"


def test_comment_reply_and_support(client, collection):
    idea = make_idea(collection)
    introduce(client, collection, "Jana")
    response = client.post(
        pub("idea_comment", collection, idea=idea.pk), {"text": "Gute Idee!", "submission": "c1"}
    )
    top = IdeaComment.objects.get()
    assert response["Location"].endswith(f"#kommentar-{top.pk}")
    client.post(
        pub("idea_comment", collection, idea=idea.pk),
        {"text": "Finde ich auch.", "submission": "c2", "parent": top.pk},
    )
    reply = IdeaComment.objects.get(parent=top)
    assert reply.author.pseudonym == "Jana"
    for _ in range(2):  # double click
        client.post(pub("idea_support", collection, idea=idea.pk))
    assert IdeaSupport.objects.filter(idea=idea).count() == 1
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "1 Person unterstützt diese Idee." in page
    assert "Sie unterstützen diese Idee." in page
    assert "2 Kommentare" in page and "Finde ich auch." in page


def test_empty_comment_is_refused(client, collection):
    idea = make_idea(collection)
    introduce(client, collection)
    response = client.post(
        pub("idea_comment", collection, idea=idea.pk), {"text": "", "submission": "c1"}
    )
    assert response.status_code == 400
    assert "Bitte prüfen Sie Ihre Eingaben" in response.content.decode()
    assert not IdeaComment.objects.exists()


def test_closed_phase_shows_why_and_takes_nothing(client, collection):
    idea = make_idea(collection)
    introduce(client, collection)
    phase = collection.phase
    phase.starts_on = timezone.localdate() - timedelta(days=30)
    phase.ends_on = timezone.localdate() - timedelta(days=2)
    phase.save()
    listing = client.get(pub("ideas", collection)).content.decode()
    assert "Die Ideensammlung ist seit dem" in listing and "Eigene Idee einreichen" not in listing
    response = client.post(pub("idea_create", collection), idea_data())
    assert response.status_code == 400
    client.post(pub("idea_support", collection, idea=idea.pk))
    client.post(pub("idea_comment", collection, idea=idea.pk), {"text": "x", "submission": "s"})
    assert Idea.objects.count() == 1
    assert not IdeaSupport.objects.exists() and not IdeaComment.objects.exists()


def test_participant_of_another_collection_must_introduce_again(client, collection, coordinator):
    other = make_collection(collection.project, by=coordinator, title="Zweite Sammlung")
    introduce(client, collection)
    response = client.get(pub("idea_create", other))
    assert response.status_code == 302 and "vorstellen" in response["Location"]


def test_report_reaches_the_team(client, collection, client_for, coordinator):
    idea = make_idea(collection)
    response = client.post(pub("idea_report", collection, idea=idea.pk), {"reason": "Werbung"})
    assert response.status_code == 302
    assert IdeaReport.objects.get().reason == "Werbung"
    empty = client.post(pub("idea_report", collection, idea=idea.pk), {"reason": ""})
    assert empty.status_code == 400 and IdeaReport.objects.count() == 1
    page = client_for(coordinator).get(team("idea", idea)).content.decode()
    assert "Offene Meldungen" in page and "Werbung" in page


def test_rate_limit_on_ideas(client, collection, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "participation.idea": "1/1h"}
    introduce(client, collection)
    client.post(pub("idea_create", collection), idea_data(submission="a"))
    response = client.post(pub("idea_create", collection), idea_data(submission="b"))
    assert response.status_code == 429
    assert "sehr viele Ideen" in response.content.decode()
    assert Idea.objects.count() == 1


def test_unpublished_project_is_hidden_from_the_public(client, collection, client_for, member):
    project = collection.project
    project.published = False
    project.save()
    assert client.get(pub("ideas", collection)).status_code == 404
    assert client_for(member).get(pub("ideas", collection)).status_code == 200


# --- Team ----------------------------------------------------------------------------------


def test_team_sets_status_with_reason_and_it_shows_publicly(client_for, collection, coordinator):
    idea = make_idea(collection)
    c = client_for(coordinator)
    refused = c.post(team("idea_status", idea), {"status": IdeaStatus.REJECTED, "reason": ""})
    assert refused.status_code == 400
    assert "warum die Idee nicht umsetzbar ist" in refused.content.decode()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.RECEIVED
    done = c.post(
        team("idea_status", idea),
        {"status": IdeaStatus.REJECTED, "reason": "Das Grundstück gehört der Bahn."},
    )
    assert done.status_code == 302
    page = c.get(idea.get_absolute_url()).content.decode()
    assert "nicht umsetzbar" in page and "Das Grundstück gehört der Bahn." in page
    assert idea.status_changes.count() == 2


def test_team_hides_answers_and_merges(client_for, collection, coordinator, client):
    idea = make_idea(collection, title="Bank")
    dup = make_idea(collection, title="Sitzbank")
    c = client_for(coordinator)
    c.post(team("idea_answer", idea), {"official_answer": "Wir stellen zwei Bänke auf."})
    c.post(team("idea_merge", dup), {"target": idea.pk})
    hidden = make_idea(collection, title="Werbung für Pizza")
    no_reason = c.post(team("idea_hide", hidden), {"reason": ""})
    assert no_reason.status_code == 400 and "Grund" in no_reason.content.decode()
    c.post(team("idea_hide", hidden), {"reason": "Werbung"})
    listing = client_for(None).get(pub("ideas", collection)).content.decode()
    assert "Bank" in listing and "Sitzbank" not in listing and "Pizza" not in listing
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Wir stellen zwei Bänke auf." in page
    assert "Zusammengeführt aus" in page and "Sitzbank" in page
    dup_page = client.get(dup.get_absolute_url()).content.decode()
    assert "zusammengeführt" in dup_page


def test_member_sees_but_cannot_moderate(client_for, collection, member):
    idea = make_idea(collection)
    c = client_for(member)
    assert c.get(team("idea", idea)).status_code == 200
    response = c.post(team("idea_hide", idea), {"reason": "Test"})
    assert response.status_code == 403
    idea.refresh_from_db()
    assert idea.hidden_reason == ""


def test_other_kommune_and_participants_cannot_use_team_pages(
    client_for, client, collection, other_member
):
    idea = make_idea(collection)
    assert (
        client_for(other_member).post(team("idea_hide", idea), {"reason": "x"}).status_code == 404
    )
    introduce(client_for(None), collection)
    response = client.post(team("idea_status", idea), {"status": "review"})
    assert response.status_code == 302 and "anmelden" in response["Location"]
    idea.refresh_from_db()
    assert idea.hidden_reason == "" and idea.status == IdeaStatus.RECEIVED


def test_office_can_moderate(client_for, collection, office_user):
    idea = make_idea(collection)
    response = client_for(office_user).post(team("idea_hide", idea), {"reason": "Spam"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.hidden_reason == "Spam"


# --- Queries -------------------------------------------------------------------------------


def _fill(collection, ideas, comments_each):
    people = [make_participant(collection, f"P{i}") for i in range(3)]
    rows = Idea.objects.bulk_create(
        [
            Idea(collection=collection, author=people[i % 3], title=f"Idee {i}", text="x")
            for i in range(ideas)
        ]
    )
    IdeaComment.objects.bulk_create(
        [
            IdeaComment(idea=idea, author=people[j % 3], text="k")
            for idea in rows
            for j in range(comments_each)
        ]
    )
    IdeaSupport.objects.bulk_create(
        [IdeaSupport(idea=idea, participant=p) for idea in rows[::2] for p in people]
    )


@pytest.mark.parametrize("sort", ["neu", "unterstuetzt", "diskutiert"])
def test_idea_list_queries_do_not_grow_with_ideas(client, collection, sort):
    url = pub("ideas", collection) + f"?sortierung={sort}&seite=2"
    _fill(collection, 25, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _fill(collection, 60, 4)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert page.status_code == 200
    assert len(large) == len(small) <= 12
    assert "Seite 2 von 5" in page.content.decode()


def test_sort_by_support_puts_the_most_supported_first(client, collection):
    quiet = make_idea(collection, title="Leise Idee")
    loud = make_idea(collection, title="Beliebte Idee")
    for i in range(3):
        idea_services.idea_support(idea=loud, participant=make_participant(collection, f"F{i}"))
    page = client.get(pub("ideas", collection) + "?sortierung=unterstuetzt").content.decode()
    assert page.index("Beliebte Idee") < page.index("Leise Idee")
    newest = client.get(pub("ideas", collection)).content.decode()
    assert newest.index("Beliebte Idee") < newest.index("Leise Idee")  # made later
    assert quiet.pk < loud.pk


# --- Ideenkarte ----------------------------------------------------------------------------


def test_map_lists_placed_ideas_and_allows_only_the_tile_host(client, collection, settings):
    settings.ZWK_MAP_TILE_URL = "https://kacheln.example.org/{z}/{x}/{y}.png"
    make_idea(collection, title="Brunnen", latitude="49.41", longitude="8.70", place="Markt")
    make_idea(collection, title="Ohne Ort")
    response = client.get(pub("ideas_map", collection))
    page = response.content.decode()
    assert "Brunnen" in page and "Ohne Ort" not in page.split("Die Ideen auf der Karte")[1]
    assert "1 Idee mit Ort auf der Karte." in page
    assert '"lat": 49.4' in page and '"zoom": 13' in page  # centred on the Kommune
    assert "https://kacheln.example.org" in response["Content-Security-Policy"]
    other = client.get(pub("ideas", collection))
    assert "kacheln.example.org" not in other["Content-Security-Policy"]
