"""Young participants (issue 17): a project's minimum age and note for under-16s on the join
form; the Schulklassen-Modus – the team creates a class code, the teacher confirms the consent
and releases or rejects the class's ideas and comments on a secret page, nothing of the class
is public before; wrong, unknown and expired codes get a German message and store nothing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.zwk.participation.factories import make_collection, make_idea, make_project
from zwk.participation import class_services
from zwk.participation.models import Idea, IdeaComment, IdeaParticipant, SchoolClass

pytestmark = pytest.mark.django_db


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


@pytest.fixture
def collection(municipality, coordinator):
    return make_collection(make_project(municipality, by=coordinator), by=coordinator)


def make_class(project, by, *, consent=True, name="7b Realschule am Park", **extra):
    school_class = class_services.class_create(
        school_class=SchoolClass(project=project, name=name, **extra), by=by
    )
    if consent:
        class_services.class_consent(school_class=school_class)
    return school_class


def class_client(client, collection, school_class):
    response = client.post(pub("class_join", collection), {"code": school_class.code})
    assert response.status_code == 302
    return client


# --- Minimum age and note for under-16s -----------------------------------------------------


def test_join_form_asks_for_the_minimum_age_and_refuses_without(client, collection):
    project = collection.project
    project.minimum_age, project.young_note = 14, "Sprich vorher mit deinen Eltern."
    project.save()
    page = client.get(pub("ideas_join", collection)).content.decode()
    assert "Ich bin mindestens 14 Jahre alt." in page
    assert "Sprich vorher mit deinen Eltern." in page
    assert (
        "Sprich vorher mit deinen Eltern."
        in client.get(project.get_absolute_url()).content.decode()
    )

    data = {"pseudonym": "Mia", "consent": "on"}
    refused = client.post(pub("ideas_join", collection), data)
    assert refused.status_code == 400
    assert "Personen ab 14 Jahren" in refused.content.decode()
    assert not IdeaParticipant.objects.exists()

    accepted = client.post(pub("ideas_join", collection), {**data, "old_enough": "on"})
    assert accepted.status_code == 302
    assert IdeaParticipant.objects.get().pseudonym == "Mia"


def test_without_minimum_age_no_age_question(client, collection):
    page = client.get(pub("ideas_join", collection)).content.decode()
    assert "Jahre alt" not in page
    response = client.post(pub("ideas_join", collection), {"pseudonym": "Opa", "consent": "on"})
    assert response.status_code == 302


# --- Team creates class codes ---------------------------------------------------------------


def test_coordinator_creates_a_class_code_shown_on_the_team_page(
    client_for, collection, coordinator
):
    project = collection.project
    url = reverse(
        "participation:class_create",
        kwargs={"slug": project.municipality.slug, "project": project.slug},
    )
    client = client_for(coordinator)
    response = client.post(url, {"name": "4a Grundschule", "teacher_email": "", "valid_until": ""})
    assert response.status_code == 302
    school_class = SchoolClass.objects.get()
    assert school_class.name == "4a Grundschule" and school_class.consent_at is None
    page = client.get(project.get_team_url()).content.decode()
    assert school_class.code in page and school_class.get_teacher_url() in page


def test_class_code_bad_input_stores_nothing(client_for, collection, coordinator):
    project = collection.project
    url = reverse(
        "participation:class_create",
        kwargs={"slug": project.municipality.slug, "project": project.slug},
    )
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_for(coordinator).post(
        url, {"name": "   ", "teacher_email": "kein-mail", "valid_until": yesterday}
    )
    assert response.status_code == 400
    assert "gültige E-Mail-Adresse" in response.content.decode()
    assert not SchoolClass.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("member", 403), ("other_member", 404), ("office_user", 200)]
)
def test_class_code_permission(request, client_for, collection, who, status):
    project = collection.project
    url = reverse(
        "participation:class_create",
        kwargs={"slug": project.municipality.slug, "project": project.slug},
    )
    client = client_for(request.getfixturevalue(who))
    assert client.get(url).status_code == status
    client.post(url, {"name": "9c"})
    assert SchoolClass.objects.exists() == (status == 200)


def test_anonymous_cannot_create_a_class_code(client, collection):
    project = collection.project
    url = reverse(
        "participation:class_create",
        kwargs={"slug": project.municipality.slug, "project": project.slug},
    )
    assert client.post(url, {"name": "9c"}).status_code == 302
    assert not SchoolClass.objects.exists()


# --- Class joins, teacher releases ----------------------------------------------------------


def test_class_contributions_are_held_back_until_the_teacher_releases_them(
    client, collection, coordinator
):
    school_class = make_class(collection.project, coordinator)
    class_client(client, collection, school_class)
    person = IdeaParticipant.objects.get(school_class=school_class)
    assert (person.pseudonym, person.age_group, person.district) == (school_class.name, "", "")

    response = client.post(
        pub("idea_create", collection),
        {"title": "Mehr Bänke am Schulweg", "text": "Zum Ausruhen.", "submission": "k1"},
        follow=True,
    )
    assert "sobald sie ihn freigibt" in response.content.decode()
    idea = Idea.objects.get()
    assert idea.awaiting_teacher
    # Not public: list, detail page and the team's count of visible ideas.
    assert "Mehr Bänke am Schulweg" not in client.get(pub("ideas", collection)).content.decode()
    assert client.get(pub("idea", collection, idea=idea.pk)).status_code == 404

    teacher = client.get(school_class.get_teacher_url()).content.decode()
    assert "Mehr Bänke am Schulweg" in teacher and "wartet auf Freigabe" in teacher
    decide = reverse("participation:teacher_decide", kwargs={"token": school_class.teacher_token})
    assert (
        client.post(decide, {"kind": "idee", "pk": idea.pk, "action": "freigeben"}).status_code
        == 302
    )
    assert "Mehr Bänke am Schulweg" in client.get(pub("ideas", collection)).content.decode()
    assert client.get(pub("idea", collection, idea=idea.pk)).status_code == 200


def test_class_comment_held_back_and_rejected_comment_is_gone(client, collection, coordinator):
    idea = make_idea(collection, title="Spielplatz")
    school_class = make_class(collection.project, coordinator)
    class_client(client, collection, school_class)
    client.post(
        pub("idea_comment", collection, idea=idea.pk),
        {"text": "Ja, mit Rutsche!", "submission": "c1"},
    )
    comment = IdeaComment.objects.get()
    assert comment.awaiting_teacher
    assert (
        "Ja, mit Rutsche!" not in client.get(pub("idea", collection, idea=idea.pk)).content.decode()
    )

    decide = reverse("participation:teacher_decide", kwargs={"token": school_class.teacher_token})
    client.post(decide, {"kind": "kommentar", "pk": comment.pk, "action": "ablehnen"})
    assert not IdeaComment.objects.exists()
    assert (
        "Ja, mit Rutsche!" not in client.get(pub("idea", collection, idea=idea.pk)).content.decode()
    )


def test_teacher_link_of_another_class_is_refused(client, collection, coordinator):
    mine = make_class(collection.project, coordinator)
    other = make_class(collection.project, coordinator, name="8c Gymnasium")
    class_client(client, collection, mine)
    client.post(
        pub("idea_create", collection),
        {"title": "Trinkbrunnen", "text": "Im Park.", "submission": "k2"},
    )
    idea = Idea.objects.get()
    assert "Trinkbrunnen" not in client.get(other.get_teacher_url()).content.decode()
    decide = reverse("participation:teacher_decide", kwargs={"token": other.teacher_token})
    response = client.post(decide, {"kind": "idee", "pk": idea.pk, "action": "freigeben"})
    assert response.status_code == 400
    assert "gehört zu einer anderen Klasse" in response.content.decode()
    idea.refresh_from_db()
    assert idea.awaiting_teacher
    assert client.get("/beteiligung/lehrkraft/falsch-geraten/").status_code == 404


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Bitte geben Sie den Klassencode ein."),
        ("ZZZZZZZZ", "Diesen Klassencode kennen wir für dieses Projekt nicht."),
        ("X" * 300, "Diesen Klassencode kennen wir für dieses Projekt nicht."),
    ],
)
def test_unknown_class_code_gets_a_german_message(client, collection, code, message):
    response = client.post(pub("class_join", collection), {"code": code})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not IdeaParticipant.objects.exists()


def test_expired_or_unconfirmed_class_code_is_refused(client, collection, coordinator):
    expired = make_class(collection.project, coordinator)
    expired.valid_until = timezone.localdate() - timedelta(days=1)
    expired.save()
    response = client.post(pub("class_join", collection), {"code": expired.code.lower()})
    assert response.status_code == 400
    assert "abgelaufen" in response.content.decode()

    waiting = make_class(collection.project, coordinator, consent=False, name="5d")
    response = client.post(pub("class_join", collection), {"code": waiting.code})
    assert "noch nicht bestätigt" in response.content.decode()
    assert not IdeaParticipant.objects.exists()

    consent = reverse("participation:teacher_consent", kwargs={"token": waiting.teacher_token})
    assert client.post(consent, {}).status_code == 400
    assert client.post(consent, {"consent": "1"}).status_code == 302
    response = client.post(pub("class_join", collection), {"code": f" {waiting.code.lower()} "})
    assert response.status_code == 302


def test_class_code_of_another_project_is_unknown(client, collection, coordinator, municipality):
    other_project = make_project(municipality, by=coordinator, slug="anderes")
    foreign = make_class(other_project, coordinator)
    response = client.post(pub("class_join", collection), {"code": foreign.code})
    assert response.status_code == 400
    assert not IdeaParticipant.objects.exists()


def test_a_class_is_one_participant_on_every_device(client, collection, coordinator):
    school_class = make_class(collection.project, coordinator)
    class_client(client, collection, school_class)
    class_client(Client(), collection, school_class)
    assert IdeaParticipant.objects.filter(school_class=school_class).count() == 1


def test_team_cannot_show_a_class_idea_before_the_teacher_decides(
    client, client_for, collection, coordinator
):
    school_class = make_class(collection.project, coordinator)
    class_client(client, collection, school_class)
    client.post(
        pub("idea_create", collection),
        {"title": "Schulhof grüner", "text": "Bäume.", "submission": "k3"},
    )
    idea = Idea.objects.get()
    url = reverse(
        "participation_team:idea_hide",
        kwargs={"slug": collection.project.municipality.slug, "idea": idea.pk},
    )
    response = client_for(coordinator).post(url, follow=True)
    assert "wartet auf die Freigabe durch die Lehrkraft" in response.content.decode()
    idea.refresh_from_db()
    assert idea.awaiting_teacher and idea.hidden_reason
    assert "Schulhof grüner" not in client.get(pub("ideas", collection)).content.decode()


def test_survey_start_asks_for_the_minimum_age(client, municipality, coordinator):
    from tests.zwk.participation.factories import make_survey

    project = make_project(municipality, by=coordinator, minimum_age=16, young_note="Frag mal.")
    survey = make_survey(project, by=coordinator)
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "Ich bin mindestens 16 Jahre alt." in page and "Frag mal." in page
    refused = client.post(survey.get_absolute_url(), {"consent": "on"})
    assert refused.status_code == 400
    assert "Personen ab 16 Jahren" in refused.content.decode()
    accepted = client.post(survey.get_absolute_url(), {"consent": "on", "old_enough": "on"})
    assert accepted.status_code == 302


# --- Retention ---------------------------------------------------------------------------


def test_after_the_retention_period_the_teachers_data_and_link_are_gone(
    client, collection, coordinator
):
    from zwk.participation.retention import school_classes_purge

    project = collection.project
    school_class = make_class(project, coordinator, teacher_email="lehrerin@schule.example")
    old_link = reverse("participation:teacher", kwargs={"token": school_class.teacher_token})
    assert client.get(old_link).status_code == 200
    later = collection.phase.ends_on + timedelta(days=project.retention_days + 1)
    assert school_classes_purge(today=later - timedelta(days=2)) == 0  # still kept
    assert school_classes_purge(today=later) == 1
    school_class.refresh_from_db()
    assert school_class.teacher_email == "" and school_class.consent_at is None
    assert school_class.name == "7b Realschule am Park"  # stays with released contributions
    assert client.get(old_link).status_code == 404
    assert school_classes_purge(today=later) == 0  # once only
