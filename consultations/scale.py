"""Consultations and their responses at the sizes a council reaches."""

import datetime

from wagtail.rich_text import RichText

from core.scale import add_children, in_batches

from .benchmarking import benchmark_answers, benchmark_questions
from .models import ConsultationIndexPage, ConsultationPage, QuestionField
from .submissions import ConsultationResponse

SUBJECTS = [
    "parking charges",
    "library opening hours",
    "park improvements",
    "bus routes",
    "school streets",
    "leisure centre",
    "housing allocations",
    "budget priorities",
    "waste collections",
    "cycle lanes",
]
PLACES = ["Riverside", "Hillside", "Northgate", "Old Town", "Meadowbank", "Castle"]
DAY = datetime.timedelta(days=1)


def build(scale, home):
    hub = ConsultationIndexPage.objects.child_of(home).get()
    rng = scale.rng
    progress = scale.progress("consultations", scale.consultations)
    pages = []
    for n in range(scale.consultations):
        subject, place = rng.choice(SUBJECTS), rng.choice(PLACES)
        opens_at = scale.now - rng.randint(-60, 3 * 365) * DAY
        closes_at = opens_at + rng.randint(4, 12) * 7 * DAY
        concluded = closes_at < scale.now - 60 * DAY and rng.random() < 0.5
        pages.append(
            ConsultationPage(
                title=f"{place} {subject} ({n + 1})",
                slug=f"scale-consultation-{n + 1}",
                summary=f"Tell us what you think of our proposals for {subject} "
                f"in {place}.",
                opens_at=opens_at,
                closes_at=closes_at,
                body=[("rich_text", RichText(f"<p>Our proposals for {subject}.</p>"))],
                we_asked=f"<p>We asked about {subject}.</p>" if concluded else "",
                you_said="<p>Most of you agreed.</p>" if concluded else "",
                we_did="<p>We went ahead, with changes.</p>" if concluded else "",
                outcome_published_at=closes_at + 30 * DAY if concluded else None,
            )
        )
    add_children(hub, pages, progress)
    progress.finish()

    in_batches(
        (
            QuestionField(
                page=page,
                sort_order=order,
                label=question.label,
                clean_name=question.label.lower(),
                field_type=question.field_type,
                choices=question.choices,
                required=question.required,
                is_personal=question.is_personal,
            )
            for page in pages
            for order, question in enumerate(benchmark_questions())
        ),
        QuestionField,
    )

    progress = scale.progress("responses", scale.responses)
    # Some consultations draw far more responses than others.
    weights = [rng.paretovariate(1.2) for _ in pages]
    chosen = rng.choices(pages, weights=weights, k=scale.responses)
    in_batches(
        (
            ConsultationResponse(
                page=page,
                form_data=benchmark_answers(n),
                # Deterministic, and apart from real ones ("HYS-" and letters).
                reference=f"SCALE-{n:09d}",
            )
            for n, page in enumerate(chosen)
        ),
        ConsultationResponse,
        progress=progress,
    )
    progress.finish()
    return pages
