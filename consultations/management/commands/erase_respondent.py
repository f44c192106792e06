from django.core.management.base import BaseCommand

from consultations.privacy import erase_respondent, responses_from


class Command(BaseCommand):
    help = "Delete every response given with this email address (right to erasure)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, email, dry_run=False, **options):
        if dry_run:
            count = responses_from(email).count()
            self.stdout.write(f"{count} responses would be deleted.")
            return
        count = erase_respondent(email)
        self.stdout.write(self.style.SUCCESS(f"Deleted {count} responses."))
