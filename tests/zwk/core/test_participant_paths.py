"""Participant paths beyond /mitmachen/ in all seven languages (issue 18).

The survey (list, project, start, pages with errors, thank-you page), the home page's
"Mitmachen" part, newsletter sign-up, confirmation and unsubscribing, Datenschutz, Impressum,
Erklärung zur Barrierefreiheit, the events (list, registration) and the error pages are walked in every language while each
gettext lookup is recorded; every recorded text of ZWK's catalogue must have a translation in
each of the six catalogues (German is the source). The templates of these paths may not hold
visible text outside {% translate %}/{% blocktranslate %}.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import defaults

from tests.zwk.core.catalogues import parse_po, third_party_msgids
from tests.zwk.participation.factories import make_project, make_survey
from zwk.newsletter import tokens
from zwk.newsletter.models import Subscriber

SRC = Path(__file__).resolve().parents[3] / "src" / "zwk"
LOCALE = SRC / "locale"
# Participant-path templates (besides the workshop join path of tests/zwk/workshops/…).
PARTICIPANT_TEMPLATES = [
    "participation/templates/participation/open_list.html",
    "participation/templates/participation/project.html",
    "participation/templates/participation/survey_start.html",
    "participation/templates/participation/survey_page.html",
    "participation/templates/participation/survey_done.html",
    "participation/templates/participation/_open_projects.html",
    "newsletter/templates/newsletter/signup.html",
    "newsletter/templates/newsletter/signup_done.html",
    "newsletter/templates/newsletter/confirm.html",
    "newsletter/templates/newsletter/unsubscribe.html",
    "newsletter/templates/newsletter/invalid_link.html",
    "privacy/templates/privacy/legal_page.html",
    "privacy/templates/privacy/default_privacy.html",
    "privacy/templates/privacy/default_imprint.html",
    "privacy/templates/privacy/accessibility_statement.html",
    "exchange/templates/exchange/list.html",
    "exchange/templates/exchange/detail.html",
    "exchange/templates/exchange/registration.html",
    "exchange/templates/exchange/_when.html",
    "templates/400.html",
    "templates/403.html",
    "templates/404.html",
    "templates/500.html",
    "templates/includes/form.html",
]
NAMES = {"ZWK"}  # the platform's name is the same in every language
CATALOGUES = {"en": "en", "de-ls": "de_LS", "tr": "tr", "ar": "ar", "uk": "uk", "ru": "ru"}
QUERY = {"de": "de", "de-ls": "leicht", "en": "en", "tr": "tr", "ar": "ar", "uk": "uk", "ru": "ru"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(monkeypatch):
    """Every msgid looked up while the test renders pages."""
    seen = set()
    real = translation._trans
    gettext, ngettext, pgettext = real.gettext, real.ngettext, real.pgettext

    def recording_gettext(message):
        seen.add((str(message), None))
        return gettext(message)

    def recording_ngettext(singular, plural, number):
        seen.add((str(singular), str(plural)))
        return ngettext(singular, plural, number)

    def recording_pgettext(context, message):
        seen.add((f"{context}\x04{message}", None))
        return pgettext(context, message)

    monkeypatch.setattr(real, "gettext", recording_gettext)
    monkeypatch.setattr(real, "ngettext", recording_ngettext)
    monkeypatch.setattr(real, "pgettext", recording_pgettext)
    return seen


def _page_url(survey, page):
    return reverse(
        "participation:survey_page",
        kwargs={
            "slug": survey.project.municipality.slug,
            "project": survey.project.slug,
            "survey": survey.pk,
            "page": page,
        },
    )


def _field(survey, prefix):
    return f"q{survey.questions.get(text__startswith=prefix).pk}"


def walk_survey(client, survey, language):
    """Home page, open list, project, start (refused, then accepted), pages with errors, done."""
    q = "?sprache=" + QUERY[language]
    pages = [client.get("/" + q), client.get(reverse("participation:open_list"))]
    pages.append(client.get(survey.project.get_absolute_url()))
    pages.append(client.get(survey.get_absolute_url()))
    pages.append(client.post(survey.get_absolute_url(), {}))
    assert client.post(survey.get_absolute_url(), {"consent": "on"}).status_code == 302
    pages.append(client.get(_page_url(survey, 1)))
    pages.append(client.post(_page_url(survey, 1), {_field(survey, "Ihr Geschlecht"): "x"}))
    first = {
        _field(survey, "Wie alt"): "16-17",
        _field(survey, "Ihr Geschlecht"): "w",
        _field(survey, "In welchem"): "Altstadt",
    }
    assert client.post(_page_url(survey, 1), first).status_code == 302
    pages.append(client.get(_page_url(survey, 2)))
    pages.append(client.post(_page_url(survey, 2), {_field(survey, "Wie gern"): "9"}))
    second = {
        _field(survey, "Wie gern"): "5",
        _field(survey, "Wie kommen"): "1",
        _field(survey, "Was fehlt"): "Abends fährt kein Bus",
        _field(survey, "Was wünschen"): ["0", "2"],
    }
    assert client.post(_page_url(survey, 2), second).status_code == 302
    pages.append(client.get(_page_url(survey, 3)))
    ranking = survey.questions.get(kind="ranking")
    pages.append(client.post(_page_url(survey, 3), {f"q{ranking.pk}_0": "1"}))
    third = {f"q{ranking.pk}_{i}": str(i + 1) for i in range(len(ranking.options))}
    third[_field(survey, "Seit wie vielen")] = "2"
    response = client.post(_page_url(survey, 3), third)
    assert response.status_code == 302, response.content.decode()[:3000]
    pages.append(client.get(response["Location"]))
    return [page.content.decode() for page in pages]


def walk_newsletter_legal_errors(client, language):
    q = "?sprache=" + QUERY[language]
    pages = [client.get(reverse("newsletter:signup") + q)]
    pages.append(client.post(reverse("newsletter:signup"), {"anmeldung-email": "kaputt"}))
    data = {"anmeldung-email": "leser@example.org", "anmeldung-topics": ["events"]}
    data["anmeldung-consent"] = "on"
    response = client.post(reverse("newsletter:signup"), data)
    assert response.status_code == 302
    pages.append(client.get(response["Location"]))
    link = re.search(r"https?://[^/\s]+(/newsletter/bestaetigen/[^/\s]+/)", mail.outbox[-1].body)
    pages.append(client.get(link.group(1)))
    pages.append(client.post(link.group(1)))
    pages.append(client.post(link.group(1)))  # already used
    subscriber = Subscriber.objects.get(email="leser@example.org")
    unsubscribe = f"/newsletter/abmelden/{tokens.link_token(subscriber)}/"
    pages.append(client.get(unsubscribe))
    pages.append(client.post(unsubscribe))
    pages.append(client.get("/newsletter/abmelden/kaputt/"))
    pages.append(client.get(reverse("privacy:notice")))
    pages.append(client.get(reverse("imprint")))
    pages.append(client.get(reverse("accessibility:statement")))
    pages.append(client.get("/gibt-es-nicht/"))
    request = RequestFactory().get("/")
    request.user = None
    with translation.override(language):
        for view in (defaults.permission_denied, defaults.bad_request):
            pages.append(view(request, Exception()))
        pages.append(defaults.server_error(request))
    return [page.content.decode() for page in pages]


def walk_events(client, event, language):
    """Event list, detail, registration refused (empty form), registration, its page."""
    q = "?sprache=" + QUERY[language]
    pages = [client.get(reverse("exchange:list") + q), client.get(event.get_absolute_url())]
    register = reverse("exchange:register", kwargs={"pk": event.pk})
    pages.append(client.post(register, {}))
    data = {
        "anmeldung-name": "Oksana Melnyk",
        "anmeldung-email": "oksana@example.org",
        "anmeldung-organisation": "Bürgerin",
        "anmeldung-consent": "on",
    }
    response = client.post(register, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    pages.append(client.get(response["Location"]))
    return [page.content.decode() for page in pages]


@pytest.fixture
def event(office_user):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from zwk.exchange import services as exchange

    # 10:00 in Berlin, so that whether the event ends on its own day does not depend on when
    # the test runs; the overnight variant is walked separately (its "bis" must be translated).
    day = timezone.localdate(timezone.now() + timedelta(days=7))
    start = timezone.make_aware(datetime.combine(day, time(10)), ZoneInfo("Europe/Berlin"))
    data = {
        "title": "Online-Seminar Wohnen im Alter",
        "event_type": "webinar",
        "description": "<p>Wie Kommunen Wohnen im Alter gestalten.</p>",
        "start": start,
        "end": start + timedelta(hours=2),
        "capacity": 10,
        "audience": "open",
        "status": "published",
        "online_link": "https://konferenz.example.org/raum-42",
    }
    return exchange.event_create(by=office_user, data=data, themes=())


@pytest.fixture
def survey(municipality, coordinator):
    return make_survey(make_project(municipality, by=coordinator), by=coordinator)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://zwk.example"


def test_error_and_legal_pages_answer_in_the_chosen_language(client, survey):
    html = walk_newsletter_legal_errors(client, "uk")
    assert all('<html lang="uk" dir="ltr"' in page for page in html[:1] + html[-7:])
    assert "Сторінку не знайдено" in html[-4]
    assert "Сталася помилка" in html[-1]


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_string_of_the_participant_paths_is_translated(language, survey, event, recorded):
    walk_survey(Client(), survey, language)
    walk_newsletter_legal_errors(Client(), language)
    walk_events(Client(), event, language)
    event.end = event.start + timedelta(days=1, hours=2)  # an event over two days: "… bis …"
    event.save(update_fields=["end"])
    overnight = Client().get(event.get_absolute_url() + "?sprache=" + QUERY[language])
    assert overnight.status_code == 200
    catalogue, _header = parse_po(LOCALE / CATALOGUES[language] / "LC_MESSAGES" / "django.po")
    shown = {key for key in recorded if key[0] and key not in third_party_msgids()}
    assert len(shown) > 150
    # a text missing from the catalogue (makemessages not run) counts as untranslated too
    missing = sorted(key[0] for key in shown if not all(catalogue.get(key, [""])))
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:10]}"


def test_participant_templates_have_no_text_outside_translate():
    leftovers = {}
    for name in PARTICIPANT_TEMPLATES:
        source = (SRC / name).read_text(encoding="utf-8")
        text = re.sub(r"{% blocktranslate.*?{% endblocktranslate %}", " ", source, flags=re.S)
        text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", " ", text, flags=re.S)
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
        # names and addresses marked as such (translate="no") stay as they are
        text = re.sub(r'<(\w+)\b[^>]*translate="no"[^>]*>.*?</\1>', " ", text, flags=re.S)
        for attribute in re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', text):
            if re.search(r"[^\W\d_]", attribute):
                leftovers.setdefault(name, []).append(attribute)
        text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
        text = re.sub(r"&\w+;|[·–—:,./()+−!?%]", " ", text)
        words = [w for w in text.split() if re.search(r"[^\W\d_]", w) and w not in NAMES]
        if words:
            leftovers.setdefault(name, []).extend(words)
    assert not leftovers, leftovers
