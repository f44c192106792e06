"""When the pages the law asks a council to keep current are due for review.

The accessibility statement must be reviewed at least every 12 months (Public
Sector Bodies Accessibility Regulations 2018; QUALITY ACC-09); the privacy and
cookies notices must stay true to what the site does (UK GDPR Articles 12-13,
PECR), and we hold them to the same year. Each is the page chosen in the site
settings, and its review date is `StandardPage.last_reviewed_on`.
"""

import datetime
import enum
from dataclasses import dataclass

from wagtail.models import Page

from core.models import SiteSettings

REVIEW_EVERY = datetime.timedelta(days=365)
WARN_BEFORE = datetime.timedelta(days=30)

# The site settings' field for each page, with what residents call it.
STATUTORY_PAGES = {
    "accessibility_page": "Accessibility statement",
    "privacy_page": "Privacy notice",
    "cookies_page": "Cookies page",
}


class ReviewState(enum.Enum):
    NOT_CHOSEN = "No page is chosen in the site settings"
    NO_REVIEW_DATE = "Not a standard page: it cannot record a review date"
    NEVER_REVIEWED = "No review date is recorded"
    OVERDUE = "Review overdue"
    DUE_SOON = "Review due soon"
    IN_DATE = "Reviewed"

    @property
    def needs_attention(self) -> bool:
        return self is not ReviewState.IN_DATE


@dataclass(frozen=True)
class Review:
    label: str
    page: Page | None
    last_reviewed_on: datetime.date | None
    due_on: datetime.date | None
    state: ReviewState


def review_of(label: str, page: Page | None, today: datetime.date) -> Review:
    if page is None:
        return Review(label, None, None, None, ReviewState.NOT_CHOSEN)
    if not hasattr(page, "last_reviewed_on"):
        return Review(label, page, None, None, ReviewState.NO_REVIEW_DATE)
    reviewed_on = page.last_reviewed_on
    if reviewed_on is None:
        return Review(label, page, None, None, ReviewState.NEVER_REVIEWED)
    due_on = reviewed_on + REVIEW_EVERY
    if due_on < today:
        state = ReviewState.OVERDUE
    elif due_on - WARN_BEFORE <= today:
        state = ReviewState.DUE_SOON
    else:
        state = ReviewState.IN_DATE
    return Review(label, page, reviewed_on, due_on, state)


def statutory_reviews(site, today: datetime.date) -> list[Review]:
    """One review per statutory page of `site`, in a fixed order: two queries
    (the settings, then the chosen pages as their own types)."""
    settings = SiteSettings.for_site(site)
    chosen = {field: getattr(settings, f"{field}_id") for field in STATUTORY_PAGES}
    pages = Page.objects.filter(pk__in=[pk for pk in chosen.values() if pk])
    by_id = {page.pk: page for page in pages.specific()}
    return [
        review_of(label, by_id.get(chosen[field]), today)
        for field, label in STATUTORY_PAGES.items()
    ]
