"""Results of a Zukunftswerkstatt written by the moderation: project sketches and the photo
documentation (audited like every moderator action, ``services.audit``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from zwk.accounts.models import User
from zwk.core.text import clean_line, clean_text
from zwk.core.uploads import random_upload_name, reencode_image
from zwk.workshops.models import (
    Sketch,
    Workshop,
    WorkshopPhoto,
)
from zwk.workshops.services import audit, bump

SKETCH_FIELDS = ("title", "goal", "first_steps", "who_needed", "resources", "sponsor")


@transaction.atomic
def sketch_save(
    *,
    workshop: Workshop,
    by: User,
    data: dict,
    sketch: Sketch | None = None,
    request=None,
) -> Sketch:
    cluster = data.get("cluster")
    if cluster is not None and cluster.workshop_id != workshop.pk:
        raise ValidationError(_("Dieser Cluster gehört zu einer anderen Werkstatt."))
    created = sketch is None
    sketch = sketch or Sketch(workshop=workshop, created_by=by)
    for key in (*SKETCH_FIELDS, "cluster", "theme", "for_plan"):
        if key in data:
            value = data[key]
            if key in SKETCH_FIELDS:
                one_line = key in ("title", "sponsor")
                clean = clean_line if one_line else clean_text
                value = clean(value, max_length=200 if one_line else 2000)
            setattr(sketch, key, value)
    sketch.full_clean()
    sketch.save()
    bump(workshop)
    audit(
        by,
        "workshop.sketch_created" if created else "workshop.sketch_updated",
        (
            _("Projektskizze „%(title)s“ angelegt")
            if created
            else _("Projektskizze „%(title)s“ bearbeitet")
        )
        % {"title": sketch.title},
        workshop,
        obj=sketch,
        request=request,
    )
    return sketch


@transaction.atomic
def photo_add(*, workshop: Workshop, by: User, upload, caption: str, request=None) -> WorkshopPhoto:
    caption = clean_line(caption, max_length=200)
    if not caption:
        raise ValidationError(_("Bitte beschreiben Sie kurz, was das Foto zeigt."))
    content, ext = reencode_image(upload, max_size=(2000, 2000))
    photo = WorkshopPhoto(workshop=workshop, caption=caption, uploaded_by=by)
    photo.image.save(random_upload_name(ext), ContentFile(content), save=False)
    try:
        photo.full_clean()
        photo.save()
    except Exception:
        photo.image.delete(save=False)
        raise
    audit(
        by,
        "workshop.photo_added",
        _("Foto hinzugefügt: %(caption)s") % {"caption": caption},
        workshop,
        obj=photo,
        request=request,
    )
    return photo


@transaction.atomic
def photo_delete(*, photo: WorkshopPhoto, by: User, request=None) -> None:
    audit(
        by,
        "workshop.photo_deleted",
        _("Foto gelöscht: %(caption)s") % {"caption": photo.caption},
        photo.workshop,
        obj=photo,
        request=request,
    )
    image = photo.image
    photo.delete()
    transaction.on_commit(lambda: image.delete(save=False))
