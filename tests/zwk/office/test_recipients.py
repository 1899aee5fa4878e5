"""Picking the Kommunen a Mitteilung goes to with many Kommunen (issue 19): a server-side
search by name, AGS, Land and Förderrunde with pages of checkboxes, "alle Treffer
auswählen", removing from the selection; office only; bad input never a 500."""

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory
from zwk.announcements import forms as announcement_forms
from zwk.announcements.models import Announcement, Audience
from zwk.municipalities.models import Municipality
from zwk.office import picker_views


@pytest.fixture
def draft(office_user):
    return Announcement.objects.create(
        subject="Netzwerktreffen", body="Liebe Teams", author=office_user
    )


@pytest.fixture
def many(db):
    """120 Kommunen: 60 in Bayern ("Bad …", AGS 09…), 60 in Sachsen ("Neu …", AGS 14…)."""
    return Municipality.objects.bulk_create(
        [
            Municipality(
                name=f"{'Bad' if i < 60 else 'Neu'} Ort {i:03d}",
                slug=f"ort-{i:03d}",
                kind="gemeinde",
                land="09" if i < 60 else "14",
                ags=f"{'09262' if i < 60 else '14522'}{i:03d}",
            )
            for i in range(120)
        ]
    )


def _url(draft):
    return reverse("office:recipients", kwargs={"pk": draft.pk})


def _chosen(draft) -> list[int]:
    draft.refresh_from_db()
    return draft.criteria.get("municipalities", []) if draft.audience == Audience.SELECTION else []


def test_search_by_name_and_ags_is_paginated_on_the_server(client_for, office_user, draft, many):
    client = client_for(office_user)
    html = client.get(_url(draft), {"q": "bad"}).content.decode()
    assert "Treffer 1–50 von 60" in html
    assert html.count('name="kommune"') == picker_views.PAGE_SIZE
    assert "Neu Ort" not in html
    assert 'role="search"' in html and 'for="id_q"' in html  # a labelled search field
    html = client.get(_url(draft), {"q": "bad", "seite": "2"}).content.decode()
    assert "Treffer 51–60 von 60" in html and html.count('name="kommune"') == 10
    html = client.get(_url(draft), {"q": "14522"}).content.decode()
    assert "Treffer 1–50 von 60" in html and "Bad Ort" not in html
    html = client.get(_url(draft), {"land": "14", "q": "Ort 119"}).content.decode()
    assert "Neu Ort 119" in html and html.count('name="kommune"') == 1


def test_a_search_without_hits_says_so_not_check_your_search(client_for, office_user, draft, many):
    """An empty page of hits is falsy in a template: the page must still say that nothing
    matches (not "Bitte prüfen Sie die Suche", which is for invalid input)."""
    html = client_for(office_user).get(_url(draft), {"q": "Gibtsnichtdorf"}).content.decode()
    assert "Keine Kommune entspricht der Suche." in html
    assert "Bitte prüfen Sie die Suche." not in html


def test_ticked_kommunen_are_added_and_removed(client_for, office_user, draft, many):
    client = client_for(office_user)
    first, second = many[0].pk, many[1].pk
    response = client.post(
        _url(draft), {"aktion": "hinzufuegen", "kommune": [first, second], "q": "bad"}
    )
    assert response.status_code == 302 and response["Location"].endswith("?q=bad")
    assert _chosen(draft) == [first, second]
    html = client.get(response["Location"]).content.decode()
    assert "2 Kommunen ausgewählt." in html and "bereits ausgewählt" in html
    assert html.count('name="kommune"') == 48

    client.post(_url(draft), {"aktion": "entfernen", "entfernen": [first]})
    assert _chosen(draft) == [second]


def test_all_hits_of_a_search_are_chosen_at_once(client_for, office_user, draft, many):
    client = client_for(office_user)
    client.post(_url(draft), {"aktion": "alle", "land": "14"})
    chosen = _chosen(draft)
    assert len(chosen) == 60
    assert set(chosen) == set(Municipality.objects.filter(land="14").values_list("pk", flat=True))
    # the Mitteilung now goes to exactly these Kommunen
    html = client.get(reverse("announcements:send", kwargs={"pk": draft.pk})).content.decode()
    assert "Jetzt an 60 Kommunen senden" in html


