from django.core.management.base import BaseCommand, CommandError

from consultations.models import ConsultationPage
from consultations.privacy import erase_question


class Command(BaseCommand):
    help = "Remove one question's answers from every response to a consultation."

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int)
        parser.add_argument("question", help="The question's field name (clean name).")

    def handle(self, *args, page_id, question, **options):
        page = ConsultationPage.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"No consultation with id {page_id}.")
        if not page.form_fields.filter(clean_name=question).exists():
            raise CommandError(f"'{page.title}' has no question named '{question}'.")
        count = erase_question(page, question)
        self.stdout.write(
            self.style.SUCCESS(f"Removed '{question}' from {count} responses.")
        )
