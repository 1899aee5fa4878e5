"""Lessons learnt of the Zwischenbilanz and sharing them with the Werkzeugkoffer."""

import pytest
from django.urls import reverse

from tests.zwk.plans.factories import make_measure
from zwk.plans import services
from zwk.plans.models import Lesson
from zwk.plans.review.lessons import lesson_save, lesson_set_shared
from zwk.toolbox import services as toolbox_services
from zwk.toolbox.models import Entry, EntryType, Status

pytestmark = pytest.mark.django_db


def _submitted():
    """Entries submitted by Kommunen (the Werkzeugkoffer ships its own content besides)."""
    return Entry.objects.filter(municipality__isnull=False)


def _url(name, municipality, **kwargs):
    return reverse(name, kwargs={"slug": municipality.slug, **kwargs})


def _form(measure=None, **extra):
    data = {
        "title": "Ehrenamt früh einbinden",
        "worked": "Der Dorfladen läuft mit 25 Ehrenamtlichen.",
        "not_worked": "Die Öffnungszeiten am Abend wurden kaum genutzt.",
        "why": "Berufstätige kaufen in der Stadt ein.",
        "differently": "Vorher eine Umfrage machen.",
        "transferable_kinds": ["gemeinde"],
        "transferable_sizes": ["small"],
        "transferable_note": "Dörfer ohne Nahversorgung",
        **extra,
    }
    if measure is not None:
        data["measure"] = measure.pk
    return data


def _lesson(municipality, by, **data):
    measure = make_measure(municipality, by, "Dorfladen", theme=None)
    return lesson_save(
        plan=measure.plan,
        by=by,
        data={"measure": measure, "title": "Ehrenamt trägt", "worked": "25 Ehrenamtliche", **data},
    )


def test_coordinator_records_and_shares_a_lesson(municipality, coordinator, client_for):
    measure = make_measure(municipality, coordinator, "Dorfladen")
    client = client_for(coordinator)
    response = client.post(_url("review:lesson_create", municipality), _form(measure, share="on"))
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert (lesson.measure, lesson.transferable_kinds) == (measure, ["gemeinde"])
    entry = lesson.toolbox_entry
    assert entry.entry_type == EntryType.BEST_PRACTICE
    assert entry.status == Status.REVIEW  # "in Prüfung": the office decides
    assert entry.municipality == municipality
    assert entry.title == "Ehrenamt früh einbinden"
    assert "Dorfladen" in entry.summary and "25 Ehrenamtlichen" in entry.results
    assert "Vorher eine Umfrage machen." in entry.lessons_learnt
    assert (entry.municipality_kinds, entry.sizes) == (["gemeinde"], ["small"])
    assert entry.transferability == "Dörfer ohne Nahversorgung"
    html = client.get(_url("review:review", municipality)).content.decode()
    assert "Ehrenamt früh einbinden" in html and "Im Werkzeugkoffer: in Prüfung" in html


def test_sharing_twice_creates_one_entry_and_withdrawing_removes_it(municipality, coordinator):
    lesson = _lesson(municipality, coordinator)
    lesson_set_shared(lesson=lesson, by=coordinator, shared=True)
    lesson_set_shared(lesson=lesson, by=coordinator, shared=True)
    assert _submitted().count() == 1
    lesson_set_shared(lesson=lesson, by=coordinator, shared=False)
    lesson.refresh_from_db()
    assert not lesson.shared and _submitted().count() == 0


def test_switch_off_on_the_review_page_withdraws(municipality, coordinator, client_for):
    lesson = _lesson(municipality, coordinator)
    client = client_for(coordinator)
    url = _url("review:lesson_share", municipality, pk=lesson.pk)
    client.post(url, {"share": "on"})
    assert _submitted().filter(status=Status.REVIEW).count() == 1
    response = client.post(url, {})  # unchecked box: not shared
    assert response.status_code == 302
    assert _submitted().count() == 0


def test_published_entry_cannot_be_withdrawn_by_the_kommune(
    municipality, coordinator, office_user, client_for
):
    lesson = _lesson(municipality, coordinator)
    lesson = lesson_set_shared(lesson=lesson, by=coordinator, shared=True)
    toolbox_services.entry_transition(entry=lesson.toolbox_entry, action="publish", by=office_user)
    client = client_for(coordinator)
    response = client.post(_url("review:lesson_share", municipality, pk=lesson.pk), {}, follow=True)
    assert "bereits veröffentlicht" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.shared and lesson.toolbox_entry.status == Status.PUBLISHED
    # Deleting the lesson keeps the published entry.
    client.post(_url("review:lesson_delete", municipality, pk=lesson.pk))
    assert not Lesson.objects.exists()
    assert _submitted().filter(status=Status.PUBLISHED).count() == 1


def test_editing_a_shared_lesson_updates_the_entry_in_review(municipality, coordinator, client_for):
    lesson = _lesson(municipality, coordinator)
    lesson_set_shared(lesson=lesson, by=coordinator, shared=True)
    client = client_for(coordinator)
    response = client.post(
        _url("review:lesson_edit", municipality, pk=lesson.pk),
        _form(lesson.measure, title="Neu formuliert", share="on"),
    )
    assert response.status_code == 302
    entry = _submitted().get()
    assert entry.title == "Neu formuliert" and entry.status == Status.REVIEW


