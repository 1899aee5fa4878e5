"""BITV 2.0 obligations: the accessibility statement with its feedback mechanism (stored for
the office, confirmation, audit, rate limit, Schlichtungsstelle), Leichte Sprache and the
prepared page for Deutsche Gebärdensprache."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from zwk.accounts.models import AuditEntry
from zwk.privacy.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db


class _MainText(HTMLParser):
    """The text inside <main>, one string per block element."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "br", "div"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts = [""]

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif self.depth and tag in self.BLOCKS:
            self.parts.append("")

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        elif self.depth and tag in self.BLOCKS:
            self.parts.append("")

    def handle_data(self, data):
        if self.depth:
            self.parts[-1] += data


def _main_text(response) -> list[str]:
    parser = _MainText()
    parser.feed(response.content.decode())
    return [" ".join(p.split()) for p in parser.parts if p.strip()]


def test_statement_names_conformity_gaps_date_method_and_schlichtungsstelle(client):
    page = client.get("/barrierefreiheit/")
    assert page.status_code == 200
    text = " ".join(_main_text(page))
    assert "teilweise vereinbar" in text
    assert "Gebärdensprache gibt es noch nicht" in text  # a known gap, honestly named
    assert "7. Dezember 2026" in text  # date of the statement
    assert "axe-core" in text and "Tastatur" in text  # how it was checked
    assert "Schlichtungsstelle nach § 16 BGG" in text
    assert "info@schlichtungsstelle-bgg.de" in text
    assert 'name="rueckmeldung-message"' in page.content.decode()


def test_feedback_reaches_the_office_with_confirmation_and_audit(client, office_user):
    response = client.post(
        "/barrierefreiheit/",
        {
            "rueckmeldung-message": "Die Karte lässt sich nicht mit der Tastatur bedienen.",
            "rueckmeldung-page": "/geschaeftsstelle/karte/",
            "rueckmeldung-email": "leserin@example.org",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accessibility:feedback_done")
    confirmation = client.get(response["Location"])
    assert "Vielen Dank für Ihre Rückmeldung" in confirmation.content.decode()
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.page == "/geschaeftsstelle/karte/" and not feedback.done
    assert AuditEntry.objects.filter(action="accessibility.feedback").exists()

    office = Client()
    office.force_login(office_user)
    listing = office.get(reverse("accessibility:feedback_list")).content.decode()
    assert "nicht mit der Tastatur bedienen" in listing and "leserin@example.org" in listing
    office.post(reverse("accessibility:feedback_mark_done", args=[feedback.pk]))
    feedback.refresh_from_db()
    assert feedback.done


def test_empty_feedback_is_refused_and_nothing_stored(client):
    response = client.post("/barrierefreiheit/", {"rueckmeldung-message": "  "})
    assert response.status_code == 400
    assert "Bitte beschreiben Sie die Barriere." in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


def test_feedback_that_is_only_markup_is_refused_with_the_input_kept(client):
    payload = "<script>alert(1)</script>"
    response = client.post(
        "/barrierefreiheit/", {"rueckmeldung-message": payload, "rueckmeldung-page": "/start/"}
    )
    assert response.status_code == 400  # not 500: the cleaned message is empty
    html = response.content.decode()
    assert "Dieses Feld darf nicht leer sein." in html
    assert 'value="/start/"' in html  # the rest of the input stays
    assert "<script>alert(1)" not in html
    assert not AccessibilityFeedback.objects.exists()


@override_settings(RATE_LIMITS={"accessibility.feedback": "2/1h"})
def test_feedback_is_rate_limited_per_client(client):
    for _ in range(2):
        assert (
            client.post("/barrierefreiheit/", {"rueckmeldung-message": "Zu klein"}).status_code
            == 302
        )
    refused = client.post("/barrierefreiheit/", {"rueckmeldung-message": "Zu klein"})
    assert refused.status_code == 429
    assert "sehr viele Rückmeldungen" in refused.content.decode()
    assert AccessibilityFeedback.objects.count() == 2


def test_easy_language_has_short_sentences_one_statement_each(client):
    page = client.get("/leichte-sprache/")
    assert page.status_code == 200
    sentences = [
        s.strip()
        for block in _main_text(page)
        for s in re.split(r"(?<=[.?!:])\s+", block)
        if s.strip()
    ]
    assert len(sentences) > 30
    too_long = [s for s in sentences if len(s.split()) > 10]
    assert not too_long, too_long
    # One statement per sentence: no subordinate clauses joined by a comma.
    assert not [s for s in sentences if "," in s], "Leichte Sprache: ein Satz, eine Aussage"
    text = page.content.decode()
    assert reverse("participate:index") in text  # how to take part


def test_home_page_links_easy_language_and_accessibility_pages(client):
    text = client.get("/").content.decode()
    assert 'href="/leichte-sprache/"' in text
    assert 'href="/gebaerdensprache/"' in text


def test_sign_language_page_is_honest_that_no_videos_exist(client):
    text = " ".join(_main_text(client.get("/gebaerdensprache/")))
    assert "gibt es noch nicht" in text
    assert "<video" not in text
