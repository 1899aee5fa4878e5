"""Ideas of the Ideensammlung on the page and in the mails (zwk.participation's selector
``ideas_for_accountability`` and signal ``idea_status_changed``)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.zwk.accountability.factories import make_chain
from tests.zwk.participation.factories import make_collection, make_idea, make_project
from zwk.accountability import selectors, services, tokens
from zwk.accountability.models import Follower
from zwk.participation import idea_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(municipality, coordinator):
    project = make_project(municipality, by=coordinator, slug="ideen")
    return make_idea(make_collection(project, by=coordinator), title="Sonntagsbus nach Oberdorf")


def test_an_adopted_idea_shows_its_measure_and_own_status(
    idea, municipality, coordinator, client_for, django_capture_on_commit_callbacks
):
    chain = make_chain(municipality, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        idea_services.idea_status_set(
            idea=idea, status="adopted", measure=chain.measure, by=coordinator
        )
    row = next(r for r in selectors.contributions(municipality) if r.kind == "idea")
    assert row.text == "Sonntagsbus nach Oberdorf" and row.own_status
    assert [m.title for m in row.measures] == ["Bürgerbus"]
    html = (
        client_for(None)
        .get(reverse("accountability:public", kwargs={"slug": municipality.slug}))
        .content.decode()
    )
    assert "Sonntagsbus nach Oberdorf" in html and "in den Werkstattplan übernommen" in html


def test_idea_followers_get_a_mail_when_the_team_sets_a_status(
    idea, municipality, coordinator, django_capture_on_commit_callbacks
):
    services.follow_request(
        municipality=municipality, email="ida@example.org", kind="idea", object_id=idea.pk
    )
    follower = Follower.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        idea_services.idea_status_set(idea=idea, status="review", by=coordinator)
    assert mail.outbox == []  # not confirmed yet: no mail
    services.follower_confirm(municipality=municipality, token=tokens.confirm_token(follower))
    with django_capture_on_commit_callbacks(execute=True):
        idea_services.idea_status_set(
            idea=idea, status="rejected", reason="Keine Fahrer gefunden.", by=coordinator
        )
    (sent,) = mail.outbox
    assert sent.to == ["ida@example.org"]
    assert "Die Idee „Sonntagsbus nach Oberdorf“ hat jetzt den Stand „nicht umsetzbar“" in sent.body
    assert "/ergebnisse/abmelden/" in sent.body


def test_the_idea_mail_speaks_the_language_the_follower_followed_in(
    idea, municipality, coordinator, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        services.follow_request(
            municipality=municipality, email="ida@example.org", kind="idea", object_id=idea.pk
        )
    follower = Follower.objects.get()
    services.follower_confirm(municipality=municipality, token=tokens.confirm_token(follower))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        idea_services.idea_status_set(
            idea=idea, status="rejected", reason="Keine Fahrer gefunden.", by=coordinator
        )
    (sent,) = mail.outbox
    assert "“Sonntagsbus nach Oberdorf” now has the status “not feasible”" in sent.body
    assert "because you follow an idea." in sent.body


def test_the_idea_page_offers_to_follow_it_by_e_mail(idea, municipality, client_for):
    client = client_for(None)
    page = client.get(idea.get_absolute_url()).content.decode()
    link = f"/kommunen/{municipality.slug}/ergebnisse/folgen/?beitrag=idea-{idea.pk}"
    assert f'href="{link}"' in page
    form = client.get(link)
    assert form.status_code == 200 and "Sonntagsbus nach Oberdorf" in form.content.decode()
