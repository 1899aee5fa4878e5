"""Pages of the Vernetzung: what a user sees, 400 on bad input, IDOR, moderation views."""

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories import MunicipalityFactory, UserFactory, membership
from tests.zwk.network.helpers import first_post, make_conversation, make_thread, preset_theme
from zwk.municipalities.models import Membership
from zwk.network import services
from zwk.network.models import Conversation, Post
from zwk.plans.models import Plan, PlanVersion
from zwk.plans.versions import snapshot
from zwk.toolbox.models import Entry, EntryType, Status

BASE = "/austausch/netzwerk"


@pytest.fixture
def related_kommune(municipality):
    """Nachbarstadt shares "Wohnen im Alter" with Musterdorf."""
    theme = preset_theme()
    municipality.themes.add(theme)
    other = MunicipalityFactory(name="Altheim", slug="altheim", ags="09182999")
    other.themes.add(theme)
    return other


def _publish_plan(municipality, measures):
    from tests.zwk.plans.factories import make_measure

    for title in measures:
        make_measure(municipality, None, title=title, theme=preset_theme())
    plan = Plan.objects.get(municipality=municipality)
    PlanVersion.objects.create(
        plan=plan, number=1, snapshot=snapshot(plan), approved_at=timezone.now()
    )
    Plan.objects.filter(pk=plan.pk).update(is_published=True, published_at=timezone.now())
    return plan


def test_related_page_shows_reason_published_measures_and_lessons(
    client_for, member, municipality, related_kommune
):
    _publish_plan(related_kommune, ["Seniorenwohnen am Markt"])
    from tests.zwk.plans.factories import make_measure

    make_measure(related_kommune, None, title="Geheimer Entwurf")  # after approval: not public
    Entry.objects.create(
        entry_type=EntryType.BEST_PRACTICE,
        title="Wohncafé Altheim",
        slug="wohncafe-altheim",
        summary="…",
        status=Status.PUBLISHED,
        municipality=related_kommune,
        lessons_learnt="Früh die Nachbarschaft einbinden.",
        published_at=timezone.now(),
    )
    Entry.objects.create(
        entry_type=EntryType.BEST_PRACTICE,
        title="Unfertiger Entwurf",
        slug="entwurf-altheim",
        summary="…",
        status=Status.DRAFT,
        municipality=related_kommune,
    )
    response = client_for(member).get(f"{BASE}/musterdorf/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Altheim" in html and "ebenfalls Schwerpunkt Wohnen im Alter" in html
    assert "Seniorenwohnen am Markt" in html and "Geheimer Entwurf" not in html
    assert "Wohncafé Altheim" in html and "Früh die Nachbarschaft einbinden." in html
    assert "Unfertiger Entwurf" not in html
    assert f"{BASE}/musterdorf/kontakt/?an=altheim" in html


def test_unpublished_plan_measures_stay_private(client_for, member, related_kommune):
    plan = _publish_plan(related_kommune, ["Nur intern"])
    Plan.objects.filter(pk=plan.pk).update(is_published=False)
    html = client_for(member).get(f"{BASE}/musterdorf/").content.decode()
    assert "Altheim" in html and "Nur intern" not in html


def test_empty_state_without_related_kommunen(client_for, member):
    html = client_for(member).get(f"{BASE}/musterdorf/").content.decode()
    assert "Noch keine verwandten Kommunen gefunden" in html


def test_office_overview_lists_every_kommune_with_its_related_ones(
    client_for, office_user, municipality, related_kommune
):
    html = client_for(office_user).get(f"{BASE}/").content.decode()
    assert "Übersicht für die Geschäftsstelle" in html
    assert "Musterdorf" in html and "Altheim" in html
    assert "ebenfalls Schwerpunkt Wohnen im Alter" in html


def test_contact_form_keeps_input_on_error_and_sends_on_success(
    client_for, member, other_municipality, other_member, django_capture_on_commit_callbacks
):
    client = client_for(member)
    url = f"{BASE}/musterdorf/kontakt/"
    response = client.post(url, {"to": "nachbarstadt", "subject": "Bürgerbus", "text": ""})
    assert response.status_code == 400
    assert 'value="Bürgerbus"' in response.content.decode()
    assert not Conversation.objects.exists() and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):  # the relay mail goes after the commit
        response = client.post(
            url, {"to": "nachbarstadt", "subject": "Bürgerbus", "text": "Wie läuft es bei Ihnen?"}
        )
    conversation = Conversation.objects.get()
    assert response["Location"] == f"{BASE}/musterdorf/nachrichten/{conversation.pk}/"
    assert mail.outbox[0].to == [other_member.email]
    assert member.email not in mail.outbox[0].body