def test_deleting_an_unpublished_shared_lesson_withdraws_it(municipality, coordinator, client_for):
    lesson = lesson_set_shared(
        lesson=_lesson(municipality, coordinator), by=coordinator, shared=True
    )
    client = client_for(coordinator)
    confirm = client.get(_url("review:lesson_delete", municipality, pk=lesson.pk))
    assert "wird zurückgezogen" in confirm.content.decode()
    client.post(_url("review:lesson_delete", municipality, pk=lesson.pk))
    assert not Lesson.objects.exists() and not _submitted().exists()


def test_overall_lesson_without_measure(municipality, member, client_for):
    services.plan_for(municipality)
    client = client_for(member)
    response = client.post(_url("review:lesson_create", municipality), _form())
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert lesson.measure is None and not lesson.shared
    html = client.get(_url("review:review", municipality)).content.decode()
    assert "zum Werkstattplan insgesamt" in html


def test_team_member_may_write_but_not_share(municipality, member, client_for):
    lesson = _lesson(municipality, member)
    client = client_for(member)
    form = client.get(_url("review:lesson_create", municipality)).content.decode()
    assert "Mit anderen Kommunen teilen" not in form
    # Even a forged "share" field does not share.
    client.post(_url("review:lesson_create", municipality), _form(share="on"))
    assert not _submitted().exists()
    response = client.post(_url("review:lesson_share", municipality, pk=lesson.pk), {"share": "on"})
    assert response.status_code == 403 and not _submitted().exists()


def test_empty_lesson_is_refused_with_input_kept(municipality, member, client_for):
    services.plan_for(municipality)
    response = client_for(member).post(
        _url("review:lesson_create", municipality),
        {"title": "Nur ein Titel", "transferable_note": "Kleinstädte"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte beschreiben Sie mindestens" in html and "Nur ein Titel" in html
    assert not Lesson.objects.exists()


def test_lesson_with_another_plans_measure_is_refused(
    municipality, other_municipality, member, other_member, client_for
):
    foreign = make_measure(other_municipality, other_member, "Fremde Maßnahme")
    services.plan_for(municipality)
    response = client_for(member).post(_url("review:lesson_create", municipality), _form(foreign))
    assert response.status_code == 400 and not Lesson.objects.exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("review:lesson_edit", "get"),
        ("review:lesson_share", "post"),
        ("review:lesson_delete", "get"),
        ("review:lesson_delete", "post"),
    ],
)
def test_other_kommunes_lesson_is_not_found(
    name, method, municipality, other_municipality, coordinator, other_member, client_for
):
    """IDOR: a coordinator of another Kommune gets 404 for this Kommune's lesson – also
    through the URL of their own Kommune."""
    lesson = lesson_set_shared(
        lesson=_lesson(municipality, coordinator), by=coordinator, shared=True
    )
    client = client_for(other_member)
    response = getattr(client, method)(_url(name, other_municipality, pk=lesson.pk))
    assert response.status_code == 404
    assert Lesson.objects.filter(pk=lesson.pk, toolbox_entry__isnull=False).exists()


def test_personal_data_export_and_erasure(municipality, coordinator):
    from zwk.core import personal_data

    lesson = _lesson(municipality, coordinator)
    provider = next(p for p in personal_data.providers() if p.key == "plans_lessons")
    assert provider.export(coordinator) == [
        {
            "kommune": "Musterdorf",
            "title": "Ehrenamt trägt",
            "measure": "Dorfladen",
            "written_at": lesson.created_at.isoformat(),
        }
    ]
    assert provider.erase(coordinator) == 1
    lesson.refresh_from_db()
    assert lesson.created_by is None and lesson.title == "Ehrenamt trägt"  # stays with the Kommune
    assert provider.export(coordinator) == []


def test_returned_entry_goes_back_to_review_after_editing(
    municipality, coordinator, office_user, client_for
):
    lesson = lesson_set_shared(
        lesson=_lesson(municipality, coordinator), by=coordinator, shared=True
    )
    toolbox_services.entry_transition(
        entry=lesson.toolbox_entry, action="return", by=office_user, note="Bitte Zahlen ergänzen."
    )
    client = client_for(coordinator)
    html = client.get(_url("review:review", municipality)).content.decode()
    assert "Hinweis der Geschäftsstelle: Bitte Zahlen ergänzen." in html
    client.post(
        _url("review:lesson_edit", municipality, pk=lesson.pk),
        _form(lesson.measure, worked="Der Laden setzt 4.000 € im Monat um.", share="on"),
    )
    entry = _submitted().get()
    assert entry.status == Status.REVIEW and "4.000 €" in entry.results


def test_measure_page_links_to_a_lesson_form_for_this_measure(municipality, member, client_for):
    measure = make_measure(municipality, member, "Dorfladen")
    make_measure(municipality, member, "Bürgerbus")
    client = client_for(member)
    html = client.get(measure.get_absolute_url()).content.decode()
    href = f"{_url('review:lesson_create', municipality)}?massnahme={measure.pk}"
    assert f'href="{href}">Erfahrung festhalten' in html
    form = client.get(href).content.decode()
    assert f'<option value="{measure.pk}" selected>Dorfladen</option>' in form
