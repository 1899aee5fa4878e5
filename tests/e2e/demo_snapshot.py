"""A snapshot of the demo data, taken once per test process and restored for each browser test.

Browser tests need committed rows (the live server reads them from another thread), so each
test flushes the database afterwards and the next one needs the demo again. Building it with
``manage.py demo`` costs seconds; restoring a snapshot costs milliseconds:

- SQLite (the in-memory test database): SQLite's online backup API copies the whole database –
  schema, full-text index and sequences included – into a second in-memory database and back.
- PostgreSQL: the rows of every model table are copied into the schema ``e2e_snapshot`` of the
  test database (server-side, no round trip through Python) and inserted back into the flushed
  tables; sequences are then reset past the restored ids. Only model columns are copied, so
  generated columns (the toolbox's search vector) are recomputed by PostgreSQL.

Uploaded files are copied from the first test's media folder. The snapshot lives as long as
the process (one per pytest-xdist worker); a new connection loses nothing on PostgreSQL, and on
SQLite the test database is the connection, so the snapshot is tied to it.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "e2e_snapshot"

_state: dict = {}


def _models():
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]


def _columns(model) -> str:
    quote = connection.ops.quote_name
    return ", ".join(quote(f.column) for f in model._meta.concrete_fields)


def take(media_root: Path, *, source: str = "") -> None:
    """Remember the database and the uploads as they are now (right after ``manage.py demo``
    built from the statistics in ``source``); replaces an earlier snapshot."""
    media = Path(tempfile.mkdtemp(prefix="zwk-demo-media-"))
    if Path(media_root).exists():
        shutil.copytree(media_root, media, dirs_exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _state.update(sqlite=copy, raw=connection.connection, media=media, source=source)
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for model in _models():
            table = quote(model._meta.db_table)
            cursor.execute(
                f"CREATE TABLE {SCHEMA}.{table} AS SELECT {_columns(model)} FROM {table}"
            )
    _state.update(postgresql=True, media=media, source=source)


def restore(media_root: Path, *, source: str = "") -> bool:
    """Put the snapshot back into the (flushed) database; False if there is none yet or it was
    built from other statistics than ``source``."""
    if "media" not in _state or _state["source"] != source:
        return False
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        if connection.connection is not _state["raw"]:
            return False  # another database connection: the snapshot belongs to the old one
        _state["sqlite"].backup(connection.connection)
    else:
        quote = connection.ops.quote_name
        models = _models()
        tables = [m._meta.db_table for m in models]
        with transaction.atomic(), connection.cursor() as cursor:
            # The flush after the last test re-created content types and permissions.
            for sql in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
                cursor.execute(sql)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for model in models:
                table, columns = quote(model._meta.db_table), _columns(model)
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {SCHEMA}.{table}"
                )
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
    # Content type ids are those of the snapshot again, not those the flush created.
    ContentType.objects.clear_cache()
    shutil.copytree(_state["media"], media_root, dirs_exist_ok=True)
    return True
