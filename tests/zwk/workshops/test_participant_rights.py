"""Participants' data rights (issue 21.9): see, download and delete one's own contributions
by device or Teilnahmecode; moderators redact personal data (audited, original gone); the
purge report lists cards that probably name a person.
"""

import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import models
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.zwk.workshops.factories import join, make_workshop, open_phase
from tests.zwk.workshops.matrix import PNG_1PX
from zwk.accounts.models import AuditEntry
from zwk.workshops import participant_data, services, voting
from zwk.workshops.models import Ballot, Card, Participant, Vote
from zwk.workshops.personal_data_scan import findings, likely_personal

# --- The heuristic (pure function) ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Ottilie Zwergstein, Lindenweg 3", {"name", "street"}),
        ("Ruft mich an: 0176 1234567", {"phone"}),
        ("Tel. +49 (0)30 123456 ab 18 Uhr", {"phone"}),
        ("07141/123456", {"phone"}),
        ("Mail an anna.muster@example.org", {"email"}),
        ("Hauptstr. 12a braucht eine Ampel", {"street"}),
        ("Treffpunkt Bahnhofstraße 5, dann los", {"street"}),
        ("An der Linde 4 wohnt Familie Maier", {"street", "name"}),
        ("Frau Zwergstein weiß Bescheid", {"name"}),
        ("Karl Meier, karl@example.org", {"email", "name"}),
    ],
)
def test_likely_personal_data_is_found(text, kinds):
    assert {f.kind for f in findings(text)} == kinds


@pytest.mark.parametrize(
    "text",
    [
        "Kita am Markt",
        "Bus alle 30 Minuten",
        "Mehr Bänke am Marktplatz",
        "Tempo 30 in der Hauptstraße",
        "Neue Mitte 2040 für Alte Schule",
        "Lindenweg 3 Uhr",
        "Spielplatz 2 mal pro Woche putzen",
        "Im Jahr 2040 wollen wir 1000 Wohnungen",
        "Radweg 3,5 km bis zur Schule",
        "Rathaus bis 2030 sanieren, Kosten 1500000 Euro",
        "Jung und Alt gemeinsam",
        "",
    ],
)
def test_ordinary_cards_are_not_flagged(text):
    assert not likely_personal(text), findings(text)


# --- Fixtures ---------------------------------------------------------------------------


@pytest.fixture
def board(workshop, coordinator, critique):
    """Anna wrote a card, Ben and Anna gave points; a paper card with points of both."""
    anna, ben = join(workshop, "Anna", district="Altstadt"), join(workshop, "Ben")
    anna_card = services.card_create(
        participant=anna,
        phase=critique,
        text="Ottilie Zwergstein, Lindenweg 3 wartet ewig auf den Bus",
        photo=SimpleUploadedFile("karte.png", PNG_1PX, "image/png"),
    )
    ben_card = services.card_create(participant=ben, phase=critique, text="Zu wenig Bänke")
    paper = services.card_add_paper(phase=critique, by=coordinator, text="Kein Arzt mehr im Ort")
    for voter, card, points in ((ben, anna_card, 2), (anna, paper, 2), (ben, paper, 1)):
        for _i in range(points):
            voting.vote_cast(participant=voter, card=card)
    voting.vote_cast(participant=anna, card=ben_card)
    return {"anna": anna, "ben": ben, "anna_card": anna_card, "ben_card": ben_card, "paper": paper}


def _ballots_match_votes():
    """Every ballot's spent points are exactly the points of its votes."""
    for ballot in Ballot.objects.all():
        votes = Vote.objects.filter(participant=ballot.participant, phase=ballot.phase)
        assert ballot.spent == (votes.aggregate(n=Sum("points"))["n"] or 0), ballot


def _device(workshop, participant):
    """A browser that is this participant's device (the cookie of identity.remember)."""
    from django.http import HttpResponse

    from zwk.workshops import identity

    client, response = Client(), HttpResponse()
    identity.remember(response, participant)
    client.cookies.update(response.cookies)
    return client


