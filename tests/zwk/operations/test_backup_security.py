"""Backups hold password hashes and two-factor secrets (issue 21, item 8).

Only the service account reads them (0600 files in a 0700 folder, whatever the umask); with
``BACKUP_ENCRYPTION_KEY`` they are encrypted and authenticated; restore refuses an archive it
cannot decrypt, a changed one, and members the manifest does not list – before it writes.
"""

import io
import os
import shutil
import stat
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from zwk.accounts.models import User
from zwk.municipalities.models import Municipality
from zwk.operations import backup
from zwk.operations.backup import BackupError, create_backup, new_key, restore_backup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def loose_umask():
    """The umask of a careless shell: new files world-readable unless the code says otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _names() -> list[str]:
    return sorted(Municipality.objects.values_list("name", flat=True))


def test_archives_are_readable_by_the_service_account_only(
    tmp_path, loose_umask, municipality, coordinator
):
    existing = tmp_path / "vorhanden"
    existing.mkdir(mode=0o755)
    for folder in (tmp_path / "neu" / "sicherung", existing):
        result = create_backup(folder)
        assert _mode(folder) == 0o700
        assert _mode(result.path) == 0o600
        assert [p.name for p in folder.iterdir()] == [result.path.name]  # no .partial left


def test_encrypted_backup_round_trip_and_nothing_readable_without_the_key(
    tmp_path, settings, municipality, coordinator
):
    settings.BACKUP_ENCRYPTION_KEY = new_key()
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path), stdout=out)
    archive = next(tmp_path.glob("zwk-backup-*.tar.gz.enc"))
    assert "verschlüsselt" in out.getvalue()
    assert _mode(archive) == 0o600
    assert not tarfile.is_tarfile(archive)
    content = archive.read_bytes()
    assert coordinator.password.encode() not in content and b"manifest.json" not in content

    users_before, names_before = list(User.objects.values_list("username", "password")), _names()
    call_command("flush", "--noinput", verbosity=0)
    call_command("restore", str(archive), stdout=io.StringIO())
    assert list(User.objects.values_list("username", "password")) == users_before
    assert _names() == names_before


def test_an_encrypted_backup_needs_the_right_key(tmp_path, settings, municipality):
    settings.BACKUP_ENCRYPTION_KEY = new_key()
    archive = create_backup(tmp_path).path
    before = _names()

    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(BackupError, match="verschlüsselt, aber BACKUP_ENCRYPTION_KEY"):
        restore_backup(archive, force=True)
    settings.BACKUP_ENCRYPTION_KEY = new_key()
    with pytest.raises(CommandError, match="lässt sich nicht entschlüsseln: falscher Schlüssel"):
        call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert _names() == before


def test_an_old_key_still_decrypts_after_rotation(tmp_path, settings, municipality):
    old = new_key()
    settings.BACKUP_ENCRYPTION_KEY = old
    archive = create_backup(tmp_path).path
    settings.BACKUP_ENCRYPTION_KEY = f"{new_key()},{old}"
    assert restore_backup(archive, force=True)["vendor"]


def _chunks(data: bytes) -> list[bytes]:
    body, chunks = data[len(backup.ENCRYPTED_MAGIC) :], []
    while body:
        (length,) = backup._LENGTH.unpack_from(body)
        end = backup._LENGTH.size + length
        chunks.append(body[:end])
        body = body[end:]
    return chunks


@pytest.mark.parametrize("change", ["flip", "swap", "cut", "append", "foreign"])
def test_a_changed_encrypted_archive_is_refused_before_anything_is_written(
    tmp_path, settings, monkeypatch, municipality, change
):
    settings.BACKUP_ENCRYPTION_KEY = new_key()
    monkeypatch.setattr(backup, "CHUNK_BYTES", 4096)  # several chunks even for a small site
    archive = create_backup(tmp_path / "a").path
    data = archive.read_bytes()
    chunks = _chunks(data)
    assert len(chunks) >= 3
    if change == "flip":
        middle = len(data) // 2
        data = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]
    elif change == "swap":
        chunks[0], chunks[1] = chunks[1], chunks[0]
        data = backup.ENCRYPTED_MAGIC + b"".join(chunks)
    elif change == "cut":
        data = backup.ENCRYPTED_MAGIC + b"".join(chunks[:-1])
    elif change == "append":
        data += chunks[-1]
    else:  # the same key, a chunk from another archive
        other = _chunks(create_backup(tmp_path / "b").path.read_bytes())
        chunks[1] = other[1]
        data = backup.ENCRYPTED_MAGIC + b"".join(chunks)
    archive.write_bytes(data)
    before = _names()
    Municipality.objects.update(name="Nach der Sicherung")
    with pytest.raises(BackupError, match="nicht entschlüsseln"):
        restore_backup(archive, force=True)
    assert _names() == ["Nach der Sicherung"] * len(before)


def _rewrite(archive: Path, target: Path, *, drop: str = "", extra: dict | None = None) -> Path:
    with tarfile.open(archive, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src.getmembers():
            if member.name == drop:
                continue
            dst.addfile(member, src.extractfile(member) if member.isfile() else None)
        for name, data in (extra or {}).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            dst.addfile(info, io.BytesIO(data))
    return target


def test_restore_refuses_files_that_the_manifest_does_not_list(tmp_path, settings, municipality):
    archive = create_backup(tmp_path).path
    smuggled = _rewrite(
        archive, tmp_path / "untergeschoben.tar.gz", extra={"media/uploads/neu.html": b"<script>"}
    )
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    Municipality.objects.update(name="Nach der Sicherung")
    with pytest.raises(BackupError, match=r"nicht im Manifest stehen.*media/uploads/neu\.html"):
        restore_backup(smuggled, force=True)
    assert not (Path(settings.MEDIA_ROOT) / "uploads" / "neu.html").exists()
    assert set(_names()) == {"Nach der Sicherung"}


def test_restore_refuses_an_archive_that_lacks_a_listed_file(tmp_path, municipality):
    archive = create_backup(tmp_path).path
    incomplete = _rewrite(archive, tmp_path / "halb.tar.gz", drop="database.dump")
    with pytest.raises(BackupError, match=r"fehlen Dateien aus dem Manifest.*database\.dump"):
        restore_backup(incomplete, force=True)


def test_a_broken_key_is_explained_before_anything_is_written(tmp_path, settings):
    settings.BACKUP_ENCRYPTION_KEY = "geheim"
    with pytest.raises(CommandError, match="kein gültiger Schlüssel"):
        call_command("backup", "--output", str(tmp_path / "x"), stdout=io.StringIO())
    assert not (tmp_path / "x").exists()


def test_new_key_prints_a_usable_key():
    out = io.StringIO()
    call_command("backup", "--new-key", stdout=out)
    assert backup._fernet(out.getvalue().strip()) is not None
