"""Backup and restore of the database and the uploaded files in one archive.

Archive (``.tar.gz``): ``manifest.json`` (format version, database vendor, time, row counts per
table, SHA-256 of every member), ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``;
SQLite: a consistent copy made with SQLite's online backup API) and ``media/…`` (every file
below MEDIA_ROOT). Restore checks the checksums first and refuses a non-empty database unless
forced, so that it never mixes two installations.

Archives hold password hashes, two-factor secrets and personal data:

- they are written with mode 0600 into a folder with mode 0700 (only the service account
  reads them), whatever the umask;
- with ``BACKUP_ENCRYPTION_KEY`` set (a Fernet key: ``manage.py backup --new-key``), the
  archive is encrypted and authenticated (``zwk-backup-<time>.tar.gz.enc``): in chunks of
  ``CHUNK_BYTES``, each a Fernet token (AES-128-CBC + HMAC-SHA256) whose plaintext starts with
  the archive's random id, the chunk number and a "last chunk" flag – so chunks cannot be
  reordered, dropped, cut off or mixed in from another archive without restore noticing.
  Several keys separated by commas: the first encrypts, all decrypt (key rotation);
- restore refuses an archive it cannot decrypt, any member that is not listed in the manifest
  and any listed member that is missing – before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import shutil
import sqlite3
import stat
import struct
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
ENCRYPTED_MAGIC = b"ZWK-BACKUP-FERNET-1\n"
ENCRYPTED_SUFFIX = ".enc"
CHUNK_BYTES = 4 * 1024 * 1024
_CHUNK_HEADER = struct.Struct(">16sQ?")  # archive id, chunk number, last chunk
_LENGTH = struct.Struct(">I")


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


def _private_folder(folder: Path) -> None:
    """The backup folder: created if missing, readable by its owner only (0700)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        folder.chmod(stat.S_IRWXU)
    except PermissionError as exc:
        raise BackupError(
            f"Der Sicherungsordner {folder} gehört einem anderen Benutzer; "
            "bitte dem Dienstkonto übertragen (chown) oder einen anderen Ordner wählen."
        ) from exc


