"""Full-text search structures that Django's ORM does not describe (see toolbox/search.py):
an FTS5 table with triggers on SQLite, a generated tsvector column with GIN index on PostgreSQL."""

from django.db import migrations


def forwards(apps, schema_editor):
    from zwk.toolbox.search import setup_schema

    setup_schema(schema_editor)


def backwards(apps, schema_editor):
    from zwk.toolbox.search import teardown_schema

    teardown_schema(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("toolbox", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
