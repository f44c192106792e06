from django.core.management.base import BaseCommand, CommandError

from consultations.models import ConsultationPage
from consultations.privacy import answering, erase_question


class Command(BaseCommand):
    help = (
        "Remove one question's answers from every response to a consultation: "
        "a question on the form, or one since deleted from it."
    )

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int)
        parser.add_argument("question", help="The question's field name (clean name).")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, page_id, question, dry_run=False, **options):
        page = ConsultationPage.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"No consultation with id {page_id}.")
        answered = answering(page, question)
        on_the_form = page.form_fields.filter(clean_name=question).exists()
        if not on_the_form and not answered.exists():
            raise CommandError(
                f"'{page.title}' has no question named '{question}', and no "
                "response answers one."
            )
        if dry_run:
            self.stdout.write(
                f"Would remove '{question}' from {answered.count()} responses."
            )
            return
        count = erase_question(page, question)
        self.stdout.write(
            self.style.SUCCESS(f"Removed '{question}' from {count} responses.")
        )
