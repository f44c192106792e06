"""For a monthly cron job or a monitor: lists the statutory pages' review dates
and exits 1 when any needs attention, so the reminder reaches someone even if
nobody opens the admin dashboard."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Site

from core.formatting import govuk_date
from home.reviews import statutory_reviews


class Command(BaseCommand):
    help = "Say whether the accessibility statement, privacy notice and cookies page are reviewed within 12 months; exit 1 if not."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("No default site: there is nothing to check.")
        reviews = statutory_reviews(site, timezone.localdate())
        for review in reviews:
            when = (
                f", last reviewed {govuk_date(review.last_reviewed_on)}, "
                f"due by {govuk_date(review.due_on)}"
                if review.due_on
                else ""
            )
            self.stdout.write(f"{review.label}: {review.state.value}{when}")
        late = [r.label for r in reviews if r.state.needs_attention]
        if late:
            raise CommandError(f"Needs attention: {', '.join(late)}.", returncode=1)
