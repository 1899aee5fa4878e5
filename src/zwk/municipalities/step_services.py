"""Writes for the five steps of a Kommune: status and dates, checklists, documents and the
Kick-off agreement with its actors.

Every function runs in one transaction, checks its invariants, writes the audit log and
returns the changed object. Permission checks happen in views (rules). The names are also
importable from ``zwk.municipalities.services``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwk.accounts.models import User
from zwk.accounts.services import audit_record
from zwk.core.uploads import check_document, random_upload_name
from zwk.municipalities import rules
from zwk.municipalities.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    KickoffActor,
    KickoffAgreement,
    Municipality,
    ProcessStep,
    StepDocument,
)


@transaction.atomic
def step_update(*, step: ProcessStep, by: User, data: dict, request=None) -> ProcessStep:
    """Change status, dates, responsible person or notes of a step.

    Closing a step whose results are missing needs ``data["confirm_incomplete"]``
    (``rules.step_close_refusal``); otherwise a ValidationError says what is missing."""
    old_status = step.status
    data = dict(data)
    confirmed = bool(data.pop("confirm_incomplete", False))
    if data.get("status") == ProcessStep.Status.DONE and old_status != ProcessStep.Status.DONE:
        refusal = rules.step_close_refusal(step, confirmed=confirmed)
        if refusal:
            raise ValidationError({"confirm_incomplete": refusal})
    for key, value in data.items():
        setattr(step, key, value)
    if (
        step.status == ProcessStep.Status.DONE
        and old_status != ProcessStep.Status.DONE
        and not step.completed_on
    ):
        step.completed_on = timezone.localdate()
    if step.status != ProcessStep.Status.DONE:
        step.completed_on = None
    if step.status != ProcessStep.Status.OPEN and step.start_date is None:
        step.start_date = timezone.localdate()
    step.full_clean()
    step.save()
    if old_status != step.status:
        message = _("%(step)s: Status „%(old)s“ → „%(new)s“") % {
            "step": step.type.title,
            "old": ProcessStep.Status(old_status).label,
            "new": step.get_status_display(),
        }
    else:
        message = _("%(step)s bearbeitet") % {"step": step.type.title}
    audit_record(
        actor=by,
        action="step.updated",
        message=message,
        municipality=step.municipality,
        obj=step,
        request=request,
    )
    return step


@transaction.atomic
def checklist_item_set_done(
    *, item: ChecklistItem, done: bool, by: User, request=None
) -> ChecklistItem:
    item = (
        ChecklistItem.objects.select_for_update()
        .select_related("step__municipality")
        .get(pk=item.pk)
    )
    if item.done == done:
        return item
    item.done = done
    item.done_at = timezone.now() if done else None
    item.done_by = by if done else None
    item.save(update_fields=["done", "done_at", "done_by"])
    step = item.step
    if done and step.status == ProcessStep.Status.OPEN:
        # Ticking the first item means work has started; saves a click.
        step.status = ProcessStep.Status.IN_PROGRESS
        step.start_date = step.start_date or timezone.localdate()
        step.save(update_fields=["status", "start_date", "updated_at"])
    audit_record(
        actor=by,
        action="checklist.done" if done else "checklist.reopened",
        message=(_("Erledigt: %(text)s") if done else _("Wieder offen: %(text)s"))
        % {"text": item.text},
        municipality=step.municipality,
        obj=item,
        request=request,
    )
    return item


@transaction.atomic
def checklist_item_add(*, step: ProcessStep, text: str, by: User, request=None) -> ChecklistItem:
    text = text.strip()
    if not text:
        raise ValidationError(_("Bitte beschreiben Sie die Aufgabe."))
    last = step.checklist.order_by("-order").values_list("order", flat=True).first() or 0
    item = ChecklistItem.objects.create(step=step, text=text[:300], order=last + 1)
    audit_record(
        actor=by,
        action="checklist.added",
        message=_("Neue Aufgabe: %(text)s") % {"text": item.text},
        municipality=step.municipality,
        obj=item,
        request=request,
    )
    return item


@transaction.atomic
def checklist_item_delete(*, item: ChecklistItem, by: User, request=None) -> None:
    if not item.is_own:
        raise ValidationError(
            _("Aufgaben aus der Vorlage der Geschäftsstelle können nicht gelöscht werden.")
        )
    audit_record(
        actor=by,
        action="checklist.deleted",
        message=_("Aufgabe gelöscht: %(text)s") % {"text": item.text},
        municipality=item.step.municipality,
        obj=item,
        request=request,
    )
    item.delete()


@transaction.atomic
def checklist_template_sync(*, template_item: ChecklistTemplateItem, by: User, request=None) -> int:
    """Add a (new) template item to every Kommune's step that lacks it; returns how many."""
    steps = ProcessStep.objects.filter(kind=template_item.step_kind).exclude(
        checklist__template_item=template_item
    )
    items = [
        ChecklistItem(
            step=s, text=template_item.text, order=template_item.order, template_item=template_item
        )
        for s in steps
    ]
    ChecklistItem.objects.bulk_create(items)
    audit_record(
        actor=by,
        action="checklist_template.synced",
        message=_("Vorlage „%(text)s“ an %(n)d Kommunen verteilt")
        % {"text": template_item.text, "n": len(items)},
        obj=template_item,
        request=request,
    )
    return len(items)


