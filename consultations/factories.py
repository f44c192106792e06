import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.rich_text import RichText

from core.factories import TaggedPageFactory

from .models import ConsultationIndexPage, ConsultationPage


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Have your say"
    slug = "have-your-say"

    class Meta:
        model = ConsultationIndexPage


class ConsultationPageFactory(TaggedPageFactory):
    title = factory.Sequence(lambda n: f"Consultation {n}")
    summary = "Tell us what you think of our proposals."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyAttribute(
        lambda o: o.opens_at + datetime.timedelta(weeks=12)
    )
    body = factory.LazyFunction(
        lambda: [("rich_text", RichText("<p>What we propose and why.</p>"))]
    )

    class Meta:
        model = ConsultationPage
        skip_postgeneration_save = True
