"""Takes a backup of the database and the uploaded files (core/backups.py)."""

import datetime
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backups import BackupError, take_backup


class Command(BaseCommand):
    help = (
        "Back up the PostgreSQL database and MEDIA_ROOT into a new directory "
        "under --to (default: $BACKUP_DIR, else backups/ beside manage.py), with a manifest "
        "that restore_site checks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to",
            type=Path,
            default=Path(os.environ.get("BACKUP_DIR") or settings.BASE_DIR / "backups"),
        )

    def handle(self, *args, to, **options):
        started = timezone.now()
        try:
            backup = take_backup(to, started.astimezone(datetime.UTC))
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            f"Backed up {backup.rows:,} rows in {backup.tables} tables, and the "
            f"uploaded files, to {backup.directory} in {seconds:.1f} s."
        )
