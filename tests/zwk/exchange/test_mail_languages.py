"""Mails about event registrations in the participant's language (issue 18).

A registration remembers the language of the page it was made on; the confirmation, the mail
on moving up from the waiting list (sent during someone else's cancellation) and the reminder
(sent by a background task, whose language is German) are written in it. Every text of the
mails has a translation in each of the six catalogues.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from tests.zwk.core.catalogues import parse_po, third_party_msgids
from tests.zwk.core.test_participant_paths import CATALOGUES, LOCALE, recorded  # noqa: F401
from zwk.exchange import services
from zwk.exchange.models import Registration

pytestmark = pytest.mark.django_db

KINDS = ["confirmed", "waiting", "moved_up", "reminder", "cancelled", "event_cancelled"]


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://zwk.example"


@pytest.fixture(autouse=True)
def _german_afterwards():
    """A request on a Ukrainian page leaves Ukrainian active in this thread (the middleware
    activates, nothing deactivates); later tests expect the default German."""
    yield
    translation.deactivate()


def _register_on_page(event, language, name="Oksana Melnyk", email="oksana@example.org"):
    """Open the event page with ?sprache= (as from a shared link) and register there."""
    client = Client()
    assert client.get(event.get_absolute_url() + "?sprache=" + language).status_code == 200
    data = {
        "anmeldung-name": name,
        "anmeldung-email": email,
        "anmeldung-organisation": "Bürgerin",
        "anmeldung-consent": "on",
    }
    response = client.post(reverse("exchange:register", kwargs={"pk": event.pk}), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Registration.objects.get(event=event, email=email)


def _mails_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_registration_on_ukrainian_page_gets_its_confirmation_in_ukrainian(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register_on_page(event, "uk")
    assert registration.language == "uk"
    (confirmation,) = _mails_to("oksana@example.org")
    assert confirmation.subject == "Реєстрацію підтверджено: Online-Seminar Wohnen im Alter"
    assert "Дякуємо за реєстрацію. Ваше місце підтверджено." in confirmation.body
    assert "Добрий день, Oksana Melnyk!" in confirmation.body
    assert "Посилання для доступу: https://konferenz.example.org/raum-42" in confirmation.body
    assert "(за німецьким часом)" in confirmation.body
    assert "Guten Tag" not in confirmation.body


def test_german_registration_stays_german(make_event, django_capture_on_commit_callbacks):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register_on_page(event, "de", "Erika Muster", "erika@example.org")
    assert registration.language == "de"
    (confirmation,) = _mails_to("erika@example.org")
    assert confirmation.subject == "Anmeldung bestätigt: Online-Seminar Wohnen im Alter"
    assert "vielen Dank für Ihre Anmeldung. Ihr Platz ist bestätigt." in confirmation.body


def test_rows_without_language_get_german_mails(make_event, register):
    """Registrations from before the field (empty language) are written to in German."""
    event = make_event()
    registration = register(event)
    Registration.objects.filter(pk=registration.pk).update(language="")
    registration.refresh_from_db()
    with translation.override("uk"):  # whatever language the sender happens to run in
        message = services._mail(registration, "confirmed")
    assert message.subject.startswith("Anmeldung bestätigt:")


def test_moved_up_mail_is_in_the_language_of_the_waiting_person(
    make_event, register, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        with translation.override("de"):  # a German page; Erika takes the only place
            first = register(event, "Erika Muster")
        waiting = _register_on_page(event, "uk")
    assert waiting.status == "waiting"
    (on_list,) = _mails_to("oksana@example.org")
    assert on_list.subject == "Список очікування: Online-Seminar Wohnen im Alter"
    mail.outbox.clear()
    # Erika cancels on a German page: Oksana moves up and is told in Ukrainian.
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first)
    (moved,) = _mails_to("oksana@example.org")
    assert moved.subject == "Для вас звільнилося місце: Online-Seminar Wohnen im Alter"
    assert "Гарна новина: звільнилося місце" in moved.body
    (cancelled,) = _mails_to("erika@example.org")
    assert cancelled.subject == "Anmeldung storniert: Online-Seminar Wohnen im Alter"


def test_reminder_from_the_background_task_is_in_each_registrations_language(
    make_event, register, django_capture_on_commit_callbacks
):
    event = make_event(
        days=1, translations={"uk": {"title": "Онлайн-семінар: житло для літніх людей"}}
    )
    with django_capture_on_commit_callbacks(execute=True):
        with translation.override("de"):  # a German page
            register(event, "Erika Muster")
        _register_on_page(event, "uk")
    mail.outbox.clear()
    with translation.override("de"):  # the task runs in German
        assert services.reminders_send(now=timezone.now()) == 2
    (uk,) = _mails_to("oksana@example.org")
    assert uk.subject == "Нагадування: завтра «Онлайн-семінар: житло для літніх людей»"
    assert "Нагадуємо про захід, на який ви зареєструвалися:" in uk.body
    assert "Онлайн-семінар: житло для літніх людей (" in uk.body  # the translated title
    (de,) = _mails_to("erika@example.org")
    assert de.subject == "Erinnerung: morgen „Online-Seminar Wohnen im Alter“"
    assert "wir erinnern Sie an die Veranstaltung" in de.body


def test_data_export_shows_the_language(make_event, register, member):
    event = make_event()
    with translation.override("uk"):
        register(event, "Oksana Melnyk", email=member.email)
    (row,) = services.export_user(member)
    assert row["sprache"] == "uk"


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_text_of_the_mails_is_translated(language, make_event, register, recorded):  # noqa: F811
    event = make_event(place="Rathaus, Saal 2", days=1)
    event.end = event.start + timedelta(days=1)  # over two days: the long form of the time
    event.cancel_reason = "Die Referentin ist erkrankt."
    event.save(update_fields=["end", "cancel_reason"])
    registration = register(event, "Oksana Melnyk")
    registration.language = language
    recorded.clear()  # only the mails: not the German audit texts of creating the event
    bodies = []
    for kind in KINDS:
        registration.status = "waiting" if kind == "waiting" else "confirmed"
        message = services._mail(registration, kind, attach_ics=kind == "confirmed")
        bodies.append(message.subject + message.body)
    assert len(recorded) > 20
    catalogue, _header = parse_po(LOCALE / CATALOGUES[language] / "LC_MESSAGES" / "django.po")
    shown = {key for key in recorded if key[0] and key not in third_party_msgids()}
    missing = sorted(key[0] for key in shown if not all(catalogue.get(key, [""])))
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:10]}"
    if language != "de-ls":  # Leichte Sprache keeps some German words (Ort:)
        assert all("Guten Tag" not in body for body in bodies)


@pytest.mark.parametrize(
    "language, same_day, two_days",
    [
        (
            "de",
            "Sonntag, 31. Oktober 2027, 10:00–12:00 Uhr",
            "Sonntag, 31. Oktober 2027, 10:00 Uhr bis Montag, 1. November 2027, 12:00 Uhr",
        ),
        # Turkish layout: day month year, then the weekday, "saat" before the time
        (
            "tr",
            "31 Ekim 2027 Pazar, saat 10:00–12:00",
            "31 Ekim 2027 Pazar, saat 10:00 ile 01 Kasım 2027 Pazartesi, saat 12:00",
        ),
    ],
)
def test_event_time_follows_the_layout_of_the_page_language(
    make_event, language, same_day, two_days
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    start = datetime(2027, 10, 31, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    event = make_event(start=start, days=0)
    url = event.get_absolute_url() + "?sprache=" + language
    assert same_day in " ".join(strip_tags(Client().get(url).content.decode()).split())
    event.end = start + timedelta(days=1, hours=2)
    event.save(update_fields=["end"])
    assert two_days in " ".join(strip_tags(Client().get(url).content.decode()).split())
