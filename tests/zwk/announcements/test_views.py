"""The office writes, checks the reach and sends; the Kommune sees the notice on its workspace
and marks it as read – only its own notices, never another Kommune's."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory, assign
from zwk.announcements import services
from zwk.announcements.models import Announcement, Recipient

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(landscape, office_user, django_capture_on_commit_callbacks):
    """Sent to the Kommunen in Sachsen (Grünau, Görlitz) only."""
    draft = services.announcement_create(
        by=office_user,
        data={
            "subject": "Treffen in Dresden",
            "body": "Liebe Teams,\n\nwir laden ein.",
            "audience": "filter",
            "criteria": {"lands": ["14"]},
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.announcement_send(announcement=draft, by=office_user)
    return draft


def _form(**extra):
    return {"subject": "Neue Förderrunde", "body": "Bewerben Sie sich bis Mai.", **extra}


def test_office_writes_previews_and_sends(
    landscape, office_user, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(office_user)
    empty = client.get(reverse("announcements:list")).content.decode()
    assert "Noch keine Mitteilungen" in empty
    response = client.post(
        reverse("announcements:create"), _form(audience="filter", lands=["09"], kinds=["stadt"])
    )
    announcement = Announcement.objects.get()
    assert response["Location"] == reverse("announcements:send", args=[announcement.pk])
    preview = client.get(response["Location"]).content.decode()
    assert "Geht an 1 Kommune / 2 Personen" in preview and "Bamberg" in preview
    assert "Ebern" not in preview
    assert mailoutbox == [] and announcement.is_draft  # nothing goes out before the confirmation
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("announcements:send", args=[announcement.pk]))
    assert done["Location"] == reverse("announcements:detail", args=[announcement.pk])
    assert sorted(m.to[0] for m in mailoutbox) == [
        "bamberg-koordination@example.org",
        "bamberg-team@example.org",
    ]
    detail = client.get(done["Location"]).content.decode()
    assert "Bamberg" in detail and "noch nicht gelesen" in detail
    assert "0 von 1 Kommunen" in detail and "2 zugestellt, 0 fehlgeschlagen" in detail
    listing = client.get(reverse("announcements:list")).content.decode()
    assert "Neue Förderrunde" in listing and "gesendet" in listing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_form(subject="", audience="all"), "Dieses Feld ist zwingend erforderlich."),
        (_form(body="<p></p>", audience="all"), "Bitte schreiben Sie einen Text."),
        (_form(audience="filter"), "Bitte wählen Sie mindestens ein Merkmal"),
        (_form(audience="selection"), "Bitte wählen Sie mindestens eine Kommune aus."),
        (_form(audience="filter", lands=["99"]), "ist keine gültige Auswahl."),
        (_form(audience="niemand"), "ist keine gültige Auswahl."),
        (_form(audience="selection", municipalities=["abc"]), "ist kein gültiger Wert"),
    ],
)
def test_bad_input_is_a_400_with_a_german_message(
    landscape, office_user, client_for, data, message
):
    response = client_for(office_user).post(reverse("announcements:create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Announcement.objects.exists()


def test_sending_a_filter_that_matches_nobody_is_a_400(landscape, office_user, client_for):
    client = client_for(office_user)
    client.post(reverse("announcements:create"), _form(audience="filter", steps=["review"]))
    announcement = Announcement.objects.get()
    url = reverse("announcements:send", args=[announcement.pk])
    assert "Keine Kommune entspricht der Auswahl" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 400
    assert "Keine Kommune entspricht der Auswahl" in response.content.decode()
    announcement.refresh_from_db()
    assert announcement.is_draft


def test_a_sent_announcement_cannot_be_sent_edited_or_deleted_again(sent, office_user, client_for):
    client = client_for(office_user)
    again = client.post(reverse("announcements:send", args=[sent.pk]))
    assert again.status_code == 400 and "bereits gesendet" in again.content.decode()
    edit = client.post(reverse("announcements:edit", args=[sent.pk]), _form(audience="all"))
    assert edit.status_code == 302
    delete = client.post(reverse("announcements:delete", args=[sent.pk]))
    assert delete.status_code == 400 and "nicht löschen" in delete.content.decode()
    sent.refresh_from_db()
    assert sent.subject == "Treffen in Dresden" and sent.recipients.count() == 2


def test_draft_can_be_edited_and_deleted(landscape, office_user, client_for):
    client = client_for(office_user)
    client.post(reverse("announcements:create"), _form(audience="all"))
    draft = Announcement.objects.get()
    form = client.get(reverse("announcements:edit", args=[draft.pk])).content.decode()
    assert "Neue Förderrunde" in form
    client.post(
        reverse("announcements:edit", args=[draft.pk]),
        _form(subject="Geändert", audience="selection", municipalities=[landscape["ebern"].pk]),
    )
    draft.refresh_from_db()
    assert draft.subject == "Geändert" and draft.criteria == {
        "municipalities": [landscape["ebern"].pk]
    }
    assert client.post(reverse("announcements:delete", args=[draft.pk])).status_code == 302
    assert not Announcement.objects.exists()


def test_recipient_kommune_sees_the_notice_and_marks_it_read(sent, landscape, client_for):
    lead = landscape["people"]["goerlitz"][0]
    client = client_for(lead)
    workspace = reverse("municipalities:workspace", args=["goerlitz"])
    page = client.get(workspace).content.decode()
    assert "Treffen in Dresden" in page and "wir laden ein." in page and "Gelesen" in page
    response = client.post(reverse("announcements:dismiss", args=["goerlitz", sent.pk]))
    assert response["Location"] == workspace
    page = client.get(workspace).content.decode()
    assert "als gelesen markiert" in page  # the success message
    assert "wir laden ein." not in page
    receipt = Recipient.objects.get(announcement=sent, municipality=landscape["goerlitz"])
    assert receipt.read_by == lead and receipt.read_at is not None
    # Grünau has not read it yet: still shown there.
    other = client_for(landscape["people"]["gruenau"][0])
    assert (
        "Treffen in Dresden"
        in other.get(reverse("municipalities:workspace", args=["gruenau"])).content.decode()
    )


def test_office_sees_who_has_read(sent, landscape, office_user, client_for):
    reader = landscape["people"]["gruenau"][0]
    client_for(reader).post(reverse("announcements:dismiss", args=["gruenau", sent.pk]))
    page = client_for(office_user).get(reverse("announcements:detail", args=[sent.pk]))
    text = page.content.decode()
    assert "1 von 2 Kommunen" in text and str(reader) in text and "noch nicht gelesen" in text


def test_kommune_outside_the_filter_sees_nothing(sent, landscape, client_for):
    client = client_for(landscape["people"]["bamberg"][0])
    page = client.get(reverse("municipalities:workspace", args=["bamberg"])).content.decode()
    assert "Treffen in Dresden" not in page and "Mitteilungen der Geschäftsstelle" not in page


def test_dismissing_another_kommunes_notice_is_404(sent, landscape, client_for):
    client = client_for(landscape["people"]["bamberg"][0])
    # Own Kommune, but the notice was not sent to it.
    own = client.post(reverse("announcements:dismiss", args=["bamberg", sent.pk]))
    assert own.status_code == 404
    # The recipient's address: Bamberg's team may not even see Görlitz.
    foreign = client.post(reverse("announcements:dismiss", args=["goerlitz", sent.pk]))
    assert foreign.status_code == 404
    assert not Recipient.objects.filter(read_at__isnull=False).exists()


def test_dismissing_needs_post_and_a_csrf_token(sent, landscape):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(
        landscape["people"]["goerlitz"][0], backend="zwk.accounts.backends.EmailOrUsernameBackend"
    )
    url = reverse("announcements:dismiss", args=["goerlitz", sent.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert not Recipient.objects.filter(read_at__isnull=False).exists()


def test_consultant_sees_the_notice_but_cannot_mark_it(sent, landscape, client_for):
    consultant = UserFactory(username="beraterin")
    assign(consultant, landscape["goerlitz"])
    client = client_for(consultant)
    page = client.get(reverse("municipalities:workspace", args=["goerlitz"])).content.decode()
    assert "Treffen in Dresden" in page and "Gelesen" not in page
    response = client.post(reverse("announcements:dismiss", args=["goerlitz", sent.pk]))
    assert response.status_code == 403


def test_office_pages_are_closed_to_kommunen(sent, landscape, client_for):
    client = client_for(landscape["people"]["goerlitz"][0])
    assert client.get(reverse("announcements:list")).status_code == 403
    assert client.get(reverse("announcements:detail", args=[sent.pk])).status_code == 403
    assert client.post(reverse("announcements:create"), _form(audience="all")).status_code == 403
    assert not Announcement.objects.exclude(pk=sent.pk).exists()


def test_list_is_paginated(office_user, client_for):
    for i in range(30):
        Announcement.objects.create(subject=f"Entwurf {i:02d}", body="x", author=office_user)
    client = client_for(office_user)
    first = client.get(reverse("announcements:list")).content.decode()
    assert "Seite 1 von 2" in first
    second = client.get(reverse("announcements:list"), {"seite": "2"}).content.decode()
    assert second.count("Entwurf ") == 5
    assert client.get(reverse("announcements:list"), {"seite": "x"}).status_code == 200


def test_admin_lists_and_opens_announcements(sent, client):
    admin_user = UserFactory(username="admin", is_office=True, is_staff=True, is_superuser=True)
    client.force_login(admin_user, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    listing = client.get(reverse("admin:announcements_announcement_changelist"), {"q": "Dresden"})
    assert "Treffen in Dresden" in listing.content.decode()
    change = client.get(reverse("admin:announcements_announcement_change", args=[sent.pk]))
    assert change.status_code == 200 and "Landkreis Görlitz" in change.content.decode()


def test_pages_need_a_constant_number_of_queries(
    landscape, office_user, client_for, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def send_some(n):
        for i in range(n):
            draft = services.announcement_create(
                by=office_user, data={"subject": f"M{i}", "body": "x", "audience": "all"}
            )
            services.announcement_send(announcement=draft, by=office_user)

    def count(client, url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    office = client_for(office_user)
    lead = landscape["people"]["ebern"][0]
    send_some(2)
    few_list = count(office, reverse("announcements:list"))
    few_workspace = count(client_for(lead), reverse("municipalities:workspace", args=["ebern"]))
    send_some(10)
    assert count(client_for(lead), reverse("municipalities:workspace", args=["ebern"])) == (
        few_workspace
    )
    assert count(client_for(office_user), reverse("announcements:list")) == few_list
