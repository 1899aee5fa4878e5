"""Following a whole participation project (``Follower.Kind.PROJECT``): offered on the public
project page and on its idea pages; double opt-in; a mail when an idea of the project gets a
new status or a measure that came from the project's ideas or featured answers moves on; one
mail per address; nothing for another project, nothing after unsubscribing."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.zwk.accountability.factories import make_chain
from tests.zwk.participation.factories import make_collection, make_idea, make_project
from zwk.accountability import services, tokens
from zwk.accountability.models import FeaturedAnswer, Follower
from zwk.participation import idea_services
from zwk.plans import services as plan_services

pytestmark = pytest.mark.django_db


def _url(name, municipality, **kwargs):
    return reverse(f"accountability:{name}", kwargs={"slug": municipality.slug, **kwargs})


@pytest.fixture
def project(municipality, coordinator):
    return make_project(municipality, by=coordinator, slug="ideen")


@pytest.fixture
def idea(project, coordinator):
    return make_idea(make_collection(project, by=coordinator), title="Sonntagsbus nach Oberdorf")


@pytest.fixture
def other_idea(municipality, coordinator):
    """An idea of another project of the same Kommune."""
    other = make_project(municipality, by=coordinator, slug="spielplaetze")
    return make_idea(make_collection(other, by=coordinator), title="Seilbahn am Spielplatz")


def _follow_by_form(client, municipality, project, email, capture):
    """Follow through the page a participant uses; returns the confirmation link it mailed."""
    mail.outbox.clear()
    data = {"beitrag": f"project-{project.pk}", "follow-email": email, "follow-consent": "on"}
    with capture(execute=True):
        response = client.post(_url("follow", municipality), data)
    assert response.status_code == 200
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in response.content.decode()
    (sent,) = mail.outbox
    assert sent.to == [email]
    assert "den Beiträgen des Beteiligungsprojekts „Zukunft gestalten“" in sent.body
    return re.search(r"https?://\S+/ergebnisse/bestaetigen/\S+/", sent.body).group(0)


def _confirm(client, link):
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.post(path)
    assert response.status_code == 200


def _follow(municipality, email, kind, object_id=0):
    services.follow_request(municipality=municipality, email=email, kind=kind, object_id=object_id)
    follower = Follower.objects.get(email=email, kind=kind)
    services.follower_confirm(municipality=municipality, token=tokens.confirm_token(follower))
    follower.refresh_from_db()
    return follower


def _set_idea_status(idea, by, capture, status="review", **kwargs):
    mail.outbox.clear()
    with capture(execute=True):
        idea_services.idea_status_set(idea=idea, status=status, by=by, **kwargs)
    return list(mail.outbox)


def test_the_project_page_and_its_idea_pages_offer_to_follow_the_whole_project(
    project, idea, municipality, client_for
):
    client = client_for(None)
    link = f"/kommunen/{municipality.slug}/ergebnisse/folgen/?beitrag=project-{project.pk}"
    project_page = client.get(project.get_absolute_url()).content.decode()
    assert f'href="{link}"' in project_page and "Ganzes Projekt verfolgen" in project_page
    idea_page = client.get(idea.get_absolute_url()).content.decode()
    assert f'href="{link}"' in idea_page and "Ganzes Projekt verfolgen" in idea_page
    form = client.get(link)
    assert form.status_code == 200
    assert "aus dem Beteiligungsprojekt „Zukunft gestalten“" in form.content.decode()


def test_after_confirming_a_status_change_of_an_idea_sends_exactly_one_mail(
    project, idea, municipality, coordinator, client_for, django_capture_on_commit_callbacks
):
    client = client_for(None)
    link = _follow_by_form(
        client, municipality, project, "ida@example.org", django_capture_on_commit_callbacks
    )
    # No mail without consent: the link is not clicked yet.
    assert _set_idea_status(idea, coordinator, django_capture_on_commit_callbacks) == []
    _confirm(client, link)
    follower = Follower.objects.get()
    assert follower.kind == "project" and follower.object_id == project.pk
    assert follower.status == "active" and follower.consented_at is not None

    (sent,) = _set_idea_status(
        idea,
        coordinator,
        django_capture_on_commit_callbacks,
        status="rejected",
        reason="Keine Fahrer gefunden.",
    )
    assert sent.to == ["ida@example.org"]
    assert "Die Idee „Sonntagsbus nach Oberdorf“ hat jetzt den Stand „nicht umsetzbar“" in sent.body
    assert "weil Sie dem Beteiligungsprojekt „Zukunft gestalten“ folgen" in sent.body
    assert "/ergebnisse/abmelden/" in sent.extra_headers["List-Unsubscribe"]


def test_an_idea_of_another_project_sends_no_mail(
    project, other_idea, municipality, coordinator, django_capture_on_commit_callbacks
):
    _follow(municipality, "ida@example.org", "project", project.pk)
    assert _set_idea_status(other_idea, coordinator, django_capture_on_commit_callbacks) == []


def test_an_unsubscribed_project_follower_gets_no_mail(
    project, idea, municipality, coordinator, client_for, django_capture_on_commit_callbacks
):
    follower = _follow(municipality, "ida@example.org", "project", project.pk)
    response = client_for(None).post(
        _url("unsubscribe", municipality, token=tokens.link_token(follower))
    )
    assert response.status_code == 200 and "Sie sind abgemeldet" in response.content.decode()
    assert _set_idea_status(idea, coordinator, django_capture_on_commit_callbacks) == []


def test_one_mail_per_address_for_the_idea_its_project_and_everything(
    project, idea, municipality, coordinator, django_capture_on_commit_callbacks
):
    idea_follow = _follow(municipality, "ida@example.org", "idea", idea.pk)
    _follow(municipality, "IDA@example.org", "project", project.pk)
    _follow(municipality, "ida@example.org", "all")
    _follow(municipality, "bert@example.org", "project", project.pk)
    sent = _set_idea_status(idea, coordinator, django_capture_on_commit_callbacks)
    assert sorted(m.to[0].lower() for m in sent) == ["bert@example.org", "ida@example.org"]
    to_ida = next(m for m in sent if m.to[0].lower() == "ida@example.org")
    # The most specific follow speaks: its unsubscribe link ends following the idea.
    assert "weil Sie einer Idee folgen" in to_ida.body
    # (read the token from the mail: a token made now may carry a later second)
    prefix = _url("unsubscribe", municipality, token="TOKEN").split("TOKEN")[0]
    token = re.search(re.escape(prefix) + r"([^\s/]+)/", to_ida.body).group(1)
    assert tokens.read(token, confirm=False) == (idea_follow.pk, idea_follow.link_key)


def test_a_measure_from_the_projects_idea_or_featured_answer_reaches_its_followers(
    project, idea, municipality, coordinator, django_capture_on_commit_callbacks
):
    chain = make_chain(municipality, coordinator)
    idea_services.idea_status_set(
        idea=idea, status="adopted", measure=chain.measure, by=coordinator
    )
    survey_project = make_project(municipality, by=coordinator, slug="befragung")
    # A featured survey answer whose answer row was purged: the project stays recorded.
    FeaturedAnswer.objects.create(
        municipality=municipality,
        project=survey_project,
        text="Ein Bus am Sonntag",
        source="Umfrage",
        answered_on=timezone.localdate(),
        measure=chain.measure,
    )
    unrelated = make_project(municipality, by=coordinator, slug="kultur")
    _follow(municipality, "ideen@example.org", "project", project.pk)
    _follow(municipality, "umfrage@example.org", "project", survey_project.pk)
    _follow(municipality, "kultur@example.org", "project", unrelated.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.measure_set_status(measure=chain.measure, by=coordinator, status="running")
    assert sorted(m.to[0] for m in mail.outbox) == ["ideen@example.org", "umfrage@example.org"]
    assert all("Die Maßnahme „Bürgerbus“" in m.body for m in mail.outbox)


def test_only_a_published_project_of_this_kommune_can_be_followed(
    project, municipality, other_municipality, coordinator, client_for
):
    draft = make_project(municipality, by=coordinator, slug="entwurf", published=False)
    foreign = make_project(other_municipality, slug="nachbar")
    client = client_for(None)
    for pk in (draft.pk, foreign.pk, 999999):
        key = f"project-{pk}"
        assert client.get(_url("follow", municipality), {"beitrag": key}).status_code == 404
        data = {"beitrag": key, "follow-email": "ida@example.org", "follow-consent": "on"}
        assert client.post(_url("follow", municipality), data).status_code == 404
    assert not Follower.objects.exists() and not mail.outbox
    # The other Kommune's own page accepts its own project.
    ok = client.get(_url("follow", other_municipality), {"beitrag": f"project-{foreign.pk}"})
    assert ok.status_code == 200
    # The team's preview of an unpublished project offers no follow link.
    preview = client_for(coordinator).get(draft.get_absolute_url()).content.decode()
    assert "Ganzes Projekt verfolgen" not in preview
