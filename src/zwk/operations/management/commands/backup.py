"""``manage.py backup [--output DIR]`` – database and uploaded files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zwk.operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Sichert Datenbank und hochgeladene Dateien in ein Archiv (zwk-backup-<Zeit>.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="Zielordner (Standard: backups/)")

    def handle(self, *args, **options):
        try:
            result = create_backup(Path(options["output"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(result.tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup geschrieben: {result.path} ({len(result.tables)} Tabellen, {rows} Zeilen, "
                f"{result.media_files} Dateien)"
            )
        )
