"""Services of the Zukunftswerkstatt: phases, cards, budget, merge, clusters, retention."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.zwk.workshops.factories import join, make_workshop, open_phase
from zwk.workshops import results, selectors, services, voting
from zwk.workshops.models import Ballot, Card, Participant, Phase, Vote, Workshop


def test_new_workshop_has_the_five_phases_and_a_readable_code(municipality):
    workshop = make_workshop(municipality)
    kinds = list(workshop.phases.values_list("kind", flat=True))
    assert kinds == ["preparation", "critique", "fantasy", "realisation", "follow_up"]
    assert len(workshop.code) == 6 and not set(workshop.code) & set("0o1il")


def test_opening_a_phase_closes_the_running_one(workshop, coordinator, critique):
    fantasy = open_phase(workshop, "fantasy", by=coordinator)
    critique.refresh_from_db()
    assert critique.state == Phase.State.CLOSED and fantasy.is_open
    reopened = services.phase_open(phase=critique, by=coordinator)
    assert reopened.is_open
    assert workshop.phases.filter(state="open").count() == 1


def test_closed_phase_rejects_cards_and_votes_with_a_clear_message(
    workshop, coordinator, critique, anna
):
    card = services.card_create(participant=anna, phase=critique, text="Zu wenig Busse")
    services.phase_close(phase=critique, by=coordinator)
    with pytest.raises(ValidationError, match="abgeschlossen"):
        services.card_create(participant=anna, phase=critique, text="Noch etwas")
    with pytest.raises(ValidationError, match="abgeschlossen"):
        voting.vote_cast(participant=anna, card=card)


def test_preparation_phase_takes_no_cards(workshop, coordinator, anna):
    preparation = open_phase(workshop, "preparation", by=coordinator)
    with pytest.raises(ValidationError, match="keine Karten"):
        services.card_create(participant=anna, phase=preparation, text="Hallo")


def test_killer_phrases_are_refused_in_the_fantasy_phase(workshop, coordinator, anna):
    fantasy = open_phase(workshop, "fantasy", by=coordinator)
    with pytest.raises(ValidationError, match="Killerphrasen"):
        services.card_create(participant=anna, phase=fantasy, text="Das ist zu teuer")
    assert services.card_create(participant=anna, phase=fantasy, text="Es wäre schön, wenn …")


def test_card_text_is_stripped_of_markup(critique, anna):
    card = services.card_create(
        participant=anna,
        phase=critique,
        text="<script>alert(1)</script><b>Mehr</b> Bänke &amp; Licht",
    )
    assert card.text == "Mehr Bänke & Licht"


def test_blocked_participant_cannot_write(critique, anna, coordinator):
    services.participant_block(participant=anna, by=coordinator, reason="Beleidigungen")
    with pytest.raises(ValidationError, match="gesperrt"):
        services.card_create(participant=anna, phase=critique, text="Hallo")


def test_vote_beyond_budget_is_refused(workshop, critique, anna, coordinator):
    cards = [
        services.card_add_paper(phase=critique, by=coordinator, text=f"Karte {i}") for i in range(3)
    ]
    for card in (cards[0], cards[0], cards[1], cards[1], cards[2]):
        voting.vote_cast(participant=anna, card=card)
    with pytest.raises(ValidationError, match="alle 5 Punkte"):
        voting.vote_cast(participant=anna, card=cards[2])
    assert Ballot.objects.get(participant=anna).spent == 5
    assert sum(Vote.objects.filter(participant=anna).values_list("points", flat=True)) == 5


def test_vote_beyond_the_per_card_maximum_is_refused(critique, anna, coordinator):
    card = services.card_add_paper(phase=critique, by=coordinator, text="Busse")
    voting.vote_cast(participant=anna, card=card)
    voting.vote_cast(participant=anna, card=card)
    with pytest.raises(ValidationError, match="höchstens 2"):
        voting.vote_cast(participant=anna, card=card)
    assert Ballot.objects.get(participant=anna).spent == 2


def test_withdrawn_points_can_be_spent_again(critique, anna, coordinator):
    card = services.card_add_paper(phase=critique, by=coordinator, text="Busse")
    voting.vote_cast(participant=anna, card=card)
    assert voting.vote_withdraw(participant=anna, card=card) == 0
    assert not Vote.objects.exists()
    assert selectors.points_left(anna, critique) == 5


def test_budget_is_per_phase(workshop, coordinator, critique, anna):
    card = services.card_add_paper(phase=critique, by=coordinator, text="Busse")
    voting.vote_cast(participant=anna, card=card, points=2)
    fantasy = open_phase(workshop, "fantasy", by=coordinator)
    assert selectors.points_left(anna, fantasy) == 5


def test_participant_of_another_workshop_cannot_vote_here(
    municipality, coordinator, critique, workshop
):
    other = make_workshop(municipality, by=coordinator, code="andere")
    stranger = join(other, "Fremd")
    card = services.card_add_paper(phase=critique, by=coordinator, text="Busse")
    with pytest.raises(ValidationError, match="anderen Werkstatt"):
        voting.vote_cast(participant=stranger, card=card)


def test_merge_moves_points_and_hides_the_duplicate(critique, coordinator, workshop):
    anna, ben = join(workshop, "Anna"), join(workshop, "Ben")
    target = services.card_add_paper(phase=critique, by=coordinator, text="Mehr Busse")
    source = services.card_add_paper(phase=critique, by=coordinator, text="Busse!")
    voting.vote_cast(participant=anna, card=target)
    voting.vote_cast(participant=anna, card=source)
    voting.vote_cast(participant=ben, card=source, points=2)
    services.card_merge(source=source, target=target, by=coordinator)
    cards = list(selectors.visible_cards(critique))
    assert [(c.text, c.points) for c in cards] == [("Mehr Busse", 4)]
    assert Ballot.objects.get(participant=anna).spent == 2  # nobody loses points


def test_clusters_rank_by_the_points_of_their_cards(critique, coordinator, anna):
    a = services.card_add_paper(phase=critique, by=coordinator, text="Bus")
    b = services.card_add_paper(phase=critique, by=coordinator, text="Radweg")
    c = services.card_add_paper(phase=critique, by=coordinator, text="Jugendraum")
    traffic = services.cluster_create(phase=critique, title="Verkehr", by=coordinator, cards=[a, b])
    services.cluster_create(phase=critique, title="Jugend", by=coordinator, cards=[c])
    voting.vote_cast(participant=anna, card=a)
    voting.vote_cast(participant=anna, card=b)
    rows = selectors.clusters_with_cards(critique)
    assert [(r.cluster.title, r.points) for r in rows] == [("Verkehr", 2), ("Jugend", 0)]
    services.cluster_delete(cluster=traffic, by=coordinator)
    assert Card.objects.filter(cluster__isnull=True).count() == 2


def test_hidden_cards_leave_the_ranking_but_the_reason_is_required(critique, coordinator):
    card = services.card_add_paper(phase=critique, by=coordinator, text="Beleidigung")
    with pytest.raises(ValidationError, match="Grund"):
        services.card_hide(card=card, by=coordinator, reason=" ")
    services.card_hide(card=card, by=coordinator, reason="beleidigend")
    assert not selectors.visible_cards(critique).exists()


def test_every_visible_change_bumps_the_version(workshop, critique, anna):
    before = Workshop.objects.get(pk=workshop.pk).version
    services.card_create(participant=anna, phase=critique, text="Busse")
    assert Workshop.objects.get(pk=workshop.pk).version > before


def test_join_needs_consent_and_a_name(workshop):
    with pytest.raises(ValidationError, match="Datenschutz"):
        services.participant_join(workshop=workshop, pseudonym="Anna", consent=False)
    with pytest.raises(ValidationError, match="Namen"):
        services.participant_join(workshop=workshop, pseudonym="<b></b>", consent=True)
    person = services.participant_join(workshop=workshop, pseudonym="Anna", consent=True)
    assert person.consent_at and person.consent_version


def test_representativeness_shows_who_is_missing(workshop, anna):
    join(workshop, "Opa", age_group="80+")
    panel = selectors.representativeness(workshop)
    assert "unter 18" in panel["missing"] and "80 und älter" not in panel["missing"]
    assert panel["has_population_by_age"] is False  # Kommunalprofil offers no ages yet
    assert panel["population"] == 5000


def test_sketches_for_plan_lists_proposed_sketches_with_points(
    municipality, workshop, critique, coordinator, anna
):
    card = services.card_add_paper(phase=critique, by=coordinator, text="Bus")
    cluster = services.cluster_create(phase=critique, title="Bus", by=coordinator, cards=[card])
    voting.vote_cast(participant=anna, card=card, points=2)
    results.sketch_save(
        workshop=workshop,
        by=coordinator,
        data={"title": "Bürgerbus", "goal": "Mobil", "cluster": cluster},
    )
    results.sketch_save(
        workshop=workshop, by=coordinator, data={"title": "Intern", "goal": "x", "for_plan": False}
    )
    sketches = list(selectors.sketches_for_plan(municipality))
    assert [(s.title, s.points) for s in sketches] == [("Bürgerbus", 2)]


def test_purge_anonymises_participants_after_the_retention_period(
    workshop, critique, anna, coordinator
):
    card = services.card_create(participant=anna, phase=critique, text="Busse")
    services.workshop_finish(workshop=workshop, by=coordinator)
    call_command("purge_participants", verbosity=0)
    anna.refresh_from_db()
    assert anna.pseudonym == "Anna"  # still within the period
    Workshop.objects.filter(pk=workshop.pk).update(
        finished_at=timezone.now() - timedelta(days=workshop.retention_days + 1)
    )
    call_command("purge_participants", verbosity=0)
    anna.refresh_from_db()
    assert anna.anonymised_at is not None
    assert anna.pseudonym == "anonym" and anna.district == "" and anna.consent_version == ""
    assert Card.objects.get(pk=card.pk).text == "Busse"  # the result stays
    assert Participant.objects.filter(pseudonym="Anna").count() == 0


def test_the_daily_job_anonymises_automatically(workshop, critique, anna, coordinator, settings):
    from zwk.workshops.tasks import purge_participants

    schedule = settings.CELERY_BEAT_SCHEDULE["workshops-purge-participants"]
    assert schedule["task"] == purge_participants.name and schedule["schedule"] <= 24 * 3600
    services.workshop_finish(workshop=workshop, by=coordinator)
    Workshop.objects.filter(pk=workshop.pk).update(
        finished_at=timezone.now() - timedelta(days=workshop.retention_days + 1)
    )
    assert purge_participants.delay().get() == 1
    anna.refresh_from_db()
    assert anna.anonymised_at is not None and anna.pseudonym == "anonym"


def test_workshops_never_import_the_werkstattplan():
    """Layer rule (DESIGN.md): plans read workshop results, workshops never import plans.

    import-linter cannot name ``zwk.plans`` before that app exists; this check needs no app.
    """
    import ast
    from pathlib import Path

    import zwk.workshops

    root = Path(zwk.workshops.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("zwk.plans")]
    assert not offenders


def test_representativeness_compares_with_the_population_by_age(workshop, monkeypatch):
    """With single-year ages in the Kommunalprofil, groups below half their share are missing."""
    from types import SimpleNamespace

    import numpy as np

    from zwk.profiles import selectors as profile_selectors

    ages = np.zeros((2, 101))
    ages[:, 30] = 500  # 25–39: 1000 people
    ages[:, 70] = 500  # 65–79: 1000 people
    fake = SimpleNamespace(own=SimpleNamespace(ages={2024: ages}))
    monkeypatch.setattr(profile_selectors, "comparison", lambda m, with_peers=False: fake)
    for i in range(3):
        join(workshop, f"Jung {i}", age_group="25-39")
    join(workshop, "Alt", age_group="65-79")
    panel = selectors.representativeness(workshop)
    rows = {r.key: r for r in panel["rows"]}
    assert panel["has_population_by_age"] is True
    assert rows["25-39"].population_share == 50 and not rows["25-39"].missing
    assert rows["65-79"].share == 25 and rows["65-79"].missing is False  # 25 % ≥ half of 50 %
    assert rows["80+"].population_share == 0


def test_the_page_and_the_service_give_the_same_answer_in_every_state(
    workshop, coordinator, anna, municipality
):
    """One rule for "may write / may vote now" (``workshops/rules.py``): for every phase state
    and participant state, the participant page offers writing/voting exactly when the
    service accepts it – and the service's refusal says why."""
    import rules

    stranger = join(make_workshop(municipality, by=coordinator, code="fremde"), "Fremd")
    blocked = join(workshop, "Gesperrt")
    services.participant_block(participant=blocked, by=coordinator)
    blocked.refresh_from_db()
    preparation = workshop.phases.get(kind="preparation")
    critique = workshop.phases.get(kind="critique")
    checked = 0
    for step in ("pending", "open", "closed"):
        if step == "open":
            open_phase(workshop, "critique", by=coordinator)
        if step == "closed":
            services.phase_close(phase=critique, by=coordinator)
        critique.refresh_from_db()
        card = services.card_add_paper(phase=critique, by=coordinator, text=f"Karte {step}")
        for who in (anna, blocked, stranger):
            for phase in (preparation, critique):
                allowed = rules.test_rule("workshops.write_card", who, phase)
                try:
                    services.card_create(participant=who, phase=phase, text="Eine Idee")
                except ValidationError as exc:
                    assert not allowed, (step, who.pseudonym, phase.kind)
                    assert exc.messages and exc.messages[0]
                else:
                    assert allowed, (step, who.pseudonym, phase.kind)
                checked += 1
            allowed = rules.test_rule("workshops.vote_card", who, critique)
            try:
                voting.vote_cast(participant=who, card=card)
            except ValidationError:
                assert not allowed, (step, who.pseudonym)
            else:
                assert allowed, (step, who.pseudonym)
    assert checked == 18
    # Anna wrote and voted only while the critique phase was open.
    assert Card.objects.filter(participant=anna).count() == 1
    assert Vote.objects.filter(participant=anna).count() == 1


