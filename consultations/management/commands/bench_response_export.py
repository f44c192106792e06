"""A rerunnable benchmark, not a test: how fast the responses CSV export
streams and how much memory it holds, for a consultation with many responses.
Everything it creates is rolled back."""

import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import RequestFactory
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.models import Page

from consultations.benchmarking import benchmark_answers, benchmark_questions
from consultations.factories import ConsultationPageFactory
from consultations.submissions import ConsultationResponse


class Command(BaseCommand):
    help = "Measure the CSV export of N responses (default 100,000): rows/s and peak memory."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=100_000)
        parser.add_argument(
            "--stock",
            action="store_true",
            help="Use Wagtail's own submissions view, for comparison.",
        )

    def handle(self, *args, responses, stock, **options):
        with transaction.atomic():
            page = ConsultationPageFactory(
                parent=Page.get_first_root_node(), form_fields=benchmark_questions()
            )
            self._fill(page, responses)
            user = get_user_model().objects.create_superuser("bench-export", None, None)
            if stock:
                page.submissions_list_view_class = SubmissionsListView
            rows, size, seconds, _ = self._export(page, user, trace=False)
            *_, peak = self._export(page, user, trace=True)
            transaction.set_rollback(True)
        self.stdout.write(
            f"{'Wagtail stock view' if stock else 'Streaming view'}: {rows:,} rows, "
            f"{size / 1e6:.1f} MB of CSV in {seconds:.1f} s "
            f"({rows / seconds:,.0f} rows/s); peak Python memory while exporting "
            f"{peak / 1e6:.1f} MB"
        )

    def _fill(self, page, count):
        started = time.perf_counter()
        batch = 5000
        for start in range(0, count, batch):
            ConsultationResponse.objects.bulk_create(
                ConsultationResponse(page=page, form_data=benchmark_answers(n))
                for n in range(start, min(start + batch, count))
            )
        self.stdout.write(
            f"Created {count:,} responses in {time.perf_counter() - started:.1f} s"
        )

    def _export(self, page, user, trace):
        """Timed without tracing (tracemalloc slows Python several times over),
        then again traced for the memory peak."""
        request = RequestFactory().get("/", {"export": "csv"})
        request.user = user
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        response = page.serve_submissions_list_view(request)
        rows = size = 0
        for chunk in response.streaming_content:
            rows += 1
            size += len(chunk)
        seconds = time.perf_counter() - started
        peak = 0
        if trace:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return rows - 1, size, seconds, peak
