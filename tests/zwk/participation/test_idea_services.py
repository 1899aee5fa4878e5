"""Ideensammlung services: support once, flat replies, status with reasons and history,
merging, places inside the Kommune, closed phases, the purge."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.zwk.participation.factories import (
    make_collection,
    make_idea,
    make_participant,
    make_project,
)
from tests.zwk.plans.factories import make_measure
from zwk.participation import idea_services, selectors
from zwk.participation.models import (
    Idea,
    IdeaComment,
    IdeaParticipant,
    IdeaStatus,
    IdeaStatusChange,
    IdeaSupport,
)
from zwk.participation.retention import ideas_purge

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(municipality, coordinator):
    return make_collection(make_project(municipality, by=coordinator), by=coordinator)


def test_support_twice_counts_once(collection):
    idea = make_idea(collection)
    fan = make_participant(collection, "Ali")
    first, created = idea_services.idea_support(idea=idea, participant=fan)
    again, created_again = idea_services.idea_support(idea=idea, participant=fan)
    assert created and not created_again
    assert first.pk == again.pk
    assert IdeaSupport.objects.filter(idea=idea).count() == 1


def test_support_needs_an_introduction(collection):
    idea = make_idea(collection)
    with pytest.raises(ValidationError, match="stellen Sie sich"):
        idea_services.idea_support(idea=idea, participant=None)
    assert not IdeaSupport.objects.exists()


def test_same_submission_key_stores_the_idea_once(collection):
    person = make_participant(collection)
    kwargs = {
        "collection": collection,
        "participant": person,
        "submission_key": "k1",
        "title": "Bücherschrank",
        "text": "Im Park",
    }
    first, created = idea_services.idea_submit(**kwargs)
    second, created_again = idea_services.idea_submit(**kwargs)
    assert created and not created_again and first.pk == second.pk
    assert Idea.objects.count() == 1
    # The history starts with "eingegangen".
    assert list(first.status_changes.values_list("status", flat=True)) == [IdeaStatus.RECEIVED]


def test_reply_to_a_reply_joins_the_first_level(collection):
    idea = make_idea(collection)
    person = make_participant(collection, "Ali")
    top, _ = idea_services.comment_add(
        idea=idea, participant=person, text="Gut!", submission_key="a"
    )
    reply, _ = idea_services.comment_add(
        idea=idea, participant=person, text="Finde ich auch", submission_key="b", parent=top
    )
    deeper, _ = idea_services.comment_add(
        idea=idea, participant=person, text="Und ich", submission_key="c", parent=reply
    )
    assert reply.parent_id == top.pk
    assert deeper.parent_id == top.pk  # one level only
    assert IdeaComment.objects.filter(parent__parent__isnull=False).count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Bitte füllen Sie"), ("x" * 1001, "zu lang")],
)
def test_empty_or_overlong_comment_is_refused(collection, text, message):
    idea = make_idea(collection)
    with pytest.raises(ValidationError, match=message):
        idea_services.comment_add(
            idea=idea, participant=make_participant(collection), text=text, submission_key="x"
        )
    assert not IdeaComment.objects.exists()


def test_closed_phase_refuses_ideas_comments_and_support(collection):
    idea = make_idea(collection)
    person = make_participant(collection, "Ali")
    phase = collection.phase
    phase.starts_on = timezone.localdate() - timedelta(days=20)
    phase.ends_on = timezone.localdate() - timedelta(days=1)
    phase.save()
    collection.refresh_from_db()
    idea.collection = collection
    with pytest.raises(ValidationError, match="beendet"):
        idea_services.idea_submit(
            collection=collection, participant=person, submission_key="z", title="T", text="x"
        )
    with pytest.raises(ValidationError, match="beendet"):
        idea_services.comment_add(idea=idea, participant=person, text="x", submission_key="y")
    with pytest.raises(ValidationError, match="beendet"):
        idea_services.idea_support(idea=idea, participant=person)
    assert Idea.objects.count() == 1
    assert not IdeaComment.objects.exists() and not IdeaSupport.objects.exists()


def test_place_far_from_the_kommune_is_refused(collection, municipality):
    municipality.latitude, municipality.longitude = Decimal("49.40"), Decimal("8.69")
    municipality.save()
    person = make_participant(collection)
    with pytest.raises(ValidationError) as err:
        idea_services.idea_submit(
            collection=collection,
            participant=person,
            submission_key="far",
            title="Hamburg",
            text="x",
            latitude="53.55",
            longitude="9.99",
        )
    assert "liegt nicht in Musterdorf" in str(err.value)
    idea, _ = idea_services.idea_submit(
        collection=collection,
        participant=person,
        submission_key="near",
        title="Brunnen",
        text="x",
        latitude="49.41",
        longitude="8.70",
    )
    assert (idea.latitude, idea.longitude) == (49.41, 8.7)
    assert Idea.objects.count() == 1


@pytest.mark.parametrize(
    ("lat", "lon"), [("49.4", ""), ("abc", "8.7"), ("nan", "nan"), ("10", "8.7")]
)
def test_invalid_positions_are_refused(collection, lat, lon):
    with pytest.raises(ValidationError):
        idea_services.idea_submit(
            collection=collection,
            participant=make_participant(collection),
            submission_key="p",
            title="T",
            text="x",
            latitude=lat,
            longitude=lon,
        )
    assert not Idea.objects.exists()


def test_rejected_needs_a_public_reason(collection, coordinator):
    idea = make_idea(collection)
    with pytest.raises(ValidationError, match="begründen"):
        idea_services.idea_status_set(
            idea=idea, status=IdeaStatus.REJECTED, reason=" ", by=coordinator
        )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.RECEIVED
    assert idea.status_changes.count() == 1


def test_adopted_links_a_measure_of_the_same_kommune(
    collection, coordinator, municipality, other_municipality, other_member
):
    idea = make_idea(collection)
    foreign = make_measure(other_municipality, other_member, title="Fremd")
    with pytest.raises(ValidationError, match="anderen Kommune"):
        idea_services.idea_status_set(
            idea=idea, status=IdeaStatus.ADOPTED, measure=foreign, by=coordinator
        )
    with pytest.raises(ValidationError, match="Maßnahme"):
        idea_services.idea_status_set(idea=idea, status=IdeaStatus.ADOPTED, by=coordinator)
    measure = make_measure(municipality, coordinator, title="Bänke im Ort")
    idea_services.idea_status_set(
        idea=idea, status=IdeaStatus.REVIEW, reason="Wir prüfen den Standort.", by=coordinator
    )
    idea_services.idea_status_set(
        idea=idea, status=IdeaStatus.ADOPTED, reason="Kommt 2027.", measure=measure, by=coordinator
    )
    history = list(IdeaStatusChange.objects.filter(idea=idea).order_by("id"))
    assert [c.status for c in history] == ["received", "review", "adopted"]
    assert history[-1].measure_id == measure.pk and history[-1].reason == "Kommt 2027."
    # The accountability page reads the same through the selector.
    [row] = list(selectors.ideas_for_accountability(municipality))
    assert row.measure_id == measure.pk
    assert [c.status for c in row.status_changes.all()] == ["received", "review", "adopted"]


def test_status_change_signal_fires_after_commit(
    collection, coordinator, django_capture_on_commit_callbacks
):
    idea = make_idea(collection)
    seen = []

    def receiver(sender, idea, change, **kwargs):
        seen.append((idea.pk, change.status))

    idea_services.idea_status_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            idea_services.idea_status_set(idea=idea, status=IdeaStatus.REVIEW, by=coordinator)
    finally:
        idea_services.idea_status_changed.disconnect(receiver)
    assert seen == [(idea.pk, IdeaStatus.REVIEW)]


def test_merge_moves_comments_and_counts_each_supporter_once(collection, coordinator):
    keep = make_idea(collection, title="Bank am Markt")
    dup = make_idea(collection, title="Sitzbank Marktplatz")
    both, only_dup = make_participant(collection, "A"), make_participant(collection, "B")
    for person in (both,):
        idea_services.idea_support(idea=keep, participant=person)
    for person in (both, only_dup):
        idea_services.idea_support(idea=dup, participant=person)
    idea_services.comment_add(idea=dup, participant=only_dup, text="Ja!", submission_key="m")
    idea_services.idea_merge(duplicate=dup, target=keep, by=coordinator)
    dup.refresh_from_db()
    assert dup.merged_into_id == keep.pk
    assert keep.supports.count() == 2
    assert keep.comments.count() == 1
    visible = list(selectors.public_ideas(collection))
    assert [i.pk for i in visible] == [keep.pk]
    with pytest.raises(ValidationError):
        idea_services.idea_merge(duplicate=keep, target=keep, by=coordinator)


def test_hidden_idea_leaves_the_public_list_and_takes_no_support(collection, coordinator):
    idea = make_idea(collection)
    idea_services.idea_hide(idea=idea, by=coordinator, reason="Beleidigung")
    assert list(selectors.public_ideas(collection)) == []
    with pytest.raises(ValidationError, match="nicht mehr sichtbar"):
        idea_services.idea_support(idea=idea, participant=make_participant(collection))
    with pytest.raises(ValidationError, match="Grund"):
        idea_services.idea_hide(idea=make_idea(collection), by=coordinator, reason="")


def test_purge_removes_people_but_keeps_ideas_and_counts(collection, coordinator):
    idea = make_idea(collection)
    idea_services.idea_support(idea=idea, participant=make_participant(collection, "Fan"))
    idea_services.report_add(idea=idea, reason="Name genannt")
    project = collection.project
    later = collection.phase.ends_on + timedelta(days=project.retention_days + 1)
    assert ideas_purge(today=later - timedelta(days=2)) == []
    [(purged, count)] = ideas_purge(today=later)
    assert purged == project and count == 2
    idea.refresh_from_db()
    assert idea.author is None and idea.submission_key is None
    assert not IdeaParticipant.objects.exists()
    assert idea.supports.count() == 1
    assert not idea.reports.exists()
