"""Services of Kommunen, teams, invitations and steps."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import MunicipalityFactory, UserFactory
from zwk.accounts.models import AuditEntry
from zwk.municipalities import services
from zwk.municipalities.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    Invitation,
    Membership,
    ProcessStep,
    StepDocument,
)
from zwk.municipalities.process import STEPS

pytestmark = pytest.mark.django_db


def test_new_municipality_gets_five_steps_with_template_checklists(office_user):
    m = MunicipalityFactory()
    kinds = list(m.steps.values_list("kind", flat=True))
    assert sorted(kinds) == sorted(s.kind for s in STEPS)
    kickoff = m.steps.get(kind="kickoff")
    template_texts = list(
        ChecklistTemplateItem.objects.filter(step_kind="kickoff").values_list("text", flat=True)
    )
    assert template_texts, "the data migration seeds the office's default checklist"
    assert list(kickoff.checklist.values_list("text", flat=True)) == template_texts
    assert all(s.status == ProcessStep.Status.OPEN for s in m.steps.all())


def test_invitation_creates_account_and_membership(
    municipality, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            email="neu@example.org", kind="member", municipality=municipality, by=coordinator
        )
    assert len(mailoutbox) == 1
    assert reverse("invitation_accept", kwargs={"token": invitation.token}) in mailoutbox[0].body
    user = services.invitation_accept(
        invitation=invitation,
        account={
            "username": "neu",
            "password1": "Ein-Gutes-Passwort-1",
            "first_name": "N",
            "last_name": "Eu",
        },
    )
    assert (
        Membership.objects.get(user=user, municipality=municipality).role == Membership.Role.MEMBER
    )
    assert user.email == "neu@example.org"
    with pytest.raises(ValidationError, match="bereits angenommen"):
        services.invitation_accept(invitation=invitation, user=user)


def test_expired_invitation_is_refused(municipality, coordinator):
    invitation = services.invitation_create(
        email="spaet@example.org", kind="member", municipality=municipality, by=coordinator
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    invitation.refresh_from_db()
    with pytest.raises(ValidationError, match="abgelaufen"):
        services.invitation_accept(invitation=invitation, user=UserFactory())
    assert not Membership.objects.filter(
        municipality=municipality, user__email="spaet@example.org"
    ).exists()


def test_new_invitation_replaces_open_one(municipality, coordinator):
    first = services.invitation_create(
        email="x@example.org", kind="member", municipality=municipality, by=coordinator
    )
    services.invitation_create(
        email="X@example.org", kind="member", municipality=municipality, by=coordinator
    )
    first.refresh_from_db()
    assert first.revoked_at is not None


def test_consultant_invitation_sets_consultant_flag(office_user):
    invitation = services.invitation_create(
        email="rat@example.org", kind="consultant", by=office_user
    )
    user = UserFactory(email="rat@example.org")
    services.invitation_accept(invitation=invitation, user=user)
    user.refresh_from_db()
    assert user.is_consultant and not user.memberships.exists()


def test_existing_member_cannot_be_invited_twice(municipality, coordinator, member):
    with pytest.raises(ValidationError, match="gehört schon zum Team"):
        services.invitation_create(
            email=member.email.upper(), kind="member", municipality=municipality, by=coordinator
        )


def test_last_coordinator_cannot_be_removed_or_demoted(municipality, coordinator, office_user):
    membership = Membership.objects.get(user=coordinator, municipality=municipality)
    with pytest.raises(ValidationError, match="mindestens eine"):
        services.membership_remove(membership=membership, by=office_user)
    with pytest.raises(ValidationError, match="mindestens eine"):
        services.membership_change_role(membership=membership, role="member", by=office_user)
    assert Membership.objects.get(pk=membership.pk).role == Membership.Role.COORDINATOR


def test_ticking_first_item_starts_the_step_and_is_audited(municipality, member):
    step = municipality.steps.get(kind="kickoff")
    item = step.checklist.first()
    services.checklist_item_set_done(item=item, done=True, by=member)
    step.refresh_from_db()
    item.refresh_from_db()
    assert item.done and item.done_by == member
    assert step.status == ProcessStep.Status.IN_PROGRESS and step.start_date == timezone.localdate()
    entry = AuditEntry.objects.filter(action="checklist.done").latest("created_at")
    assert (
        entry.municipality == municipality and entry.actor == member and item.text in entry.message
    )


def test_completing_a_step_records_the_date_and_reopening_clears_it(municipality, coordinator):
    step = municipality.steps.get(kind="kickoff")
    services.step_update(
        step=step, by=coordinator, data={"status": "done", "confirm_incomplete": True}
    )
    assert step.completed_on == timezone.localdate()
    services.step_update(step=step, by=coordinator, data={"status": "in_progress"})
    assert step.completed_on is None


def test_template_items_cannot_be_deleted_but_own_ones_can(municipality, member):
    step = municipality.steps.get(kind="kickoff")
    with pytest.raises(ValidationError):
        services.checklist_item_delete(item=step.checklist.first(), by=member)
    own = services.checklist_item_add(step=step, text="Presse informieren", by=member)
    services.checklist_item_delete(item=own, by=member)
    assert not ChecklistItem.objects.filter(pk=own.pk).exists()


def test_new_template_item_reaches_existing_municipalities(
    municipality, other_municipality, office_user
):
    item = ChecklistTemplateItem.objects.create(step_kind="plan", text="Rat beteiligen", order=99)
    assert services.checklist_template_sync(template_item=item, by=office_user) == 2
    assert services.checklist_template_sync(template_item=item, by=office_user) == 0


def test_document_upload_rejects_disguised_executable_and_writes_nothing(
    municipality, member, pdf_upload, settings
):
    step = municipality.steps.get(kind="kickoff")
    fake = pdf_upload("bericht.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationError, match="passt nicht zur Endung"):
        services.document_upload(step=step, upload=fake, title="", doc_type="other", by=member)
    assert not StepDocument.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_document_upload_stores_under_random_name(municipality, member, pdf_upload):
    step = municipality.steps.get(kind="kickoff")
    doc = services.document_upload(
        step=step,
        upload=pdf_upload("../../etc/passwd.pdf"),
        title="",
        doc_type="minutes",
        by=member,
    )
    assert doc.original_name == "passwd.pdf"
    assert "passwd" not in doc.file.name and doc.file.name.endswith(".pdf")
    assert doc.content_type == "application/pdf"
