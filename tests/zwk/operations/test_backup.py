"""Backup and restore round trip on the configured database (SQLite or PostgreSQL)."""

import io
import shutil
import tarfile

import pytest
from django.core.management import CommandError, call_command

from zwk.accounts.models import AuditEntry, User
from zwk.municipalities import services
from zwk.municipalities.models import Municipality, StepDocument
from zwk.operations.backup import BackupError, create_backup, restore_backup, table_counts

pytestmark = pytest.mark.django_db(transaction=True)


def _snapshot():
    return {
        "users": list(
            User.objects.order_by("pk").values_list("pk", "username", "email", "password")
        ),
        "municipalities": list(
            Municipality.objects.order_by("pk").values_list("pk", "name", "ags", "slug")
        ),
        "audit": list(AuditEntry.objects.order_by("pk").values_list("pk", "action", "message")),
        "documents": list(StepDocument.objects.order_by("pk").values_list("pk", "file", "size")),
    }


def test_round_trip_restores_database_and_files_into_an_empty_database(
    tmp_path, settings, municipality, coordinator, pdf_upload
):
    step = municipality.steps.get(kind="kickoff")
    document = services.document_upload(
        step=step, upload=pdf_upload(), title="Protokoll", doc_type="minutes", by=coordinator
    )
    file_bytes = document.file.read()
    document.file.close()
    before_counts, before = table_counts(), _snapshot()

    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "sicherung"), stdout=out)
    archive = next((tmp_path / "sicherung").glob("zwk-backup-*.tar.gz"))
    assert "Backup geschrieben" in out.getvalue()

    with pytest.raises(CommandError, match="enthält schon Daten"):
        call_command("restore", str(archive), stdout=io.StringIO())

    call_command("flush", "--noinput", verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not User.objects.exists()

    call_command("restore", str(archive), stdout=io.StringIO())
    assert table_counts() == before_counts
    assert _snapshot() == before
    restored = StepDocument.objects.get(pk=document.pk)
    assert restored.file.read() == file_bytes
    restored.file.close()


def test_damaged_archive_is_refused_before_anything_changes(tmp_path, municipality):
    result = create_backup(tmp_path)
    damaged = tmp_path / "kaputt.tar.gz"
    with tarfile.open(result.path, "r:gz") as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "database.dump":
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    names_before = list(Municipality.objects.values_list("name", flat=True))
    with pytest.raises(BackupError, match="Prüfsumme"):
        restore_backup(damaged, force=True)
    assert list(Municipality.objects.values_list("name", flat=True)) == names_before


def test_something_that_is_not_a_backup_is_refused(tmp_path):
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"kein archiv")
    with pytest.raises(BackupError, match="kein ZWK-Backup"):
        restore_backup(bogus)
