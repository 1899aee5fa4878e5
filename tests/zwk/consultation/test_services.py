"""Services of "Entwurf diskutieren": opening, commenting once, replies one level deep,
closed periods, moderation and the summary written on closing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.zwk.consultation.factories import IDENTITY, comment, make_consultation
from zwk.consultation import selectors, services
from zwk.consultation.models import Consultation, PublicComment

pytestmark = pytest.mark.django_db


def submit(consultation, key="k1", **kwargs):
    data = {
        "consultation": consultation,
        "section": "vision",
        "body": "Mehr Grün in der Innenstadt.",
        "identity": dict(IDENTITY),
        "consent": True,
        "submission_key": key,
        **kwargs,
    }
    return services.comment_submit(**data)


def test_same_submission_key_stores_the_comment_once(consultation):
    first, created = submit(consultation)
    again, created_again = submit(consultation)
    assert created and not created_again
    assert again.pk == first.pk
    assert PublicComment.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"body": "   "}, "body", "Bitte schreiben Sie einen Kommentar."),
        ({"body": "x" * 2001}, "body", "zu lang: 2001 von höchstens 2000"),
        ({"consent": False}, "consent", "Datenschutzhinweis"),
        ({"identity": {"pseudonym": ""}}, "pseudonym", "Namen oder Spitznamen"),
        ({"identity": {"pseudonym": "L" * 41}}, "pseudonym", "zu lang"),
        ({"identity": {"pseudonym": "Lina", "age_group": "99"}}, "age_group", "Altersgruppe"),
    ],
)
def test_bad_input_is_refused_in_german_and_stores_nothing(consultation, kwargs, field, message):
    with pytest.raises(ValidationError) as exc:
        submit(consultation, **kwargs)
    assert message in " ".join(exc.value.message_dict[field])
    assert not PublicComment.objects.exists()


def test_unknown_or_foreign_section_is_refused(consultation, other_municipality):
    from tests.zwk.consultation.factories import make_plan

    _plan, foreign_goal, _m = make_plan(other_municipality)
    for section in ("goal-999999", f"goal-{foreign_goal.pk}", "measure-x", "nonsense"):
        with pytest.raises(ValidationError, match="gibt es im Entwurf nicht"):
            submit(consultation, section=section, key=section)
    assert not PublicComment.objects.exists()


def test_comment_keeps_the_section_title(consultation, draft):
    _plan, _goal, measure = draft
    saved, _ = submit(consultation, section=f"measure-{measure.pk}")
    assert (saved.section, saved.section_ref, saved.section_title) == (
        "measure",
        measure.pk,
        "Jugendtreff am Markt",
    )


def test_closed_and_pending_consultations_take_no_comments(consultation):
    today = timezone.localdate()
    Consultation.objects.filter(pk=consultation.pk).update(ends_on=today - timedelta(days=1))
    consultation.refresh_from_db()
    with pytest.raises(ValidationError, match="Diskussion des Entwurfs ist beendet"):
        submit(consultation)
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_on=today + timedelta(days=2), ends_on=today + timedelta(days=9)
    )
    consultation.refresh_from_db()
    with pytest.raises(ValidationError, match="beginnt am"):
        submit(consultation)
    assert not PublicComment.objects.exists()


def test_a_reply_to_a_reply_joins_the_first_comment(consultation):
    top = comment(consultation)
    reply = comment(consultation, parent=top, body="Stimmt!")
    second = comment(consultation, parent=reply, body="Sehe ich auch so.")
    assert reply.parent == top and second.parent == top
    assert second.section_title == top.section_title


def test_no_reply_to_a_hidden_comment(consultation, coordinator):
    top = comment(consultation)
    services.comment_hide(comment=top, by=coordinator, reason="beleidigend")
    with pytest.raises(ValidationError, match="nicht geantwortet"):
        submit(consultation, parent=top, key="r")
    assert PublicComment.objects.count() == 1


def test_only_one_running_consultation_per_plan(consultation, draft, coordinator):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="bereits eine Diskussion"):
        services.consultation_open(
            plan=draft[0], starts_on=today, ends_on=today + timedelta(days=5), by=coordinator
        )
    assert Consultation.objects.count() == 1


def test_opening_checks_dates_and_role(draft, coordinator, member):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.consultation_open(
            plan=draft[0], starts_on=today, ends_on=today - timedelta(days=1), by=coordinator
        )
    assert "nicht vor dem Beginn" in exc.value.message_dict["ends_on"][0]
    with pytest.raises(PermissionDenied):
        services.consultation_open(
            plan=draft[0], starts_on=today, ends_on=today + timedelta(days=3), by=member
        )
    assert not Consultation.objects.exists()


def test_moderation_answer_hide_show(consultation, member):
    c = comment(consultation)
    services.comment_answer(comment=c, by=member, answer="Danke, das nehmen wir auf.")
    services.comment_hide(comment=c, by=member, reason="nennt einen Nachbarn")
    c.refresh_from_db()
    assert c.answer.startswith("Danke") and c.answered_by == member
    assert c.hidden_reason == "nennt einen Nachbarn"
    with pytest.raises(ValidationError, match="Grund"):
        services.comment_hide(comment=c, by=member, reason="  ")
    services.comment_show(comment=c, by=member)
    c.refresh_from_db()
    assert not c.is_hidden


def test_moderation_of_another_kommune_is_refused(consultation, other_member):
    c = comment(consultation)
    with pytest.raises(PermissionDenied):
        services.comment_hide(comment=c, by=other_member, reason="x")


def test_closing_writes_the_summary_per_section(consultation, draft, coordinator):
    _plan, goal, measure = draft
    a = comment(consultation, section=f"goal-{goal.pk}", pseudonym="Anna")
    comment(consultation, section=f"goal-{goal.pk}", pseudonym="Ben")
    comment(consultation, parent=a, body="Genau.", pseudonym="Cem")
    hidden = comment(consultation, section=f"measure-{measure.pk}", pseudonym="anna")
    services.comment_answer(comment=a, by=coordinator, answer="Wird geprüft.")
    services.comment_hide(comment=hidden, by=coordinator, reason="Werbung")
    with pytest.raises(ValidationError):
        services.consultation_close(consultation=consultation, by=coordinator, key_points=" ")
    closed = services.consultation_close(
        consultation=consultation, by=coordinator, key_points="Mehr Angebote für Jugendliche."
    )
    s = closed.summary
    assert (s["comments"], s["replies"], s["answered"], s["hidden"], s["people"]) == (
        3,
        1,
        1,
        1,
        3,
    )
    rows = {r["title"]: r for r in s["sections"]}
    assert rows["Junge Familien halten"]["comments"] == 2
    assert rows["Junge Familien halten"]["replies"] == 1
    assert rows["Jugendtreff am Markt"]["hidden"] == 1
    assert s["key_points"] == "Mehr Angebote für Jugendliche."
    assert closed.ends_on == timezone.localdate()  # closed early: ends today
    with pytest.raises(ValidationError, match="Diskussion des Entwurfs ist beendet"):
        submit(closed, key="late")
    with pytest.raises(ValidationError, match="bereits abgeschlossen"):
        services.consultation_close(consultation=closed, by=coordinator, key_points="x")


def test_a_new_consultation_may_follow_a_closed_one(draft, coordinator):
    first = make_consultation(draft[0], by=coordinator)
    services.consultation_close(consultation=first, by=coordinator, key_points="ok")
    second = make_consultation(draft[0], by=coordinator)
    assert selectors.running(draft[0]) == second


def test_the_same_text_from_a_second_tab_is_kept_once(consultation):
    first, _ = submit(consultation, key="tab-1")
    second, created = submit(consultation, key="tab-2")
    assert not created and second.pk == first.pk
    other, created_other = submit(consultation, key="tab-3", body="Etwas anderes.")
    assert created_other and other.pk != first.pk
    assert PublicComment.objects.count() == 2
