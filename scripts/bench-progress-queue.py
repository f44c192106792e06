"""How long queue_progress_notices() takes at scale, first and steady state.

Against a database with scale data (manage.py generate_scale_data):
    .venv/bin/python manage.py shell < scripts/bench-progress-queue.py
It links 1,000 public agenda items to consultations and has a fifth of the
responses wait for notices, in one transaction that it rolls back.
"""

import random
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committees.models import AgendaItemConsultation, AgendaItemPage
from consultations.models import ConsultationPage
from consultations.progress_notices import queue_progress_notices
from consultations.submissions import ConsultationResponse, ProgressNotice

rng = random.Random(1)  # noqa: S311 - made-up links, not secrets
with transaction.atomic():
    consultations = list(ConsultationPage.objects.live().values_list("pk", flat=True))
    items = list(AgendaItemPage.objects.public_items().values_list("pk", flat=True))
    AgendaItemConsultation.objects.bulk_create(
        AgendaItemConsultation(
            page_id=item, consultation_id=rng.choice(consultations), sort_order=0
        )
        for item in rng.sample(items, min(1000, len(items)))
    )
    responses = list(ConsultationResponse.objects.values_list("pk", flat=True))
    ConsultationResponse.objects.filter(
        pk__in=rng.sample(responses, len(responses) // 5)
    ).update(
        receipt_email="resident@example.com",
        progress_notices_wanted=True,
        submit_time=timezone.now() - timezone.timedelta(days=3650),
    )
    for run in ("first run", "next run"):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            queued = queue_progress_notices()
            seconds = time.perf_counter() - started
        print(
            f"{run}: queued {queued:,} in {seconds:.2f} s, "
            f"{len(queries.captured_queries):,} queries; "
            f"{ProgressNotice.objects.count():,} notices"
        )
    transaction.set_rollback(True)
