"""Pages of "Entwurf diskutieren": the public draft with comment forms per section, bad input,
double submissions, closed periods, reports, rate limits; the team's moderation and the
summary in the plan's version history and council report."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.zwk.consultation.factories import comment
from zwk.consultation import services
from zwk.consultation.models import Consultation, PublicComment
from zwk.plans import reports

pytestmark = pytest.mark.django_db


def draft_url(m):
    return reverse("consultation:draft", kwargs={"slug": m.slug})


def team_url(m):
    return reverse("consultation:team", kwargs={"slug": m.slug})


def post_comment(client, municipality, section="vision", key="key-1", **extra):
    data = {
        "form": f"k-{section}",
        f"k-{section}-section": section,
        f"k-{section}-submission_key": key,
        f"k-{section}-body": "Bitte mehr Bänke am Marktplatz.",
        f"k-{section}-pseudonym": "Lina",
        f"k-{section}-age_group": "16-17",
        f"k-{section}-district": "Altstadt",
        f"k-{section}-consent": "on",
    }
    data.update({f"k-{section}-{k}": v for k, v in extra.items()})
    return client.post(draft_url(municipality), data)


def test_public_page_shows_the_draft_section_by_section(client, municipality, consultation, draft):
    _plan, goal, measure = draft
    visible = comment(consultation, section=f"goal-{goal.pk}", body="Gute Idee mit den Familien.")
    services.comment_answer(comment=visible, by=None, answer="Danke, wir prüfen das.")
    hidden = comment(consultation, body="Der Nachbar Meier ist schuld.")
    services.comment_hide(comment=hidden, by=None, reason="nennt eine Person")
    page = client.get(draft_url(municipality)).content.decode()
    for text in (
        "Eine Stadt für alle Generationen.",
        "Junge Familien halten",
        "Jugendtreff am Markt",
        "Gute Idee mit den Familien.",
        "Danke, wir prüfen das.",
        f'id="abschnitt-measure-{measure.pk}"',
        "Kommentar senden",
    ):
        assert text in page
    assert "Meier" not in page and "nennt eine Person" not in page


def test_anonymous_comment_is_stored_once_and_the_name_remembered(
    client, municipality, consultation
):
    first = post_comment(client, municipality)
    assert first.status_code == 302
    again = post_comment(client, municipality)  # double click: the same form again
    assert again.status_code == 302
    assert PublicComment.objects.count() == 1
    stored = PublicComment.objects.get()
    assert (stored.pseudonym, stored.age_group, stored.district) == ("Lina", "16-17", "Altstadt")
    page = client.get(draft_url(municipality)).content.decode()
    assert "Sie schreiben als „Lina“" in page
    assert "Dieser Kommentar war schon gespeichert." in page or PublicComment.objects.count() == 1
    # The next comment asks only for the text.
    r = client.post(
        draft_url(municipality),
        {
            "form": "k-vision",
            "k-vision-section": "vision",
            "k-vision-submission_key": "key-2",
            "k-vision-body": "Und einen Trinkbrunnen.",
        },
    )
    assert r.status_code == 302
    assert PublicComment.objects.filter(pseudonym="Lina").count() == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"body": ""}, "Bitte schreiben Sie einen Kommentar."),
        ({"body": "x" * 2500}, "Der Kommentar ist zu lang"),
        ({"pseudonym": ""}, "Bitte geben Sie einen Namen oder Spitznamen an."),
        ({"consent": ""}, "Bitte stimmen Sie dem Datenschutzhinweis zu"),
        ({"section": "goal-999999"}, "Diesen Abschnitt gibt es im Entwurf nicht mehr."),
        ({"submission_key": ""}, "Das Formular ist unvollständig."),
    ],
)
def test_bad_input_shows_a_german_message_and_stores_nothing(
    client, municipality, consultation, extra, message
):
    response = post_comment(client, municipality, **extra)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PublicComment.objects.exists()


def test_closed_consultation_shows_no_form_and_refuses_comments(client, municipality, consultation):
    Consultation.objects.filter(pk=consultation.pk).update(
        ends_on=timezone.localdate() - timedelta(days=1)
    )
    page = client.get(draft_url(municipality)).content.decode()
    assert "Die Diskussion des Entwurfs ist beendet." in page
    assert "Kommentar senden" not in page
    response = post_comment(client, municipality)
    assert response.status_code == 400
    assert "Die Diskussion des Entwurfs ist beendet." in response.content.decode()
    assert not PublicComment.objects.exists()


def test_no_page_before_the_consultation_begins(client, municipality, draft):
    assert client.get(draft_url(municipality)).status_code == 404


def test_reply_in_the_thread(client, municipality, consultation):
    top = comment(consultation)
    prefix = f"r-{top.pk}"
    r = client.post(
        draft_url(municipality),
        {
            "form": prefix,
            f"{prefix}-parent": top.pk,
            f"{prefix}-submission_key": "reply-1",
            f"{prefix}-body": "Da stimme ich zu.",
            f"{prefix}-pseudonym": "Otto",
            f"{prefix}-consent": "on",
        },
    )
    assert r.status_code == 302
    assert top.replies.get().body == "Da stimme ich zu."


def test_report_counts_once_per_device(client, municipality, consultation):
    c = comment(consultation)
    url = reverse("consultation:report", kwargs={"slug": municipality.slug, "pk": c.pk})
    client.post(url)
    response = client.post(url, follow=True)
    assert "Sie haben diesen Kommentar schon gemeldet." in response.content.decode()
    c.refresh_from_db()
    assert c.reports == 1


def test_rate_limit_stops_a_flood_with_a_german_message(
    client, municipality, consultation, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "consultation.comment": "1/10m"}
    assert post_comment(client, municipality, key="a").status_code == 302
    response = post_comment(client, municipality, key="b")
    assert response.status_code == 400
    assert "sehr viele Kommentare" in response.content.decode()
    assert PublicComment.objects.count() == 1


def test_team_pages_permission_matrix(
    client_for, municipality, consultation, member, coordinator, other_member, office_user
):
    c = comment(consultation)
    hide = reverse("consultation:hide", kwargs={"slug": municipality.slug, "pk": c.pk})
    create = reverse("consultation:create", kwargs={"slug": municipality.slug})
    # A participant (has commented, no account) is sent to the login.
    participant = client_for(None)
    post_comment(participant, municipality, key="p")
    for url in (team_url(municipality), hide, create):
        assert participant.get(url)["Location"].startswith(reverse("accounts:login"))
    assert client_for(other_member).get(team_url(municipality)).status_code == 404
    assert client_for(other_member).post(hide, {"reason": "x"}).status_code == 404
    assert client_for(member).get(team_url(municipality)).status_code == 200
    assert client_for(member).get(create).status_code == 403
    assert client_for(office_user).get(create).status_code == 200
    c.refresh_from_db()
    assert not c.is_hidden


def test_team_sees_hidden_comments_reports_and_answers(
    client_for, municipality, consultation, member
):
    c = comment(consultation, body="Ein Kommentar mit Werbung.")
    services.comment_report(comment=c)
    client = client_for(member)
    hide = reverse("consultation:hide", kwargs={"slug": municipality.slug, "pk": c.pk})
    bad = client.post(hide, {"reason": ""})
    assert bad.status_code == 400 and "Bitte geben Sie einen Grund an." in bad.content.decode()
    assert client.post(hide, {"reason": "Werbung"}).status_code == 302
    answer = reverse("consultation:answer", kwargs={"slug": municipality.slug, "pk": c.pk})
    assert client.post(answer, {"answer": "Wir haben ihn ausgeblendet."}).status_code == 302
    page = client.get(team_url(municipality)).content.decode()
    assert "Ein Kommentar mit Werbung." in page
    assert "ausgeblendet: Werbung" in page
    assert "1-mal gemeldet" in page
    assert "Wir haben ihn ausgeblendet." in page


def test_closing_puts_the_summary_into_versions_and_council_report(
    client_for, municipality, consultation, coordinator, draft
):
    _plan, goal, _measure = draft
    comment(consultation, section=f"goal-{goal.pk}")
    client = client_for(coordinator)
    close = reverse("consultation:close", kwargs={"slug": municipality.slug, "pk": consultation.pk})
    bad = client.post(close, {"key_points": ""})
    assert bad.status_code == 400
    assert "Bitte fassen Sie die wichtigsten Punkte" in bad.content.decode()
    assert (
        client.post(close, {"key_points": "Jugendliche wünschen sich einen Treff."}).status_code
        == 302
    )
    versions = client.get(reverse("plans:versions", kwargs={"slug": municipality.slug}))
    page = versions.content.decode()
    assert "Öffentliche Diskussion des Entwurfs" in page
    assert "Jugendliche wünschen sich einen Treff." in page
    assert "Ziel: Junge Familien halten" in page
    html = reports.html(reports.build(municipality, draft[0], timezone.localdate()))
    assert "Öffentliche Diskussion des Entwurfs" in html
    assert "Jugendliche wünschen sich einen Treff." in html


def test_home_page_lists_the_open_consultation(client, municipality, consultation):
    page = client.get(reverse("home")).content.decode()
    assert draft_url(municipality) in page


def test_public_page_queries_do_not_grow_with_comments(client, municipality, consultation, draft):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(draft_url(municipality)).status_code == 200
        return len(ctx)

    top = comment(consultation)
    comment(consultation, parent=top)
    few = count()
    _plan, goal, measure = draft
    for n in range(8):
        c = comment(consultation, section=f"goal-{goal.pk}", body=f"Kommentar {n}")
        comment(consultation, parent=c, body=f"Antwort {n}")
        comment(consultation, section=f"measure-{measure.pk}", body=f"Maßnahme {n}")
    assert count() == few
