"""The admin dashboard's reminder that statutory pages are due for review."""

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from .reviews import statutory_reviews


class StatutoryReviewsPanel(Component):
    name = "statutory_reviews"
    template_name = "home/dashboard/statutory_reviews.html"
    order = 90  # above Wagtail's own panels: these dates are legal duties

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        # Wagtail falls back to the default site itself; None if there is none.
        site = Site.find_for_request(self.request)
        if site is None:
            return {"shown": False}
        user = self.request.user
        rows = [
            (
                review,
                review.page is not None
                and review.page.permissions_for_user(user).can_edit(),
            )
            for review in statutory_reviews(site, timezone.localdate())
        ]
        return {
            "rows": rows,
            "shown": user.is_superuser or any(can_edit for _, can_edit in rows),
            "attention": sum(review.state.needs_attention for review, _ in rows),
        }
