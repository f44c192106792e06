"""The admin dashboard's reminder of the consultations that owe residents
their outcome: closed, with no "We asked, you said, we did" published yet.
Government's consultation principles ask for it within 12 weeks of closing."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.permissions import page_permission_policy

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

    @classmethod
    def of(cls, page, now):
        due_at = page.closes_at + OUTCOME_DUE_AFTER
        return cls(page, due_at, overdue=due_at <= now)


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
        now = timezone.now()
        editable = page_permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )
        owed = outcomes_owed(now).filter(pk__in=editable.values("pk"))
        rows = [OutcomeDue.of(page, now) for page in owed[:SHOWN]]
        total = len(rows) if len(rows) < SHOWN else owed.count()
        return {
            "shown": bool(rows),
            "rows": rows,
            "more": total - len(rows),
            "overdue": owed.filter(closes_at__lte=now - OUTCOME_DUE_AFTER).count()
            if rows
            else 0,
        }