def test_contact_refuses_the_own_kommune_and_unknown_ones(client_for, member):
    client = client_for(member)
    for target in ("musterdorf", "gibt-es-nicht"):
        response = client.post(
            f"{BASE}/musterdorf/kontakt/", {"to": target, "subject": "x", "text": "y"}
        )
        assert response.status_code == 400
    assert not Conversation.objects.exists()


def test_conversation_shows_an_address_only_with_consent(
    client_for, coordinator, municipality, other_municipality, other_member
):
    conversation = make_conversation(municipality, other_municipality, coordinator)
    client = client_for(other_member)
    url = f"{BASE}/nachbarstadt/nachrichten/{conversation.pk}/"
    html = client.get(url).content.decode()
    assert "Wie organisieren Sie den Bürgerbus?" in html and coordinator.email not in html
    response = client.post(url, {"text": "Schreiben Sie mir direkt.", "share_email": "on"})
    assert response.status_code == 302
    html = (
        client_for(coordinator)
        .get(f"{BASE}/musterdorf/nachrichten/{conversation.pk}/")
        .content.decode()
    )
    assert f"mailto:{other_member.email}" in html and f"mailto:{coordinator.email}" not in html


def test_conversation_of_other_kommunen_is_not_found(client_for, coordinator, other_member):
    third = MunicipalityFactory(name="Drittdorf", slug="drittdorf")
    conversation = make_conversation(
        other_member.memberships.get().municipality, third, other_member
    )
    response = client_for(coordinator).get(f"{BASE}/musterdorf/nachrichten/{conversation.pk}/")
    assert response.status_code == 404


def test_inbox_lists_conversations_of_both_directions(
    client_for, coordinator, municipality, other_municipality, other_member
):
    make_conversation(other_municipality, municipality, other_member)
    html = client_for(coordinator).get(f"{BASE}/musterdorf/nachrichten/").content.decode()
    assert "Bürgerbus" in html and "von Nachbarstadt" in html


# --- discussions -------------------------------------------------------------------------


def test_people_outside_the_programme_cannot_discuss(client_for, db):
    outsider = UserFactory(username="aussen")
    assert client_for(outsider).get(f"{BASE}/diskussion/").status_code == 403


def test_theme_page_empty_state_and_thread_list(client_for, member):
    client = client_for(member)
    html = client.get(f"{BASE}/diskussion/wohnen-im-alter/").content.decode()
    assert "noch keine Diskussion" in html
    make_thread(member)
    html = client.get(f"{BASE}/diskussion/wohnen-im-alter/").content.decode()
    assert "Mittagstisch für Ältere" in html and "1 Beitrag" in html


def test_thread_under_the_wrong_theme_is_not_found(client_for, member):
    thread = make_thread(member)
    assert client_for(member).get(f"{BASE}/diskussion/mobilitaet/{thread.pk}/").status_code == 404


def test_reply_and_errors(client_for, member, coordinator, office_user):
    thread = make_thread(member)
    url = thread.get_absolute_url()
    client = client_for(coordinator)
    response = client.post(url, {"antwort-text": ""})
    assert response.status_code == 400 and thread.posts.count() == 1
    response = client.post(url, {"antwort-text": "Bei uns kocht der Seniorenbeirat."})
    assert response.status_code == 302 and thread.posts.count() == 2
    services.thread_lock(thread=thread, by=office_user, lock=True, reason="Ende")
    response = client.post(url, {"antwort-text": "Noch etwas"})
    assert response.status_code == 400 and "gesperrt" in response.content.decode()
    assert thread.posts.count() == 2


def test_hidden_post_shows_the_reason_and_only_the_office_sees_the_text(
    client_for, member, coordinator, office_user
):
    thread = make_thread(member)
    bad = services.post_add(thread=thread, by=coordinator, text="Kaufen Sie Pillen")
    client = client_for(office_user)
    response = client.post(f"{BASE}/diskussion/beitraege/{bad.pk}/ausblenden/", {"reason": ""})
    assert response.status_code == 400
    client.post(f"{BASE}/diskussion/beitraege/{bad.pk}/ausblenden/", {"reason": "Werbung"})
    html = client_for(member).get(thread.get_absolute_url()).content.decode()
    assert "Von der Moderation ausgeblendet. Grund: Werbung" in html
    assert "Kaufen Sie Pillen" not in html
    office_html = client_for(office_user).get(thread.get_absolute_url()).content.decode()
    assert "Kaufen Sie Pillen" in office_html