def _urls(workshop):
    code = {"code": workshop.code}
    return {
        "page": reverse("participate:my_data", kwargs=code),
        "json": reverse("participate:my_data_download", kwargs={**code, "fmt": "json"}),
        "csv": reverse("participate:my_data_download", kwargs={**code, "fmt": "csv"}),
        "delete": reverse("participate:my_data_delete", kwargs=code),
    }


# --- Erasure (service) ------------------------------------------------------------------


def test_erase_removes_cards_votes_and_person_and_refunds_others(
    board, workshop, critique, django_capture_on_commit_callbacks
):
    anna, ben = board["anna"], board["ben"]
    photo_name = board["anna_card"].photo.name
    storage = board["anna_card"].photo.storage
    assert storage.exists(photo_name)
    with django_capture_on_commit_callbacks(execute=True):
        erased = participant_data.participant_erase(participant=anna)
    assert (erased.cards, erased.votes, erased.others_points_withdrawn) == (1, 2, 2)
    assert not Participant.objects.filter(pk=anna.pk).exists()
    assert not Card.objects.filter(pk=board["anna_card"].pk).exists()
    assert not Vote.objects.filter(participant_id=anna.pk).exists()
    # Ben's two points on Anna's card are his again; the paper card keeps only Ben's point.
    assert Ballot.objects.get(participant=ben, phase=critique).spent == 1
    assert board["paper"].votes.aggregate(n=Sum("points"))["n"] == 1
    _ballots_match_votes()
    assert not storage.exists(photo_name)
    # Ben can spend the refunded points.
    for _i in range(2):
        voting.vote_cast(participant=ben, card=board["ben_card"])
    _ballots_match_votes()


def test_erase_shows_cards_merged_into_the_deleted_one_again(board, coordinator):
    services.card_merge(source=board["ben_card"], target=board["anna_card"], by=coordinator)
    participant_data.participant_erase(participant=board["anna"])
    ben_card = Card.objects.get(pk=board["ben_card"].pk)
    assert ben_card.is_visible
    _ballots_match_votes()


def test_teilnahmecode_identifies_one_participant_and_dies_with_the_data(board, workshop):
    anna, ben = board["anna"], board["ben"]
    code = participant_data.participant_code(anna)
    assert len(code) == 14 and code.count("-") == 2
    assert code == participant_data.participant_code(Participant.objects.get(pk=anna.pk))
    assert code != participant_data.participant_code(ben)
    assert participant_data.participant_by_code(workshop, code.upper().replace("-", " ")) == anna
    assert participant_data.participant_by_code(workshop, "abcd-efgh-jkmn") is None
    other = make_workshop(workshop.municipality, code="andere")
    assert participant_data.participant_by_code(other, code) is None
    participant_data.participant_erase(participant=anna)
    assert participant_data.participant_by_code(workshop, code) is None


# --- Participant pages ------------------------------------------------------------------


def test_participant_sees_downloads_and_deletes_own_data(board, workshop):
    anna = board["anna"]
    device = _device(workshop, anna)
    urls = _urls(workshop)
    entry = device.get(reverse("participate:entry", kwargs={"code": workshop.code}))
    code = participant_data.participant_code(anna)
    assert f'Ihr Teilnahmecode: <code class="ws-participant-code">{code}</code>' in (
        entry.content.decode()
    )
    page = device.get(urls["page"]).content.decode()
    assert "Lindenweg 3 wartet" in page and "Kein Arzt mehr im Ort" in page
    assert "Altstadt" in page and code in page

    data = json.loads(device.get(urls["json"]).content)
    assert data["teilnahme"]["name_oder_spitzname"] == "Anna"
    assert [c["text"] for c in data["karten"]] == [board["anna_card"].text]
    assert data["karten"][0]["erhaltene_punkte"] == 2
    assert sorted(v["punkte"] for v in data["punkte"]) == [1, 2]
    csv = device.get(urls["csv"])
    assert csv["Content-Disposition"] == f'attachment; filename="meine-daten-{workshop.code}.csv"'
    assert "Karte;Kritikphase" in csv.content.decode() or "Karte;" in csv.content.decode()
    assert "Lindenweg 3" in csv.content.decode()

    confirm = device.get(urls["delete"])
    assert confirm.status_code == 200 and "Ja, alles löschen" in confirm.content.decode()
    done = device.post(urls["delete"])
    assert done.status_code == 302 and done["Location"] == urls["page"]
    assert not Participant.objects.filter(pk=anna.pk).exists()
    after = device.get(urls["page"], follow=True).content.decode()
    assert "wurden gelöscht" in after and "Teilnahmecode" in after
    assert "Lindenweg" not in after
    assert device.get(urls["json"]).status_code == 403
    _ballots_match_votes()


