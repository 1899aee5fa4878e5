"""Preset Handlungsfelder and the office's default checklists (from the step registry)."""

from django.db import migrations
from django.utils import translation

PRESET_THEMES = [
    ("halte-und-anziehungsfaktoren", "Halte- und Anziehungsfaktoren"),
    ("kommunale-identitaet", "Kommunale Identität"),
    ("teilhabe-aller-altersgruppen", "Teilhabe aller Altersgruppen"),
    ("integration-willkommenskultur", "Integration und Willkommenskultur"),
    ("kinder-jugend-familie", "Kinder, Jugend und Familie"),
    ("wohnen-im-alter", "Wohnen im Alter"),
    ("wohnen-und-bauen", "Wohnen und Bauen"),
    ("nahversorgung", "Nahversorgung"),
    ("mobilitaet", "Mobilität"),
    ("gesundheit-und-pflege", "Gesundheit und Pflege"),
    ("bildung", "Bildung und Lebenslanges Lernen"),
    ("fachkraeftesicherung", "Fachkräftesicherung und Wirtschaft"),
    ("ehrenamt-engagement", "Ehrenamt und bürgerschaftliches Engagement"),
    ("digitale-teilhabe", "Digitale Teilhabe"),
    ("ortskerne-innenentwicklung", "Ortskerne und Innenentwicklung"),
    ("kultur-freizeit", "Kultur, Sport und Freizeit"),
]


def forwards(apps, schema_editor):
    from zwk.municipalities.process import STEPS

    Theme = apps.get_model("municipalities", "Theme")
    ChecklistTemplateItem = apps.get_model("municipalities", "ChecklistTemplateItem")
    for order, (slug, name) in enumerate(PRESET_THEMES):
        Theme.objects.get_or_create(slug=slug, municipality=None, defaults={"name": name, "order": order})
    with translation.override("de"):
        for step in STEPS:
            if ChecklistTemplateItem.objects.filter(step_kind=step.kind).exists():
                continue
            for order, text in enumerate(step.checklist, start=1):
                ChecklistTemplateItem.objects.create(step_kind=step.kind, text=str(text), order=order * 10)


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