def test_all_hits_beyond_the_limit_are_refused_with_a_german_message(
    client_for, office_user, draft, many, monkeypatch
):
    monkeypatch.setattr(picker_views, "ALL_LIMIT", 50)
    client = client_for(office_user)
    response = client.post(_url(draft), {"aktion": "alle", "q": "Ort"}, follow=True)
    assert "mehr als 50 auf einmal" in response.content.decode()
    assert _chosen(draft) == []


@pytest.mark.parametrize(
    "params",
    [
        {"seite": "abc"},
        {"seite": "999999999999"},
        {"seite": "-1"},
        {"q": "x" * 500},
        {"land": "99"},
        {"runde": "<script>"},
        {"auswahl": "abc"},
    ],
)
def test_bad_search_input_is_not_a_500(client_for, office_user, draft, many, params):
    response = client_for(office_user).get(_url(draft), params)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Bitte prüfen Sie Ihre Eingaben" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"aktion": "hinzufuegen", "kommune": ["abc", "-3", "99999999"]},
        {"aktion": "hinzufuegen"},
        {"aktion": "entfernen", "entfernen": ["x"]},
        {"aktion": "loeschen"},
        {"aktion": "alle", "land": "99"},
        {"aktion": "alle", "q": "gibt es nicht"},
    ],
)
def test_bad_posts_change_nothing_and_say_why(client_for, office_user, draft, many, data):
    response = client_for(office_user).post(_url(draft), data, follow=True)
    assert response.status_code in (200, 400)  # 400: the search shown again is invalid
    html = response.content.decode()
    reasons = ("Bitte kreuzen Sie", "Unbekannte Aktion", "Bitte prüfen Sie", "Keine weiteren")
    assert any(text in html for text in reasons)
    assert _chosen(draft) == []


def test_a_sent_announcement_cannot_be_changed(client_for, office_user, draft, many):
    from django.utils import timezone

    Announcement.objects.filter(pk=draft.pk).update(sent_at=timezone.now())
    response = client_for(office_user).post(
        _url(draft), {"aktion": "hinzufuegen", "kommune": [many[0].pk]}, follow=True
    )
    assert "lässt sich nicht mehr ändern" in response.content.decode()
    assert _chosen(draft) == []


def test_only_the_office_may_pick(client_for, coordinator, member, draft, many):
    from django.test import Client

    anonymous = Client()
    assert anonymous.get(_url(draft)).status_code == 302  # to the login
    assert anonymous.post(_url(draft), {"aktion": "alle"}).status_code == 302
    assert client_for(member).get(_url(draft)).status_code == 403
    assert client_for(coordinator).get(_url(draft)).status_code == 403
    response = client_for(coordinator).post(
        _url(draft), {"aktion": "hinzufuegen", "kommune": [many[0].pk]}
    )
    assert response.status_code == 403 and _chosen(draft) == []


def test_unknown_announcement_is_404(client_for, office_user):
    response = client_for(office_user).get(reverse("office:recipients", kwargs={"pk": 999999}))
    assert response.status_code == 404


def test_announcement_form_lists_only_the_chosen_kommunen_when_there_are_many(
    client_for, office_user, draft, many, monkeypatch
):
    monkeypatch.setattr(announcement_forms, "LIST_LIMIT", 100)
    client = client_for(office_user)
    html = client.get(reverse("announcements:create")).content.decode()
    assert 'name="municipalities"' not in html  # not 120 checkboxes
    assert "Kommunen suchen und auswählen" in html
    client.post(_url(draft), {"aktion": "hinzufuegen", "kommune": [many[5].pk]})
    html = client.get(reverse("announcements:edit", kwargs={"pk": draft.pk})).content.decode()
    assert html.count('name="municipalities"') == 1 and "Bad Ort 005" in html


def test_small_programmes_keep_the_full_list(client_for, office_user):
    MunicipalityFactory(name="Musterstadt")
    html = client_for(office_user).get(reverse("announcements:create")).content.decode()
    assert "Musterstadt" in html