def test_other_device_enters_the_code_once_and_a_used_code_is_refused(board, workshop):
    anna = board["anna"]
    urls = _urls(workshop)
    code = participant_data.participant_code(anna)
    phone = Client()
    form = phone.get(urls["page"])
    assert form.status_code == 200 and "Lindenweg" not in form.content.decode()
    wrong = phone.post(urls["page"], {"teilnahmecode": "abcd-efgh-jkmn"})
    assert wrong.status_code == 400 and "passt nicht oder gilt nicht mehr" in wrong.content.decode()
    right = phone.post(urls["page"], {"teilnahmecode": code})
    assert right.status_code == 302
    assert "Lindenweg 3" in phone.get(urls["page"]).content.decode()
    phone.post(urls["delete"])
    used = Client().post(urls["page"], {"teilnahmecode": code})
    assert used.status_code == 400 and "passt nicht oder gilt nicht mehr" in used.content.decode()


def test_unknown_workshop_shows_the_same_code_form(client, board, workshop):
    known = client.get(_urls(workshop)["page"]).content.decode()
    unknown = client.get(reverse("participate:my_data", kwargs={"code": "gibtsnicht"}))
    assert unknown.status_code == 200
    assert workshop.title not in known and workshop.title not in unknown.content.decode()
    refused = client.post(unknown.request["PATH_INFO"], {"teilnahmecode": "abcd-efgh-jkmn"})
    assert refused.status_code == 400


def test_wrong_codes_are_rate_limited_per_address_and_workshop(board, workshop, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "workshops.data_code": "2/10m"}
    url = _urls(workshop)["page"]
    code = participant_data.participant_code(board["anna"])
    guesser = Client(REMOTE_ADDR="198.51.100.7")
    for _i in range(2):
        assert guesser.post(url, {"teilnahmecode": "abcd-efgh-jkmn"}).status_code == 400
    blocked = guesser.post(url, {"teilnahmecode": code})  # even the right one: no oracle
    assert blocked.status_code == 429 and "Zu viele falsche" in blocked.content.decode()
    assert Client(REMOTE_ADDR="198.51.100.8").post(url, {"teilnahmecode": code}).status_code == 302


def test_deleting_needs_the_csrf_token(board, workshop):
    device = _device(workshop, board["anna"])
    device.handler.enforce_csrf_checks = True
    assert device.post(_urls(workshop)["delete"]).status_code == 403
    assert Participant.objects.filter(pk=board["anna"].pk).exists()