def test_a_finished_workshop_offers_and_takes_no_phase_changes(
    workshop, coordinator, member, client_for
):
    """Only the moderation runs the phases – also through the service; after finishing,
    the console shows no phase buttons and the service refuses with the reason."""
    console = reverse("workshops:detail", args=[workshop.municipality.slug, workshop.pk])
    assert not member.has_perm("workshops.run_workshop", workshop)
    with pytest.raises(PermissionDenied):
        services.phase_open(phase=workshop.phases.get(kind="critique"), by=member)
    assert coordinator.has_perm("workshops.run_workshop", workshop)
    assert "Werkstatt abschließen" in client_for(coordinator).get(console).content.decode()
    services.workshop_finish(workshop=workshop, by=coordinator)
    workshop.refresh_from_db()
    assert not coordinator.has_perm("workshops.run_workshop", workshop)
    html = client_for(coordinator).get(console).content.decode()
    assert "Werkstatt abschließen" not in html and "starten" not in html
    with pytest.raises(ValidationError, match="Werkstatt ist abgeschlossen"):
        services.phase_open(phase=workshop.phases.get(kind="critique"), by=coordinator)
    with pytest.raises(ValidationError, match="Werkstatt ist abgeschlossen"):
        services.phase_open(phase=workshop.phases.get(kind="critique"), by=None)
    assert not workshop.phases.filter(state=Phase.State.OPEN).exists()
