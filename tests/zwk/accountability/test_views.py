"""The public page, the team page and the follow links: who sees what, bad input."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory, membership
from tests.zwk.accountability.factories import make_chain
from zwk.accountability import services, tokens
from zwk.accountability.models import FeaturedAnswer, Follower
from zwk.municipalities.models import Membership

pytestmark = pytest.mark.django_db


def _url(name, municipality, **kwargs):
    return reverse(f"accountability:{name}", kwargs={"slug": municipality.slug, **kwargs})


@pytest.fixture
def chain(municipality, coordinator):
    return make_chain(municipality, coordinator)


@pytest.mark.parametrize("role", ["anonymous", "member", "coordinator", "office", "other"])
def test_public_page_shows_the_trail_to_everyone_without_pseudonyms(
    role, chain, municipality, member, coordinator, office_user, other_member, client_for
):
    users = {
        "anonymous": None,
        "member": member,
        "coordinator": coordinator,
        "office": office_user,
        "other": other_member,
    }
    page = client_for(users[role]).get(_url("public", municipality))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ein Bürgerbus für die Dörfer" in html
    assert "Projektskizze: Bürgerbus" in html and "geplant" in html
    assert "Wolke7" not in html and "Beleidigender Text" not in html
    assert "Ein Open-Air-Kino" not in html
    # the team link to feature survey answers only for those who work in the Kommune
    assert (_url("team", municipality) in html) == (role in ("member", "coordinator", "office"))


def test_unpublished_plan_is_404_outside_and_an_empty_state_inside(
    municipality, coordinator, client_for
):
    make_chain(municipality, coordinator, publish=False)
    assert client_for(None).get(_url("public", municipality)).status_code == 404
    page = client_for(coordinator).get(_url("public", municipality)).content.decode()
    assert "Noch ist kein Beitrag in den veröffentlichten Werkstattplan eingeflossen" in page
    assert "Ein Bürgerbus" not in page


def test_another_kommunes_page_shows_only_its_own_chain(
    chain, municipality, other_municipality, client_for
):
    other_coordinator = UserFactory(username="koord-nachbar")
    membership(other_coordinator, other_municipality, Membership.Role.COORDINATOR)
    make_chain(other_municipality, other_coordinator, suffix="n")
    FeaturedAnswer.objects.create(
        municipality=municipality,
        text="Geheimer Wunsch aus Musterdorf",
        source="Umfrage",
        answered_on=chain.workshop.starts_at.date(),
    )
    html = client_for(other_coordinator).get(_url("public", other_municipality)).content.decode()
    assert "Ein Bürgerbus für die Dörfer" in html  # its own card
    assert "Geheimer Wunsch aus Musterdorf" not in html
    assert len(re.findall(r'class="kern-card kern-card--hug contribution"', html)) == 1


def test_filters_and_bad_filter_values(chain, municipality, client_for):
    client = client_for(None)
    done = client.get(_url("public", municipality), {"status": "done"})
    assert "Zu diesem Filter gibt es keine Beiträge." in done.content.decode()
    bad = client.get(_url("public", municipality), {"status": "kaputt", "handlungsfeld": "x"})
    assert bad.status_code == 400
    assert "Bitte prüfen Sie Ihre Eingaben" in bad.content.decode()
    assert "Ein Bürgerbus" in bad.content.decode()  # unfiltered list, no 500
    page = client.get(_url("public", municipality), {"seite": "999"})
    assert page.status_code == 200 and "Ein Bürgerbus" in page.content.decode()


def test_follow_sends_one_confirmation_and_stores_no_consent_yet(
    chain, municipality, client_for, django_capture_on_commit_callbacks
):
    client = client_for(None)
    key = f"card-{chain.card.pk}"
    form = client.get(_url("follow", municipality), {"beitrag": key})
    assert "Ein Bürgerbus für die Dörfer" in form.content.decode()
    data = {"beitrag": key, "follow-email": "ida@example.org", "follow-consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("follow", municipality), data)
    assert response.status_code == 200
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in response.content.decode()
    follower = Follower.objects.get()
    assert follower.status == "pending" and follower.consented_at is None
    assert follower.object_id == chain.card.pk
    (sent,) = mail.outbox
    assert sent.to == ["ida@example.org"]
    # The token holds a timestamp: follow the link from the mail instead of making one anew
    # (a token made a second later differs, which made this test fail now and then).
    prefix = _url("confirm", municipality, token="TOKEN").split("TOKEN")[0]
    link = re.search(re.escape(prefix) + r"[^\s/]+/", sent.body).group(0)
    client.post(link)
    follower.refresh_from_db()
    assert follower.status == "active" and follower.consented_at is not None


@pytest.mark.parametrize(
    "data, message",
    [
        ({"follow-email": "kein-at", "follow-consent": "on"}, "gültige E-Mail-Adresse"),
        ({"follow-email": "ida@example.org"}, "Bitte bestätigen Sie, dass Sie E-Mails"),
    ],
)
def test_follow_bad_input_stores_nothing(chain, municipality, client_for, data, message):
    response = client_for(None).post(_url("follow", municipality), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Follower.objects.exists() and not mail.outbox


def test_following_another_kommunes_or_a_hidden_card_is_refused(chain, municipality, client_for):
    client = client_for(None)
    for key in (f"card-{chain.hidden_card.pk}", f"card-{chain.other_card.pk}", "card-x", "x-1"):
        response = client.get(_url("follow", municipality), {"beitrag": key})
        assert response.status_code == 404
        assert "Diesen Beitrag gibt es hier nicht" in response.content.decode()
    assert not Follower.objects.exists()


def _pending(municipality, chain, email="ida@example.org"):
    services.follow_request(
        municipality=municipality, email=email, kind="card", object_id=chain.card.pk
    )
    return Follower.objects.get(email=email)


def test_confirm_link_get_shows_a_button_post_confirms_once(chain, municipality, client_for):
    follower = _pending(municipality, chain)
    url = _url("confirm", municipality, token=tokens.confirm_token(follower))
    client = client_for(None)
    assert "Ja, E-Mails erhalten" in client.get(url).content.decode()
    follower.refresh_from_db()
    assert follower.status == "pending"  # a link scanner's GET confirms nothing
    assert "Sie folgen jetzt" in client.post(url).content.decode()
    follower.refresh_from_db()
    assert follower.status == "active" and follower.consented_at is not None
    assert "bereits verwendet" in client.post(url).content.decode()


def test_bad_or_foreign_tokens_are_refused(chain, municipality, other_municipality, client_for):
    follower = _pending(municipality, chain)
    client = client_for(None)
    for url in (
        _url("confirm", municipality, token="kaputt"),
        _url("confirm", other_municipality, token=tokens.confirm_token(follower)),
        _url("unsubscribe", municipality, token="kaputt"),
        _url("unsubscribe", other_municipality, token=tokens.link_token(follower)),
    ):
        response = client.post(url)
        assert response.status_code == 404
        assert "Dieser Link ist ungültig" in response.content.decode()
    follower.refresh_from_db()
    assert follower.status == "pending"


def test_unsubscribe_in_one_click(chain, municipality, client_for):
    follower = _pending(municipality, chain)
    services.follower_confirm(municipality=municipality, token=tokens.confirm_token(follower))
    url = _url("unsubscribe", municipality, token=tokens.link_token(follower))
    client = client_for(None)
    client.handler.enforce_csrf_checks = True  # a mail program posts without a CSRF token
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "Sie sind abgemeldet" in response.content.decode()
    follower.refresh_from_db()
    assert follower.status == "unsubscribed" and follower.unsubscribed_at is not None


def test_team_features_an_answer_with_its_measure(chain, municipality, coordinator, client_for):
    from tests.zwk.participation.factories import add_questions, make_project
    from zwk.participation import services as participation_services
    from zwk.participation.models import Survey

    project = make_project(municipality, by=coordinator, slug="befragung")
    survey = participation_services.survey_save(
        survey=Survey(project=project, phase=project.phases.first(), title="Bürgerbefragung"),
        by=coordinator,
    )
    add_questions(survey, by=coordinator)
    question = survey.questions.get(text__startswith="Was möchten")
    participation_services.response_submit(
        survey=survey,
        values={question.pk: "Ein Bus am Sonntag wäre schön"},
        submission_key="k1",
        paper=True,
        by=coordinator,
    )
    answer = question.answers.get()
    client = client_for(coordinator)
    team = client.get(_url("team", municipality)).content.decode()
    assert "Ein Bus am Sonntag wäre schön" in team
    bad = client.post(
        _url("team", municipality), {"feature-answer": answer.pk, "feature-measure": 999999}
    )
    assert bad.status_code == 400 and not FeaturedAnswer.objects.exists()
    client.post(
        _url("team", municipality),
        {"feature-answer": answer.pk, "feature-measure": chain.measure.pk},
    )
    featured = FeaturedAnswer.objects.get()
    assert featured.measure == chain.measure and featured.text == "Ein Bus am Sonntag wäre schön"
    assert featured.project == project  # kept for the project's followers after the purge
    public = client_for(None).get(_url("public", municipality)).content.decode()
    assert "Ein Bus am Sonntag wäre schön" in public
    assert "Umfrage „Bürgerbefragung“" in public


def test_public_page_queries_do_not_grow_with_contributions(
    chain, municipality, coordinator, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zwk.workshops.models import Card

    client = client_for(None)
    url = _url("public", municipality)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    Card.objects.bulk_create(
        Card(
            workshop=chain.workshop,
            phase=chain.card.phase,
            text=f"Noch eine Karte {n}",
            cluster=chain.card.cluster,
        )
        for n in range(15)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert "Noch eine Karte 14" in html


def test_public_plan_and_project_pages_link_to_the_results(
    chain, municipality, coordinator, client_for
):
    from tests.zwk.participation.factories import make_project

    project = make_project(municipality, by=coordinator, slug="mitreden")
    client = client_for(None)
    results = _url("public", municipality)
    plan_page = client.get(reverse("plans:public", kwargs={"slug": municipality.slug}))
    assert f'href="{results}"' in plan_page.content.decode()
    assert f'href="{results}"' in client.get(project.get_absolute_url()).content.decode()