def test_report_flow_reaches_the_moderation_queue(client_for, member, coordinator, office_user):
    post = first_post(make_thread(member))
    client = client_for(coordinator)
    response = client.post(f"{BASE}/diskussion/beitraege/{post.pk}/melden/", {"reason": "other"})
    assert response.status_code == 400  # "Sonstiges" needs an explanation
    client.post(f"{BASE}/diskussion/beitraege/{post.pk}/melden/", {"reason": "insult"})
    html = client_for(office_user).get(f"{BASE}/diskussion/moderation/").content.decode()
    assert "Beleidigung oder Hassrede" in html and "Wer hat Erfahrung?" in html
    report = post.reports.get()
    client_for(office_user).post(f"{BASE}/diskussion/moderation/{report.pk}/erledigt/")
    html = client_for(office_user).get(f"{BASE}/diskussion/moderation/").content.decode()
    assert "Keine offenen Meldungen" in html


def test_delete_own_post_needs_confirmation(client_for, member, coordinator):
    thread = make_thread(member)
    services.post_add(thread=thread, by=coordinator, text="Antwort")
    post = first_post(thread)
    client = client_for(member)
    url = f"{BASE}/diskussion/beitraege/{post.pk}/loeschen/"
    assert "wirklich löschen" in client.get(url).content.decode()
    assert not Post.objects.get(pk=post.pk).is_deleted
    client.post(url)
    assert Post.objects.get(pk=post.pk).is_deleted


def test_subscriptions_page_lists_and_unsubscribes(client_for, member):
    thread = make_thread(member)
    client = client_for(member)
    assert thread.title in client.get(f"{BASE}/diskussion/abonnements/").content.decode()
    client.post(f"{BASE}/diskussion/wohnen-im-alter/{thread.pk}/abonnieren/", {"weiter": "abos"})
    html = client.get(f"{BASE}/diskussion/abonnements/").content.decode()
    assert "Sie haben nichts abonniert" in html


def test_subscribing_to_a_theme_or_thread_says_so_and_returns_to_it(client_for, member):
    theme = preset_theme()
    thread = make_thread(member)  # the author follows the thread already
    client = client_for(member)
    theme_url = f"{BASE}/diskussion/{theme.slug}/"
    response = client.post(theme_url + "abonnieren/", follow=True)
    assert response.redirect_chain == [(theme_url, 302)]
    assert f"Sie erhalten neue Beiträge zu „{theme.name}“ per E-Mail." in response.content.decode()
    thread_url = f"{theme_url}{thread.pk}/"
    response = client.post(thread_url + "abonnieren/", follow=True)
    assert response.redirect_chain == [(thread_url, 302)]
    assert f"Benachrichtigungen zu „{thread.title}“ abbestellt." in response.content.decode()
    response = client.post(theme_url + "abonnieren/", {"weiter": "abos"})
    assert response["Location"] == f"{BASE}/diskussion/abonnements/"


def test_workspace_links_to_related_kommunen(client_for, member):
    html = client_for(member).get("/kommunen/musterdorf/").content.decode()
    assert f"{BASE}/musterdorf/" in html


def test_consultant_without_membership_posts_as_beratung(client_for, unassigned_consultant):
    thread = make_thread(unassigned_consultant)
    assert first_post(thread).author_label.endswith("(Beratung)")


def test_coordinator_of_a_kommune_is_labelled_with_it(db):
    user = UserFactory(username="k")
    membership(
        user, MunicipalityFactory(name="Bergdorf", slug="bergdorf"), Membership.Role.COORDINATOR
    )
    assert services.author_label(user).endswith("(Bergdorf)")


def test_index_lists_own_and_advised_kommunen(client_for, member, consultant):
    html = client_for(member).get(f"{BASE}/").content.decode()
    assert (
        "Themenverwandte Kommunen von Musterdorf" in html and "Nachrichten von Musterdorf" in html
    )
    html = client_for(consultant).get(f"{BASE}/").content.decode()
    assert "Themenverwandte Kommunen von Musterdorf" in html
    assert "Nachrichten von Musterdorf" not in html  # consultants do not write for a Kommune
