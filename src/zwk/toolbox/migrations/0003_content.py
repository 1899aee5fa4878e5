"""The toolbox's own published entries (see toolbox/content/)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from zwk.toolbox.content import install

    install(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("toolbox", "0002_search"),
        ("municipalities", "0002_presets"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
