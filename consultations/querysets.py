from django.db.models import Case, F, IntegerField, Q, Value, When

from core.querysets import ListingPageQuerySet

from .enums import ConsultationStatus

STATUS_ORDER = [
    ConsultationStatus.OPEN,
    ConsultationStatus.FORTHCOMING,
    ConsultationStatus.CLOSED,
    ConsultationStatus.OUTCOME_PUBLISHED,
]


def status_q(status, moment) -> Q:
    """The filter for one status at `moment`: the same rules as
    ConsultationPage.status_at, in SQL."""
    outcome_out = Q(
        outcome_published_at__isnull=False, outcome_published_at__lte=moment
    )
    return {
        ConsultationStatus.FORTHCOMING: Q(opens_at__gt=moment),
        ConsultationStatus.OPEN: Q(opens_at__lte=moment, closes_at__gt=moment),
        ConsultationStatus.CLOSED: Q(closes_at__lte=moment) & ~outcome_out,
        ConsultationStatus.OUTCOME_PUBLISHED: Q(closes_at__lte=moment) & outcome_out,
    }[status]


class ConsultationQuerySet(ListingPageQuerySet):
    def open_at(self, moment):
        return self.filter(status_q(ConsultationStatus.OPEN, moment))

    def with_status(self, status, moment):
        return self.filter(status_q(status, moment))

    def for_listing(self):
        return self.live().public().defer_streamfields()

    def for_homepage(self, moment, limit):
        """Open consultations, closing soonest first."""
        return self.for_listing().open_at(moment).order_by("closes_at", "pk")[:limit]

    def for_hub(self, moment):
        """Open first (closing soonest), then forthcoming (opening soonest), then
        closed and concluded (most recently closed first)."""
        rank = Case(
            *(
                When(status_q(status, moment), then=Value(position))
                for position, status in enumerate(STATUS_ORDER)
            ),
            output_field=IntegerField(),
        )
        open_key = Case(
            When(status_q(ConsultationStatus.OPEN, moment), then=F("closes_at"))
        )
        forthcoming_key = Case(
            When(status_q(ConsultationStatus.FORTHCOMING, moment), then=F("opens_at"))
        )
        return (
            self.for_listing()
            .annotate(status_rank=rank)
            .order_by(
                "status_rank",
                open_key.asc(nulls_last=True),
                forthcoming_key.asc(nulls_last=True),
                F("closes_at").desc(),
                "pk",
            )
        )

    def recent_outcomes(self, moment, limit):
        return (
            self.for_listing()
            .with_status(ConsultationStatus.OUTCOME_PUBLISHED, moment)
            .order_by("-outcome_published_at", "pk")[:limit]
        )
