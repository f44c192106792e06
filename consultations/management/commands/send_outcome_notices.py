from django.core.management.base import BaseCommand

from consultations.outcome_notices import send_outcome_notices


class Command(BaseCommand):
    help = (
        "Email each resident who asked to be told a consultation's outcome, "
        "once it is published. Run every few minutes from cron."
    )

    def handle(self, *args, **options):
        sent, failed = send_outcome_notices()
        self.stdout.write(f"Sent {sent} outcome notices.")
        if failed:
            self.stderr.write(
                f"{failed} could not be sent; later runs try again (an address "
                "the mail server refuses, at most 5 times)."
            )
