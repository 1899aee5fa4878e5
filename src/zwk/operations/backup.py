"""Backup and restore of the database and the uploaded files in one archive.

Archive (``.tar.gz``): ``manifest.json`` (format version, database vendor, time, row counts per
table, SHA-256 of every member), ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``;
SQLite: a consistent copy made with SQLite's online backup API) and ``media/…`` (every file
below MEDIA_ROOT). Restore checks the checksums first and refuses a non-empty database unless
forced, so that it never mixes two installations.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is German."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    tables: dict[str, int]
    media_files: int


def table_counts() -> dict[str, int]:
    """Rows per model table of all installed apps (for the manifest and comparisons)."""
    counts = {}
    existing = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in existing and not model._meta.proxy:
            counts[table] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BackupError(f"{cmd[0]} ist fehlgeschlagen: {proc.stderr.strip()[:500]}")


def _dump_database(target: Path) -> None:
    vendor = connection.vendor
    if vendor == "postgresql":
        args, env = _pg_env()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target),
                *args,
            ],
            env,
        )
    elif vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:  # pragma: no cover - only the two documented databases are supported
        raise BackupError(f"Datenbank „{vendor}“ wird nicht unterstützt.")


def create_backup(output_dir: Path) -> BackupResult:
    """Write a backup archive into ``output_dir`` and return where and what it holds."""
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    archive = output_dir / f"zwk-backup-{stamp}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "database.dump"
        _dump_database(dump)
        members = {"database.dump": _sha256(dump)}
        media_files = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        )
        for path in media_files:
            members["media/" + path.relative_to(media_root).as_posix()] = _sha256(path)
        manifest = {
            "format": FORMAT_VERSION,
            "vendor": connection.vendor,
            "created": datetime.now(UTC).isoformat(),
            "tables": table_counts(),
            "sha256": members,
        }
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname="database.dump")
            for path in media_files:
                tar.add(path, arcname="media/" + path.relative_to(media_root).as_posix())
        partial.rename(archive)  # only a complete archive carries the final name
    return BackupResult(path=archive, tables=manifest["tables"], media_files=len(media_files))


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = tar.getmembers()
    for m in members:
        if m.name.startswith("/") or ".." in Path(m.name).parts or not (m.isfile() or m.isdir()):
            raise BackupError(f"Unzulässiger Eintrag im Archiv: {m.name}")
    return members


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            return json.load(tar.extractfile("manifest.json"))
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as exc:
        raise BackupError(f"{archive} ist kein ZWK-Backup ({exc}).") from exc


def database_is_empty() -> bool:
    """True if no table of the platform holds content rows (migrations and presets aside)."""
    ignore = {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "django_site",
        "municipalities_theme",
        "municipalities_checklisttemplateitem",
    }
    return not any(n for table, n in table_counts().items() if table not in ignore)


def restore_backup(archive: Path, *, force: bool = False) -> dict:
    """Restore ``archive`` into the configured database and MEDIA_ROOT; returns the manifest."""
    manifest = read_manifest(archive)
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("Unbekanntes Backup-Format.")
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"Das Backup stammt aus {manifest['vendor']}, die Zieldatenbank ist {connection.vendor}."
        )
    if not force and not database_is_empty():
        raise BackupError(
            "Die Zieldatenbank enthält schon Daten. Mit --force wird sie überschrieben."
        )
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(tmp, members=_safe_members(tar), filter="data")
        root = Path(tmp)
        for name, digest in manifest["sha256"].items():
            if _sha256(root / name) != digest:
                raise BackupError(f"Prüfsumme stimmt nicht: {name} – das Archiv ist beschädigt.")
        _restore_database(root / "database.dump")
        media = root / "media"
        if media.exists():
            media_root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    return manifest


def _restore_database(dump: Path) -> None:
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                *args,
                str(dump),
            ],
            env,
        )
    else:
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
