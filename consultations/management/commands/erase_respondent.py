from django.core.management.base import BaseCommand, CommandError

from consultations.privacy import (
    erase_respondent,
    responses_from,
    responses_with_references,
)


class Command(BaseCommand):
    help = (
        "Delete every response given with this email address, and any with the "
        "references given (right to erasure). A paper or phone response may "
        "carry no address: its reference finds it."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default="")
        parser.add_argument(
            "--reference",
            action="append",
            default=[],
            help="A response's reference, such as HYS-ABCD-EFGH; repeat for more.",
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, email, reference, dry_run=False, **options):
        if not email and not reference:
            raise CommandError("Give an email address, a --reference, or both.")
        if dry_run:
            found = set(responses_with_references(reference).values_list("pk"))
            if email:
                found |= set(responses_from(email).values_list("pk"))
            self.stdout.write(f"{len(found)} responses would be deleted.")
            return
        count = erase_respondent(email, references=reference)
        self.stdout.write(self.style.SUCCESS(f"Deleted {count} responses."))
