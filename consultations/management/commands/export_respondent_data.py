import json

from django.core.management.base import BaseCommand

from consultations.privacy import export_respondent


class Command(BaseCommand):
    help = (
        "Print, as JSON, every response held for an email address: for a subject "
        "access request (answer within one month)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        self.stdout.write(json.dumps(export_respondent(email), indent=2, default=str))
