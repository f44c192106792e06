"""Restores a backup taken by backup_site, and checks it is whole."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backups import BackupError, read_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Replace this site's database and uploaded files with a backup's, after "
        "checking the backup's files, then compare every table's rows with the "
        "backup's manifest. Stop the site first; a database from a newer release "
        "is refused (restore into an empty one). Exits 1 if anything differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even while other sessions are connected to the database.",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirm that this database and MEDIA_ROOT are to be replaced.",
        )

    def handle(self, *args, directory, yes, force, **options):
        try:
            backup = read_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{directory}: taken at {backup.manifest['taken_at']}, "
            f"{backup.rows:,} rows in {backup.tables} tables; its files are intact."
        )
        if not yes:
            raise CommandError(
                "This replaces the database and the uploaded files: run again "
                "with --yes to go ahead."
            )
        started = timezone.now()
        try:
            differences = restore_backup(backup, force=force)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        seconds = (timezone.now() - started).total_seconds()
        if differences:
            for table, (expected, found) in sorted(differences.items()):
                self.stderr.write(
                    f"{table}: {_rows(expected, 'in the backup')}, {_rows(found, 'now')}"
                )
            raise CommandError(
                f"Restored, but {len(differences)} tables differ from the backup.",
                returncode=1,
            )
        self.stdout.write(
            f"Restored in {seconds:.1f} s: every table has the rows the backup "
            "recorded."
        )


def _rows(count, when: str) -> str:
    return f"{count} rows {when}" if count is not None else f"no such table {when}"
