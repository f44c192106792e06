from django.core.management.base import BaseCommand

from consultations.outcome_notices import send_outcome_notices
from consultations.progress_notices import (
    queue_progress_notices,
    send_progress_notices,
)


class Command(BaseCommand):
    help = (
        "Email each resident who asked what happens next with a consultation: "
        "when councillors are due to discuss it, when they decide, and its "
        "outcome once published. Run every few minutes from cron."
    )

    def handle(self, *args, **options):
        outcome_sent, outcome_failed = send_outcome_notices()
        queue_progress_notices()
        progress_sent, progress_failed = send_progress_notices()
        self.stdout.write(
            f"Sent {outcome_sent} outcome notices and {progress_sent} progress notices."
        )
        if failed := outcome_failed + progress_failed:
            self.stderr.write(
                f"{failed} could not be sent; later runs try again (an address "
                "the mail server refuses, at most 5 times)."
            )
