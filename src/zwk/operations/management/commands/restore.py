"""``manage.py restore ARCHIVE [--force]`` – restore a backup into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zwk.operations.backup import BackupError, restore_backup, table_counts


class Command(BaseCommand):
    help = "Stellt ein Backup wieder her (Datenbank muss leer sein, sonst --force)."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", help="Pfad zum Archiv zwk-backup-….tar.gz (verschlüsselt: ….tar.gz.enc)"
        )
        parser.add_argument("--force", action="store_true", help="vorhandene Daten überschreiben")

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(Path(options["archive"]), force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        differences = {
            t: (n, table_counts().get(t))
            for t, n in manifest["tables"].items()
            if table_counts().get(t) != n
        }
        if differences:
            raise CommandError(f"Nach der Wiederherstellung weichen Zeilenzahlen ab: {differences}")
        self.stdout.write(
            self.style.SUCCESS(f"Wiederhergestellt: Backup vom {manifest['created']}.")
        )
