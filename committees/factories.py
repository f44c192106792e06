import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .enums import AttendanceCapacity, AttendanceStatus, MembershipRole, PersonKind
from .models import (
    AgendaItemConsultation,
    AgendaItemDocument,
    AgendaItemPage,
    CommitteeIndexPage,
    CommitteeMembership,
    CommitteePage,
    MeetingAttendance,
    MeetingPage,
    Person,
)


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


class PersonFactory(factory.django.DjangoModelFactory):
    title = "Cllr"
    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = "Northvale Council"
    kind = PersonKind.COUNCILLOR

    class Meta:
        model = Person


class CommitteeMembershipFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(CommitteePageFactory)
    person = factory.SubFactory(PersonFactory)
    role = MembershipRole.MEMBER

    class Meta:
        model = CommitteeMembership


class MeetingAttendanceFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(MeetingPageFactory)
    person = factory.SubFactory(PersonFactory)
    status = AttendanceStatus.PRESENT
    capacity = AttendanceCapacity.MEMBER

    class Meta:
        model = MeetingAttendance


class AgendaItemPageFactory(wagtail_factories.PageFactory):
    item_number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    summary = "What the item is for, in a few sentences."

    class Meta:
        model = AgendaItemPage


class AgendaItemDocumentFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AgendaItemPageFactory)
    document = factory.SubFactory(wagtail_factories.DocumentFactory)

    class Meta:
        model = AgendaItemDocument


class AgendaItemConsultationFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AgendaItemPageFactory)

    class Meta:
        model = AgendaItemConsultation
