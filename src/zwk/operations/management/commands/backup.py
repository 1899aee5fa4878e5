"""``manage.py backup [--output DIR]`` – database and uploaded files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zwk.operations.backup import BackupError, create_backup, new_key


class Command(BaseCommand):
    help = "Sichert Datenbank und hochgeladene Dateien in ein Archiv (zwk-backup-<Zeit>.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="Zielordner (Standard: backups/)")
        parser.add_argument(
            "--new-key",
            action="store_true",
            help="nur einen neuen Schlüssel für BACKUP_ENCRYPTION_KEY ausgeben, nichts sichern",
        )

    def handle(self, *args, **options):
        if options["new_key"]:
            self.stdout.write(new_key())
            return
        try:
            result = create_backup(Path(options["output"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(result.tables.values())
        encrypted = "verschlüsselt" if result.path.name.endswith(".enc") else "unverschlüsselt"
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup geschrieben ({encrypted}): {result.path} ({len(result.tables)} Tabellen, "
                f"{rows} Zeilen, {result.media_files} Dateien)"
            )
        )
