import json

from django.core.management.base import BaseCommand, CommandError

from consultations.privacy import export_respondent


class Command(BaseCommand):
    help = (
        "Print, as JSON, every response held for an email address, a name "
        "(the answer to a personal question) or response references, with any "
        "equality answers: for a subject access request (answer within one "
        "month)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default="")
        parser.add_argument("--name", default="")
        parser.add_argument(
            "--reference",
            action="append",
            default=[],
            help="A response's reference, such as HYS-ABCD-EFGH; repeat for more.",
        )

    def handle(self, *args, email, name, reference, **options):
        if not email and not name and not reference:
            raise CommandError("Give an email address, a --name or a --reference.")
        found = export_respondent(email=email, name=name, references=reference)
        self.stdout.write(json.dumps(found, indent=2, default=str))
        by_name_only = sum(row["matched_by"] == ["name"] for row in found)
        if by_name_only:
            self.stderr.write(
                f"{by_name_only} found by name alone: other people share names, so "
                "check each against the requester before sending it."
            )
