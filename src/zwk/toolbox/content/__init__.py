"""The toolbox's own content: entries written for this platform (German, CC BY 4.0).

``install()`` creates the entries that are missing (idempotent); the data migration 0003 calls
it with historical models, ``manage.py demo`` calls it again after tests emptied the database.
"""

from __future__ import annotations

from django.utils import timezone

from zwk.toolbox.content.concepts import CONCEPTS
from zwk.toolbox.content.examples import EXAMPLES
from zwk.toolbox.content.methods import METHODS

ENTRIES: list[dict] = [*METHODS, *CONCEPTS, *EXAMPLES]

DEFAULTS = {
    "licence": "CC BY 4.0 – Geschäftsstelle Zukunftswerkstatt Kommunen",
    "contact": "Geschäftsstelle Zukunftswerkstatt Kommunen – über das Kontaktformular der Plattform",
}


def _snapshot(entry, themes) -> dict:
    from zwk.toolbox.services import VERSIONED_FIELDS

    data = {}
    for name in VERSIONED_FIELDS:
        value = getattr(entry, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["themes"] = sorted(t.name for t in themes)
    return data


def install(apps=None) -> int:
    """Create missing entries as published; return how many were created."""
    from zwk.toolbox import search
    from zwk.toolbox.sanitize import clean_html

    if apps is None:
        from django.apps import apps as registry

        apps = registry
    Entry = apps.get_model("toolbox", "Entry")
    EntryFacet = apps.get_model("toolbox", "EntryFacet")
    EntryVersion = apps.get_model("toolbox", "EntryVersion")
    Theme = apps.get_model("municipalities", "Theme")
    existing = set(
        Entry.objects.filter(slug__in=[e["slug"] for e in ENTRIES]).values_list("slug", flat=True)
    )
    now = timezone.now()
    created = 0
    for index, spec in enumerate(ENTRIES):
        if spec["slug"] in existing:
            continue
        spec = {**DEFAULTS, **spec}
        theme_slugs = spec.pop("themes", [])
        steps = spec.pop("steps", [])
        entry = Entry(
            **spec,
            steps="\n".join(steps),
            status="published",
            published_at=now - timezone.timedelta(days=len(ENTRIES) - index),
            last_reviewed=timezone.localdate(),
        )
        entry.body = clean_html(entry.body)
        entry.save()
        themes = list(Theme.objects.filter(slug__in=theme_slugs, municipality__isnull=True))
        entry.themes.set(themes)
        entry._theme_names = [t.name for t in themes]
        Entry.objects.filter(pk=entry.pk).update(**search.document_fields(entry))
        for field in ("phases", "target_groups", "municipality_kinds", "sizes", "demography_types"):
            for value in getattr(entry, field) or []:
                EntryFacet.objects.create(entry=entry, field=field, value=value)
        EntryVersion.objects.create(
            entry=entry,
            number=1,
            status="published",
            comment="Erstfassung der Geschäftsstelle",
            data=_snapshot(entry, themes),
        )
        created += 1
    return created
