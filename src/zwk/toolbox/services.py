"""Writes of the Werkzeugkoffer: entries with their versions, workflow, ratings, bookmarks.

Every save of an entry sanitises the rich text, refreshes the search columns and facets and
stores a version (JSON snapshot) – so the history is complete whoever saved.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zwk.accounts.models import User
from zwk.accounts.services import audit_record
from zwk.core import permissions
from zwk.core.uploads import check_document, random_upload_name
from zwk.municipalities.models import Municipality
from zwk.toolbox import search
from zwk.toolbox.models import (
    FACET_FIELDS,
    RESERVED_SLUGS,
    Bookmark,
    Entry,
    EntryFacet,
    EntryType,
    EntryVersion,
    Evidence,
    Material,
    Rating,
    Status,
)
from zwk.toolbox.rules import TRANSITIONS
from zwk.toolbox.sanitize import clean_html, plain_text, validate_links

# Fields a version records (and the diff shows), in reading order.
VERSIONED_FIELDS = [
    "title", "entry_type", "summary", "body", "steps", "duration", "effort", "group_size",
    "cost_range", "phases", "target_groups", "municipality_kinds", "sizes",
    "demography_types", "contact", "links", "licence", "last_reviewed", "example_place",
    "period", "results", "lessons_learnt", "transferability", "evidence", "source",
    "media_url",
]  # fmt: skip
EDITABLE_FIELDS = [*VERSIONED_FIELDS, "themes"]
MATERIAL_TYPES = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "png", "jpg", "txt", "csv"}


def _unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:180] or "eintrag"
    if base in RESERVED_SLUGS:
        base = f"{base}-eintrag"
    slug, n = base, 2
    while Entry.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _clean(entry: Entry) -> None:
    """Sanitise on write and check what must hold for every entry."""
    entry.body = clean_html(entry.body)
    entry.summary = plain_text(entry.summary).strip()
    entry.title = plain_text(entry.title).strip()
    for name in ("steps", "results", "lessons_learnt", "transferability", "contact"):
        setattr(entry, name, plain_text(getattr(entry, name)).strip())
    entry.links = validate_links(entry.links)
    for field, choices in FACET_FIELDS.items():
        values = [str(v).strip()[:100] for v in (getattr(entry, field) or []) if str(v).strip()]
        if choices is not None:
            unknown = [v for v in values if v not in choices]
            if unknown:
                raise ValidationError(
                    _("Unbekannte Auswahl: %(values)s") % {"values": ", ".join(unknown)}
                )
        setattr(entry, field, list(dict.fromkeys(values)))
    if entry.is_best_practice:
        if not entry.evidence:
            entry.evidence = Evidence.ILLUSTRATIVE
        if entry.evidence == Evidence.DOCUMENTED and not entry.source.strip():
            raise ValidationError(
                _("Ein dokumentiertes Beispiel braucht eine Quelle."), code="source_missing"
            )
    else:
        entry.evidence = ""
    if entry.media_url:
        from zwk.toolbox.sanitize import check_url

        check_url(entry.media_url)
    entry.full_clean(exclude=["slug", "themes"])


def snapshot(entry: Entry) -> dict:
    data = {}
    for name in VERSIONED_FIELDS:
        value = getattr(entry, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["themes"] = sorted(t.name for t in entry.themes.all())
    return data


def _after_save(entry: Entry, *, by: User | None, comment: str) -> None:
    """Search columns, facet rows and a new version – the bookkeeping of every save."""
    entry._theme_names = [t.name for t in entry.themes.all()]
    Entry.objects.filter(pk=entry.pk).update(**search.document_fields(entry))
    EntryFacet.objects.filter(entry=entry).delete()
    EntryFacet.objects.bulk_create(
        EntryFacet(entry=entry, field=field, value=value)
        for field in FACET_FIELDS
        for value in getattr(entry, field) or []
    )
    last = entry.versions.order_by("-number").first()
    data = snapshot(entry)
    if last is None or last.data != data or last.status != entry.status:
        EntryVersion.objects.create(
            entry=entry,
            number=(last.number + 1) if last else 1,
            data=data,
            status=entry.status,
            comment=comment[:300],
            created_by=by,
        )


@transaction.atomic
def entry_create(
    *,
    by: User | None,
    data: dict,
    themes=(),
    municipality: Municipality | None = None,
    status: str = Status.DRAFT,
    request=None,
) -> Entry:
    entry = Entry(**data, status=status, municipality=municipality, created_by=by)
    _clean(entry)
    entry.slug = _unique_slug(entry.title)
    if status == Status.PUBLISHED:
        entry.published_at = timezone.now()
    entry.save()
    entry.themes.set(themes)
    _after_save(entry, by=by, comment=_("angelegt"))
    audit_record(
        actor=by,
        action="toolbox.entry_created",
        message=_("Werkzeug „%(title)s“ angelegt") % {"title": entry.title},
        municipality=municipality,
        obj=entry,
        request=request,
    )
    return entry


@transaction.atomic
def entry_update(
    *, entry: Entry, by: User, data: dict, themes=None, comment: str = "", request=None
) -> Entry:
    for key, value in data.items():
        if key not in EDITABLE_FIELDS or key == "themes":
            raise ValidationError(f"not editable: {key}")
        setattr(entry, key, value)
    _clean(entry)
    entry.save()
    if themes is not None:
        entry.themes.set(themes)
    _after_save(entry, by=by, comment=comment or _("bearbeitet"))
    audit_record(
        actor=by,
        action="toolbox.entry_updated",
        message=_("Werkzeug „%(title)s“ bearbeitet") % {"title": entry.title},
        municipality=entry.municipality,
        obj=entry,
        request=request,
    )
    return entry


# Workflow: who may move an entry where, and from which status, is decided by rules.py.
TRANSITION_MESSAGES = {
    "submit": _("zur Prüfung eingereicht"),
    "publish": _("veröffentlicht"),
    "return": _("zur Überarbeitung zurückgegeben"),
}


@transaction.atomic
def entry_transition(*, entry: Entry, action: str, by: User, note: str = "", request=None) -> Entry:
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if action not in TRANSITIONS:
        raise ValidationError(_("Unbekannte Aktion."), code="unknown_action")
    _sources, target, perm = TRANSITIONS[action]
    permissions.require(by, perm, entry)
    entry.status = target
    if action == "publish":
        entry.published_at = entry.published_at or timezone.now()
        entry.last_reviewed = timezone.localdate()
        entry.review_note = ""
    if action == "return":
        entry.review_note = note.strip()[:5000]
    entry.save(
        update_fields=["status", "published_at", "last_reviewed", "review_note", "updated_at"]
    )
    _after_save(entry, by=by, comment=str(TRANSITION_MESSAGES[action]))
    audit_record(
        actor=by,
        action=f"toolbox.entry_{action}",
        message=_("Werkzeug „%(title)s“ %(what)s")
        % {"title": entry.title, "what": TRANSITION_MESSAGES[action]},
        municipality=entry.municipality,
        obj=entry,
        request=request,
    )
    return entry


@transaction.atomic
def best_practice_submit(
    *, municipality: Municipality, by: User, data: dict, themes=(), request=None
) -> Entry:
    """A Kommune shares a best practice or its lessons learnt; the office reviews it."""
    data = {**data, "entry_type": EntryType.BEST_PRACTICE}
    data.setdefault("example_place", municipality.name)
    entry = entry_create(
        by=by,
        data=data,
        themes=themes,
        municipality=municipality,
        status=Status.REVIEW,
        request=request,
    )
    return entry


@transaction.atomic
def material_add(*, entry: Entry, upload, title: str, by: User, request=None) -> Material:
    checked = check_document(upload, allowed=MATERIAL_TYPES)
    material = Material(
        entry=entry,
        title=title.strip() or checked.original_name,
        original_name=checked.original_name,
        content_type=checked.kind.mime,
        size=checked.size,
        uploaded_by=by,
    )
    material.file.save(random_upload_name(checked.kind.extension), upload, save=False)
    material.save()
    audit_record(
        actor=by,
        action="toolbox.material_added",
        message=_("Material „%(title)s“ zu „%(entry)s“ hochgeladen")
        % {"title": material.title, "entry": entry.title},
        municipality=entry.municipality,
        obj=material,
        request=request,
    )
    return material


@transaction.atomic
def material_delete(*, material: Material, by: User, request=None) -> None:
    name = material.title
    entry = material.entry
    material.file.delete(save=False)
    material.delete()
    audit_record(
        actor=by,
        action="toolbox.material_deleted",
        message=_("Material „%(title)s“ gelöscht") % {"title": name},
        municipality=entry.municipality,
        obj=entry,
        request=request,
    )


@transaction.atomic
def rating_set(
    *,
    entry: Entry,
    user: User,
    municipality: Municipality,
    stars: int,
    helpful: bool | None,
    comment: str = "",
) -> Rating:
    permissions.require(user, "toolbox.rate_entry", entry)
    if not user.memberships.filter(municipality=municipality).exists():
        raise ValidationError(_("Bewerten können nur Mitglieder der Kommune."))
    if not 1 <= int(stars) <= 5:
        raise ValidationError(_("Bitte 1 bis 5 Sterne vergeben."))
    rating, _created = Rating.objects.update_or_create(
        entry=entry,
        user=user,
        defaults={
            "municipality": municipality,
            "stars": int(stars),
            "helpful": helpful,
            "comment": plain_text(comment).strip()[:500],
        },
    )
    return rating


@transaction.atomic
def bookmark_toggle(
    *, entry: Entry, municipality: Municipality, by: User, note: str = ""
) -> Bookmark | None:
    """Put the entry on the Kommune's Merkliste, or take it off if it is there."""
    existing = Bookmark.objects.filter(entry=entry, municipality=municipality).first()
    if existing:
        existing.delete()
        return None
    permissions.require(by, "toolbox.bookmark_entry", entry)
    return Bookmark.objects.create(
        entry=entry, municipality=municipality, created_by=by, note=plain_text(note)[:300]
    )


@transaction.atomic
def best_practice_withdraw(*, entry: Entry, by: User, request=None) -> None:
    """The submitting Kommune withdraws a best practice that is not yet published.

    The entry (with its versions and materials) is removed – it never was public. A
    published entry stays: then only the office can take it back (ValidationError).
    """
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.status == Status.PUBLISHED:
        raise ValidationError(
            _(
                "„%(title)s“ ist im Werkzeugkoffer bereits veröffentlicht. Bitte wenden Sie "
                "sich an die Geschäftsstelle, wenn der Beitrag zurückgezogen werden soll."
            )
            % {"title": entry.title},
            code="already_published",
        )
    title, municipality = entry.title, entry.municipality
    files = [m.file for m in entry.materials.all()]
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])
    audit_record(
        actor=by,
        action="toolbox.entry_withdrawn",
        message=_("Beitrag „%(title)s“ von der Kommune zurückgezogen") % {"title": title},
        municipality=municipality,
        obj=entry,
        request=request,
    )
    entry.delete()