@transaction.atomic
def document_upload(
    *, step: ProcessStep, upload, title: str, doc_type: str, by: User, request=None
) -> StepDocument:
    checked = check_document(upload)
    document = StepDocument(
        step=step,
        title=(title or checked.original_name).strip()[:200],
        doc_type=doc_type,
        original_name=checked.original_name,
        content_type=checked.kind.mime,
        size=checked.size,
        uploaded_by=by,
    )
    upload.seek(0)
    document.file.save(random_upload_name(checked.kind.extension), upload, save=False)
    try:
        document.full_clean()
        document.save()
    except Exception:
        # Keep storage and database consistent: no orphan file if the row is not written.
        document.file.delete(save=False)
        raise
    audit_record(
        actor=by,
        action="document.uploaded",
        message=_("Dokument hochgeladen: %(title)s") % {"title": document.title},
        municipality=step.municipality,
        obj=document,
        request=request,
    )
    return document


@transaction.atomic
def document_delete(*, document: StepDocument, by: User, request=None) -> None:
    audit_record(
        actor=by,
        action="document.deleted",
        message=_("Dokument gelöscht: %(title)s") % {"title": document.title},
        municipality=document.step.municipality,
        obj=document,
        request=request,
    )
    file = document.file
    document.delete()
    transaction.on_commit(lambda: file.delete(save=False))


@transaction.atomic
def kickoff_update(
    *, municipality: Municipality, by: User, data: dict, request=None
) -> KickoffAgreement:
    agreement, _created = KickoffAgreement.objects.get_or_create(municipality=municipality)
    for key, value in data.items():
        setattr(agreement, key, value)
    agreement.full_clean()
    agreement.save()
    audit_record(
        actor=by,
        action="kickoff.updated",
        message=_("Kick-off: Ziele und Zeitplan bearbeitet"),
        municipality=municipality,
        obj=agreement,
        request=request,
    )
    return agreement


@transaction.atomic
def kickoff_actor_add(
    *, municipality: Municipality, by: User, data: dict, request=None
) -> KickoffActor:
    actor = KickoffActor(municipality=municipality, **data)
    actor.full_clean()
    actor.save()
    audit_record(
        actor=by,
        action="kickoff.actor_added",
        message=_("Kick-off: %(name)s als Akteur aufgenommen") % {"name": actor.name},
        municipality=municipality,
        obj=actor,
        request=request,
    )
    return actor


@transaction.atomic
def kickoff_actor_remove(*, actor: KickoffActor, by: User, request=None) -> None:
    audit_record(
        actor=by,
        action="kickoff.actor_removed",
        message=_("Kick-off: %(name)s entfernt") % {"name": actor.name},
        municipality=actor.municipality,
        obj=actor,
        request=request,
    )
    actor.delete()
