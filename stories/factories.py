import datetime

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from .models import StoryIndexPage, StoryPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Success stories"
    slug = "success-stories"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Story {n}")
    published_on = factory.Sequence(
        lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n)
    )
    summary = "What changed, and who made it happen."
    body = factory.LazyFunction(
        lambda: [("rich_text", RichText("<p>How the community made a difference.</p>"))]
    )

    class Meta:
        model = StoryPage
