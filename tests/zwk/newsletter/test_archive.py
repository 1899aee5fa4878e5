"""Public archive and Atom feed of sent issues, social media links, rich text sanitising,
pulled-in toolbox entries and events, and the personal-data provider."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.core import mail

from zwk.core import personal_data
from zwk.newsletter import selectors, sending, services
from zwk.newsletter.models import Issue, Subscriber

ATOM = "{http://www.w3.org/2005/Atom}"

XSS = [
    ("<script>alert(1)</script><p>Text</p>", "<script"),
    ('<img src=x onerror="alert(1)"><p>Text</p>', "onerror"),
    ('<p><a href="javascript:alert(1)">Klick</a> Text</p>', "javascript:"),
    ('<p style="background:url(javascript:alert(1))">Text</p>', "style="),
    ('<iframe src="https://evil.example"></iframe><p>Text</p>', "<iframe"),
    ("<svg><script>alert(1)</script></svg><p>Text</p>", "<svg"),
    ('<p>Text</p><a href="https://ok.example" onclick="alert(1)">ok</a>', "onclick"),
]


@pytest.mark.parametrize(("payload", "forbidden"), XSS)
def test_rich_text_is_sanitised_everywhere(payload, forbidden, sent_issue, subscribe, client):
    subscribe("leser@example.org")
    issue = sent_issue(subject="Sicherheit", body=payload)
    assert forbidden not in issue.body
    assert "Text" in issue.body
    page = client.get(f"/newsletter/archiv/{issue.pk}/").content.decode()
    main = page.split('<main id="inhalt"', 1)[1]
    assert forbidden not in main
    html_mail = mail.outbox[0].alternatives[0][0]
    assert forbidden not in html_mail.split("<body", 1)[1].replace('style="', "")
    assert forbidden not in client.get("/newsletter/feed/").content.decode()


def test_allowed_formatting_survives(make_issue):
    issue = make_issue(
        body='<h2>Neu</h2><p><strong>fett</strong> <a href="https://x.example">Link</a></p>'
    )
    assert "<h2>Neu</h2>" in issue.body
    assert "<strong>fett</strong>" in issue.body
    assert 'href="https://x.example"' in issue.body


def test_archive_lists_only_sent_issues_with_pagination(sent_issue, make_issue, client):
    for n in range(11):
        sent_issue(subject=f"Ausgabe {n:02d}")
    make_issue(subject="Geheimer Entwurf")
    first = client.get("/newsletter/archiv/").content.decode()
    assert "Ausgabe 10" in first and "Ausgabe 01" in first
    assert "Ausgabe 00" not in first  # 10 per page, newest first
    assert "Seite 1 von 2" in first
    assert "Ausgabe 00" in client.get("/newsletter/archiv/?seite=2").content.decode()
    assert "Geheimer Entwurf" not in first


def test_draft_is_not_in_the_archive(make_issue, client):
    issue = make_issue(subject="Entwurf")
    assert client.get(f"/newsletter/archiv/{issue.pk}/").status_code == 404


def test_empty_archive_says_so(client, db):
    assert "Noch keine Ausgaben versendet." in client.get("/newsletter/archiv/").content.decode()


def test_feed_is_valid_atom_with_the_sent_issues(sent_issue, make_issue, client):
    sent_issue(subject="Erste Ausgabe", body="<p>Hallo &amp; willkommen</p>")
    sent_issue(subject="Zweite Ausgabe")
    make_issue(subject="Entwurf")
    response = client.get("/newsletter/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "Newsletter der Zukunftswerkstatt Kommunen"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Zweite Ausgabe", "Erste Ausgabe"]
    for entry in entries:
        assert entry.find(f"{ATOM}id").text
        assert entry.find(f"{ATOM}updated").text
        assert "/newsletter/archiv/" in entry.find(f"{ATOM}link").get("href")
    assert "Hallo &amp; willkommen" in entries[1].find(f"{ATOM}summary").text


def test_social_links_from_settings_in_archive_and_mail(settings, sent_issue, subscribe, client):
    settings.NEWSLETTER_SOCIAL_LINKS = {
        "mastodon": "https://social.example/@zwk",
        "bluesky": "https://bsky.app/profile/zwk.example",
        "twitter": "javascript:alert(1)",  # not https: not shown
    }
    subscribe("leser@example.org")
    issue = sent_issue()
    for html in (
        client.get("/newsletter/archiv/").content.decode(),
        client.get(f"/newsletter/archiv/{issue.pk}/").content.decode(),
        mail.outbox[0].alternatives[0][0],
    ):
        assert 'href="https://social.example/@zwk" rel="me noopener"' in html
        assert "https://bsky.app/profile/zwk.example" in html
        assert "javascript:" not in html
    assert "Mastodon: https://social.example/@zwk" in mail.outbox[0].body


def test_no_social_section_without_links(settings, client, db):
    settings.NEWSLETTER_SOCIAL_LINKS = {}
    assert "Folgen Sie uns" not in client.get("/newsletter/archiv/").content.decode()


def test_new_toolbox_entries_since_the_last_issue_are_pulled_in(
    sent_issue, make_issue, subscribe, office_user
):
    from zwk.toolbox import services as toolbox

    subscribe("leser@example.org")
    sent_issue(subject="Vorige Ausgabe")
    entry = toolbox.entry_create(
        by=office_user,
        data={"entry_type": "method", "title": "Neue Methode Zukunftsdialog", "summary": "Kurz."},
        status="published",
    )
    issue = make_issue(subject="Mit Werkzeugen", include_toolbox=True)
    toolbox_titles = [i["title"] for i in selectors.extras_for(issue)["toolbox"]]
    assert toolbox_titles == ["Neue Methode Zukunftsdialog"]  # older entries were in the last one
    sending.issue_start(issue_id=issue.pk)
    sending.deliver_pending(issue_id=issue.pk)
    message = mail.outbox[-1]
    assert "Neue Methode Zukunftsdialog" in message.body
    assert f"https://zwk.example/werkzeugkoffer/{entry.slug}/" in message.body
    # Frozen: a later entry does not change what the archive shows.
    toolbox.entry_create(
        by=office_user,
        data={"entry_type": "method", "title": "Noch später", "summary": "Kurz."},
        status="published",
    )
    issue.refresh_from_db()
    assert [i["title"] for i in selectors.extras_for(issue)["toolbox"]] == toolbox_titles


class _Event:
    """Shaped like ``zwk.exchange.models.Event`` as ``upcoming_events`` returns it."""

    title = "Online-Seminar Wohnen im Alter"
    start = datetime(2027, 7, 1, 8, 0, tzinfo=UTC)

    def get_kind_display(self):
        return "Online-Seminar"

    def get_absolute_url(self):
        return "/austausch/1/"


def test_upcoming_events_are_pulled_in_when_available(make_issue, monkeypatch):
    from zwk.exchange import selectors as exchange_selectors

    monkeypatch.setattr(
        exchange_selectors, "upcoming_events", lambda limit: [_Event()], raising=False
    )
    issue = make_issue(include_events=True)
    events = selectors.extras_for(issue)["events"]
    assert events[0]["title"] == "Online-Seminar Wohnen im Alter"
    assert events[0]["url"] == "https://zwk.example/austausch/1/"
    assert "10:00" in events[0]["when"]  # Berlin summer time
    assert events[0]["kind"] == "Online-Seminar"


def test_missing_events_do_not_break_an_issue(make_issue, monkeypatch):
    from zwk.exchange import selectors as exchange_selectors

    monkeypatch.delattr(exchange_selectors, "upcoming_events", raising=False)
    assert selectors.extras_for(make_issue(include_events=True))["events"] == []
    monkeypatch.setattr(exchange_selectors, "upcoming_events", lambda limit: None, raising=False)
    assert selectors.extras_for(make_issue(include_events=True))["events"] == []


def test_personal_data_export_and_erase_by_email(subscribe, sent_issue):
    from tests.factories import UserFactory

    user = UserFactory(username="leserin", email="Leserin@example.org")
    subscriber = subscribe("leserin@example.org", topics=["events"])
    services.preferences_update(subscriber=subscriber, topics=["toolbox"])
    issue = sent_issue()
    provider = {p.key: p for p in personal_data.providers()}["newsletter"]
    data = provider.export(user)
    assert data[0]["email"] == "leserin@example.org"
    assert data[0]["topics"] == ["toolbox"]
    assert data[0]["consents"][0]["action"] == "preferences"
    assert data[0]["deliveries"][0]["issue"] == issue.subject
    assert provider.erase(user) == 2
    assert not Subscriber.objects.exists()
    assert issue.deliveries.count() == 1  # statistics stay, without the person
    assert issue.deliveries.get().subscriber is None
    assert provider.export(user) == []
    assert Issue.objects.filter(pk=issue.pk).exists()


def test_real_upcoming_events_of_the_austausch_are_pulled_in(make_issue, office_user):
    from datetime import timedelta

    from django.utils import timezone

    from zwk.exchange import services as exchange

    start = timezone.now() + timedelta(days=10)
    event = exchange.event_create(
        by=office_user,
        data={
            "title": "Fachforum Nahversorgung",
            "event_type": "webinar",
            "description": "<p>Dorfläden und mobile Angebote.</p>",
            "start": start,
            "end": start + timedelta(hours=2),
            "capacity": 30,
            "audience": "open",
            "status": "published",
            "online_link": "https://konferenz.example.org/raum-7",
        },
    )
    issue = make_issue(include_events=True)
    events = selectors.extras_for(issue)["events"]
    assert [e["title"] for e in events] == ["Fachforum Nahversorgung"]
    assert events[0]["url"] == f"https://zwk.example{event.get_absolute_url()}"
    assert "raum-7" not in str(events)  # the online link is only for registered people
