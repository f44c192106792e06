from django.core.management.base import BaseCommand
from django.utils import timezone

from consultations.privacy import consultations_due_for_purge, purge_personal_data


class Command(BaseCommand):
    help = (
        "Remove personal details from responses to consultations whose retention "
        "period (set per consultation, two years by default) has ended. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change; change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        total = 0
        for page in consultations_due_for_purge(now):
            count = purge_personal_data(page, now, dry_run=dry_run)
            if count:
                verb = "Would anonymise" if dry_run else "Anonymised"
                self.stdout.write(f"{verb} {count} responses to '{page.title}'.")
            total += count
        verb = "would be" if dry_run else "were"
        self.stdout.write(self.style.SUCCESS(f"{total} responses {verb} anonymised."))