def test_participant_data_permission_matrix(
    board, workshop, coordinator, member, other_member, office_user
):
    """Own participant: everything. Another participant of the workshop: only their own data.
    A participant of another workshop, anonymous, team, other Kommune, office: the code form,
    never Anna's data; download and delete refused."""
    urls = _urls(workshop)
    other_workshop = make_workshop(workshop.municipality, by=coordinator, code="nachbar")
    logged_in = {}
    for name, user in (("team", member), ("other_kommune", other_member), ("office", office_user)):
        logged_in[name] = Client()
        logged_in[name].force_login(user, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    clients = {
        "own": _device(workshop, board["anna"]),
        "other_participant": _device(workshop, board["ben"]),
        "participant_elsewhere": _device(other_workshop, join(other_workshop, "Carla")),
        "anonymous": Client(),
        **logged_in,
    }
    for who, client in clients.items():
        page = client.get(urls["page"])
        assert page.status_code == 200, who
        # Anna's own entries: her Ortsteil and her card under "Ihre Karten". (Ben gave her
        # card points, so its text – visible to everyone on the board – is in his list.)
        assert ("Altstadt" in page.content.decode()) == (who == "own"), who
        if who not in ("own", "other_participant"):
            assert "Lindenweg" not in page.content.decode(), who
        for fmt in ("json", "csv"):
            download = client.get(urls[fmt])
            if who == "own":
                assert download.status_code == 200 and "Altstadt" in download.content.decode()
            elif who == "other_participant":
                assert download.status_code == 200, who
                assert "Altstadt" not in download.content.decode()
                assert "Zu wenig Bänke" in download.content.decode()
            else:
                assert download.status_code == 403, (who, fmt)
        if who not in ("own", "other_participant"):
            assert client.get(urls["delete"]).status_code == 403, who
            assert client.post(urls["delete"]).status_code == 403, who
    # Ben deleting his data leaves Anna's alone.
    clients["other_participant"].post(urls["delete"])
    assert Participant.objects.filter(pk=board["anna"].pk).exists()
    assert Card.objects.filter(pk=board["anna_card"].pk).exists()
    assert not Participant.objects.filter(pk=board["ben"].pk).exists()
    _ballots_match_votes()


def test_invite_only_workshop_downloads_answer_like_an_unknown_code(municipality, coordinator):
    workshop = make_workshop(municipality, by=coordinator, code="geheim7x", access="invite")
    urls = _urls(workshop)
    assert Client().get(urls["json"]).status_code == 404
    assert Client().post(urls["delete"]).status_code == 404


# --- Redaction --------------------------------------------------------------------------


def _stored_text():
    """Every text value of every ZWK table – to prove a string is stored nowhere."""
    values = []
    for model in apps.get_models():
        if not model.__module__.startswith("zwk."):
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        if fields:
            values += [str(v) for row in model.objects.values_list(*fields) for v in row]
    return "\n".join(values)


def test_redacting_a_part_audits_it_and_keeps_the_original_nowhere(board, coordinator, workshop):
    card = board["anna_card"]
    services.card_hide(card=card, by=coordinator, reason="Name: Ottilie Zwergstein")
    services.card_show(card=card, by=coordinator)
    services.card_update(card=card, by=coordinator, text=card.text + "!")
    assert "Zwergstein" in _stored_text()
    participant_data.card_redact(
        card=card,
        by=coordinator,
        part="Ottilie Zwergstein, Lindenweg 3",
        reason="Name und Adresse einer Anwohnerin",
    )
    card.refresh_from_db()
    assert card.text == "[entfernt] wartet ewig auf den Bus!"
    stored = _stored_text()
    assert "Zwergstein" not in stored and "Lindenweg" not in stored
    entry = AuditEntry.objects.get(action="workshop.card_redacted")
    assert entry.actor == coordinator and entry.object_id == str(card.pk)
    assert "Name und Adresse einer Anwohnerin" in entry.message
    assert "Teil des Textes" in entry.message


def test_redacting_the_whole_text_also_clears_merged_audit_quotes(board, coordinator):
    card, target = board["anna_card"], board["paper"]
    services.card_merge(source=card, target=target, by=coordinator)
    participant_data.card_redact(card=card, by=coordinator, reason="Adresse", remove_photo=True)
    card.refresh_from_db()
    assert card.text == "[entfernt]" and not card.photo
    assert "Zwergstein" not in _stored_text()
    merged = AuditEntry.objects.get(action="workshop.card_merged")
    assert "[entfernt]" in merged.message and "Kein Arzt mehr im Ort" in merged.message


def test_redaction_needs_a_reason_and_a_part_that_occurs(board, coordinator):
    card = board["anna_card"]
    with pytest.raises(ValidationError, match="Grund"):
        participant_data.card_redact(card=card, by=coordinator, reason=" ", part="Ottilie")
    with pytest.raises(ValidationError, match="kommt in der Karte nicht vor"):
        participant_data.card_redact(card=card, by=coordinator, reason="x", part="Gertrud")
    card.refresh_from_db()
    assert "Ottilie Zwergstein" in card.text
    assert not AuditEntry.objects.filter(action="workshop.card_redacted").exists()


def test_redaction_page_for_moderators_only(
    board, workshop, client_for, coordinator, member, other_member
):
    card = board["anna_card"]
    url = reverse(
        "workshops:card_redact",
        kwargs={"slug": workshop.municipality.slug, "pk": workshop.pk, "card": card.pk},
    )
    data = {"part": "Ottilie Zwergstein", "reason": "Name"}
    assert client_for(other_member).post(url, data).status_code == 404
    assert client_for(member).post(url, data).status_code == 403
    assert client_for(None).post(url, data).status_code == 302  # to the login
    card.refresh_from_db()
    assert "Ottilie" in card.text
    page = client_for(coordinator).get(url)
    assert page.status_code == 200 and "Vor- und Nachname" in page.content.decode()
    assert client_for(coordinator).post(url, {"part": "x", "reason": ""}).status_code == 400
    assert client_for(coordinator).post(url, data).status_code == 302
    card.refresh_from_db()
    assert card.text.startswith("[entfernt], Lindenweg 3")


# --- Purge report -----------------------------------------------------------------------


def test_purge_report_lists_cards_with_likely_personal_data(
    board, workshop, coordinator, municipality
):
    later = make_workshop(municipality, by=coordinator, code="spaeter")
    open_phase(later, "critique", by=coordinator)
    services.card_create(
        participant=join(later, "Dora"),
        phase=later.phases.get(kind="critique"),
        text="Ruf an: 0176 1234567",
    )
    services.workshop_finish(workshop=workshop, by=coordinator)
    due = timezone.now() + timezone.timedelta(days=workshop.retention_days + 1)
    type(later).objects.filter(pk=later.pk).update(starts_at=due + timezone.timedelta(days=400))
    report = participant_data.purge_review(now=due)
    assert [(w.pk, [i.card.pk for i in items]) for w, items in report] == [
        (workshop.pk, [board["anna_card"].pk])
    ]
    page = Client()
    page.force_login(coordinator, backend="zwk.accounts.backends.EmailOrUsernameBackend")
    participants = page.get(
        reverse("workshops:participants", kwargs={"slug": municipality.slug, "pk": workshop.pk})
    ).content.decode()
    assert "Karten mit vermutlich personenbezogenen Angaben" in participants
    assert "Straße mit Hausnummer" in participants
    assert "Kein Arzt" not in participants.split("pruefen-titel")[1]


def test_purge_command_prints_the_review_list_without_the_findings(board, workshop, coordinator):
    services.workshop_finish(workshop=workshop, by=coordinator)
    type(workshop).objects.filter(pk=workshop.pk).update(
        finished_at=timezone.now() - timezone.timedelta(days=workshop.retention_days + 1)
    )
    out = StringIO()
    call_command("purge_participants", "--dry-run", stdout=out)
    text = out.getvalue()
    assert f"Karte Nr. {board['anna_card'].pk}: Straße mit Hausnummer, Vor- und Nachname" in text
    assert "Zwergstein" not in text


# --- Concurrency (PostgreSQL: threads with own connections) ---------------------------


def _race(job, results, barrier=None):
    from django.db import connections

    try:
        if barrier is not None:
            barrier.wait(timeout=10)
        job()
        results.append("ok")
    except ValidationError:
        results.append("refused")
    except Card.DoesNotExist:  # the card was deleted first: the view answers 404
        results.append("gone")
    except Exception as exc:  # pragma: no cover - shown in the assertion message
        results.append(f"error: {exc!r}")
    finally:
        if barrier is not None:  # a thread of its own: its own connection
            connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_erasing_while_others_vote_keeps_every_ballot_exact(municipality, coordinator):
    """Anna deletes her data while eight people withdraw their point from her card or put
    points on another card at the same moment: every ballot still equals its votes."""
    import threading

    from django.db import connection

    workshop = make_workshop(municipality, by=coordinator, code="parallel9", vote_budget=3)
    phase = open_phase(workshop, "critique", by=coordinator)
    anna = join(workshop, "Anna")
    anna_card = services.card_create(participant=anna, phase=phase, text="Lindenweg 3")
    paper = services.card_add_paper(phase=phase, by=coordinator, text="Papierkarte")
    voters = [join(workshop, f"P{i}") for i in range(8)]
    for voter in voters:
        voting.vote_cast(participant=voter, card=anna_card)
    voting.vote_cast(participant=anna, card=paper)
    jobs = [lambda: participant_data.participant_erase(participant=anna)]
    for i, voter in enumerate(voters):
        if i % 2:
            jobs.append(lambda v=voter: voting.vote_withdraw(participant=v, card=anna_card))
        else:
            jobs.append(lambda v=voter: voting.vote_cast(participant=v, card=paper))
    results: list[str] = []
    if connection.vendor == "postgresql":
        barrier = threading.Barrier(len(jobs))
        threads = [threading.Thread(target=_race, args=(j, results, barrier)) for j in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    else:  # SQLite serialises writers: the same jobs one after the other
        for job in jobs:
            _race(job, results)
    assert not [r for r in results if r.startswith("error")], results
    assert not Card.objects.filter(pk=anna_card.pk).exists()
    assert not Participant.objects.filter(pk=anna.pk).exists()
    _ballots_match_votes()
    assert paper.votes.aggregate(n=Sum("points"))["n"] == 4  # the four new points, not Anna's
    for voter in voters:  # everyone got the point on Anna's card back
        spent = Ballot.objects.get(participant=voter, phase=phase).spent
        assert spent == (1 if voters.index(voter) % 2 == 0 else 0), voter


@pytest.mark.django_db(transaction=True)
def test_deleting_while_others_click_on_the_card_answers_no_500(municipality, coordinator):
    """Over HTTP: Anna deletes her data while eight people put a point on her card. Each
    click is stored before the deletion (and refunded by it) or refused after it (400 "gibt
    es nicht mehr", 404) – or, after a deadlock and a retry, 503 "gleich noch einmal";
    never a 500, and every ballot equals its votes."""
    import threading

    from django.db import connection

    workshop = make_workshop(municipality, by=coordinator, code="parallel8", vote_budget=3)
    phase = open_phase(workshop, "critique", by=coordinator)
    anna = join(workshop, "Anna")
    anna_card = services.card_create(participant=anna, phase=phase, text="Lindenweg 3")
    vote_url = reverse("participate:vote", kwargs={"code": workshop.code, "card": anna_card.pk})
    jobs = [(_device(workshop, anna), _urls(workshop)["delete"])]
    jobs += [(_device(workshop, join(workshop, f"P{i}")), vote_url) for i in range(8)]
    for client, _url in jobs:
        client.raise_request_exception = False
    statuses: list[tuple[str, int]] = []

    def post(client, url, barrier):
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            statuses.append((url, client.post(url).status_code))
        finally:
            connections.close_all()

    if connection.vendor == "postgresql":
        barrier = threading.Barrier(len(jobs))
        threads = [threading.Thread(target=post, args=(*job, barrier)) for job in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    else:
        for client, url in jobs:
            statuses.append((url, client.post(url).status_code))
    codes = [code for _url, code in statuses]
    assert len(codes) == len(jobs) and set(codes) <= {302, 400, 404, 503}, statuses
    _ballots_match_votes()
    deleted = dict(statuses)[_urls(workshop)["delete"]] == 302
    assert Card.objects.filter(pk=anna_card.pk).exists() != deleted
