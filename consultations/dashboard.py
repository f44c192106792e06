"""The admin dashboard's reminder of the consultations that owe residents
their outcome: closed, with no "We asked, you said, we did" published yet.
Government's consultation principles ask for it within 12 weeks of closing."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .enums import ConsultationStatus
from .models import ConsultationPage

OUTCOME_DUE_AFTER = datetime.timedelta(weeks=12)
# The longest list the panel shows; the rest are counted.
SHOWN = 20


@dataclass(frozen=True)
class OutcomeDue:
    page: ConsultationPage
    due_at: datetime.datetime
    overdue: bool


def outcomes_owed(now):
    """Live consultations closed by `now` whose outcome is not out (some
    scheduled to come out later), the longest waiting first."""
    return (
        ConsultationPage.objects.live()
        .with_status(ConsultationStatus.CLOSED, now)
        .defer_streamfields()
        .order_by("closes_at", "pk")
    )


class OutcomesDuePanel(Component):
    name = "outcomes_due"
    template_name = "consultations/dashboard/outcomes_due.html"
    order = 95  # just below the statutory reviews

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user, now = self.request.user, timezone.now()
        rows = []
        for page in outcomes_owed(now):
            if page.permissions_for_user(user).can_edit():
                due_at = page.closes_at + OUTCOME_DUE_AFTER
                rows.append(OutcomeDue(page, due_at, overdue=due_at <= now))
        return {
            "shown": bool(rows),
            "rows": rows[:SHOWN],
            "more": max(len(rows) - SHOWN, 0),
            "overdue": sum(row.overdue for row in rows),
        }
