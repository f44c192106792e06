import datetime

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from core.factories import TaggedPageFactory

from .models import QuotedPerson, StoryIndexPage, StoryPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Success stories"
    slug = "success-stories"

    class Meta:
        model = StoryIndexPage


class QuotedPersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Coordinator"
    organisation = "Northvale Community Pantry"
    consent_recorded = True
    consent_recorded_on = datetime.date(2026, 9, 1)
    consent_expires_on = None

    class Meta:
        model = QuotedPerson


class StoryPageFactory(TaggedPageFactory):
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
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.areas.set(extracted)
            if create:
                self.save()