def _private_file(path: Path):
    """A new file only its owner may read or write (0600), independent of the umask."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def _fernet(keys: str | None = None):
    """MultiFernet of ``BACKUP_ENCRYPTION_KEY`` (comma-separated), or None when not set."""
    from cryptography.fernet import Fernet, MultiFernet

    text = settings.BACKUP_ENCRYPTION_KEY if keys is None else keys
    parts = [k.strip() for k in (text or "").split(",") if k.strip()]
    if not parts:
        return None
    try:
        return MultiFernet([Fernet(k) for k in parts])
    except (ValueError, TypeError) as exc:
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY ist kein gültiger Schlüssel "
            "(neuen erzeugen mit: manage.py backup --new-key)."
        ) from exc


def new_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def _encrypt(source: Path, target, fernet) -> None:
    archive_id = secrets.token_bytes(16)
    target.write(ENCRYPTED_MAGIC)
    size = source.stat().st_size
    with source.open("rb") as fh:
        number = 0
        while True:
            chunk = fh.read(CHUNK_BYTES)
            last = fh.tell() >= size
            token = fernet.encrypt(_CHUNK_HEADER.pack(archive_id, number, last) + chunk)
            target.write(_LENGTH.pack(len(token)) + token)
            number += 1
            if last:
                return


def _decrypt(source: Path, target: Path) -> None:
    from cryptography.fernet import InvalidToken

    fernet = _fernet()
    if fernet is None:
        raise BackupError(
            "Das Backup ist verschlüsselt, aber BACKUP_ENCRYPTION_KEY ist nicht gesetzt."
        )
    refused = BackupError(
        f"{source.name} lässt sich nicht entschlüsseln: falscher Schlüssel oder das Archiv "
        "wurde verändert oder ist unvollständig. Es wurde nichts wiederhergestellt."
    )
    with source.open("rb") as fh, _private_file(target) as out:
        if fh.read(len(ENCRYPTED_MAGIC)) != ENCRYPTED_MAGIC:
            raise refused
        archive_id, number, last = None, 0, False
        while not last:
            length = fh.read(_LENGTH.size)
            if len(length) != _LENGTH.size:
                raise refused  # cut off before the last chunk
            token = fh.read(_LENGTH.unpack(length)[0])
            try:
                plain = fernet.decrypt(token)
            except InvalidToken as exc:
                raise refused from exc
            chunk_id, chunk_number, last = _CHUNK_HEADER.unpack_from(plain)
            if (archive_id or chunk_id) != chunk_id or chunk_number != number:
                raise refused  # reordered, or a chunk of another archive
            archive_id, number = chunk_id, number + 1
            out.write(plain[_CHUNK_HEADER.size :])
        if fh.read(1):
            raise refused  # something appended after the last chunk


def is_encrypted(archive: Path) -> bool:
    try:
        with archive.open("rb") as fh:
            return fh.read(len(ENCRYPTED_MAGIC)) == ENCRYPTED_MAGIC
    except OSError:
        return False


def create_backup(output_dir: Path) -> BackupResult:
    """Write a backup archive into ``output_dir`` and return where and what it holds."""
    fernet = _fernet()  # a broken key fails before any work
    _private_folder(output_dir)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    archive = output_dir / f"zwk-backup-{stamp}.tar.gz"
    if fernet is not None:
        archive = archive.with_name(archive.name + ENCRYPTED_SUFFIX)
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
        plain = Path(tmp) / "archive.tar.gz"
        with _private_file(plain) as fh, tarfile.open(fileobj=fh, mode="w:gz") as tar:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname="database.dump")
            for path in media_files:
                tar.add(path, arcname="media/" + path.relative_to(media_root).as_posix())
        partial = output_dir / (archive.name + ".partial")
        partial.unlink(missing_ok=True)
        with _private_file(partial) as out:
            if fernet is None:
                with plain.open("rb") as fh:
                    shutil.copyfileobj(fh, out)
            else:
                _encrypt(plain, out, fernet)
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


def _check_members(tar: tarfile.TarFile, manifest: dict) -> list[tarfile.TarInfo]:
    """Only what the manifest lists, and all of it – checked before anything is extracted."""
    members = _safe_members(tar)
    listed = set(manifest.get("sha256") or {})
    files = {m.name for m in members if m.isfile()}
    unexpected = sorted(files - listed - {"manifest.json"})
    if unexpected:
        raise BackupError(
            f"Das Archiv enthält Dateien, die nicht im Manifest stehen ({', '.join(unexpected[:5])})"
            " – es wurde verändert. Es wurde nichts wiederhergestellt."
        )
    missing = sorted(listed - files)
    if missing:
        raise BackupError(
            f"Im Archiv fehlen Dateien aus dem Manifest ({', '.join(missing[:5])}) – es ist "
            "unvollständig. Es wurde nichts wiederhergestellt."
        )
    return members


def restore_backup(archive: Path, *, force: bool = False) -> dict:
    """Restore ``archive`` into the configured database and MEDIA_ROOT; returns the manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        if is_encrypted(archive):
            plain = Path(tmp) / "archive.tar.gz"
            _decrypt(archive, plain)
        else:
            plain = archive
        manifest = read_manifest(plain)
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError("Unbekanntes Backup-Format.")
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"Das Backup stammt aus {manifest['vendor']}, die Zieldatenbank ist "
                f"{connection.vendor}."
            )
        if not force and not database_is_empty():
            raise BackupError(
                "Die Zieldatenbank enthält schon Daten. Mit --force wird sie überschrieben."
            )
        root = Path(tmp) / "extracted"
        with tarfile.open(plain, "r:gz") as tar:
            tar.extractall(root, members=_check_members(tar, manifest), filter="data")
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
