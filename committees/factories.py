import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import CommitteeIndexPage, CommitteePage, MeetingPage


class CommitteeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Meetings and decisions"
    slug = "meetings-and-decisions"

    class Meta:
        model = CommitteeIndexPage


class CommitteePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Committee {n}")
    summary = "Oversees a service area on behalf of the council."

    class Meta:
        model = CommitteePage


class MeetingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=14)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "Council Chamber, Civic Centre"

    class Meta:
        model = MeetingPage
