import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .enums import (
    ActionStatus,
    AttendanceCapacity,
    AttendanceChange,
    AttendanceStatus,
    DeclarationCategory,
    MembershipRole,
    MinutesStatus,
    MotionResult,
    PersonKind,
)
from .models import (
    Action,
    ActionUpdate,
    AgendaItemConsultation,
    AgendaItemDocument,
    AgendaItemPage,
    AttendanceEvent,
    CommitteeIndexPage,
    CommitteeMembership,
    CommitteePage,
    Declaration,
    KeyPoint,
    MeetingAttendance,
    MeetingDocument,
    MeetingPage,
    Motion,
    Person,
    PublicQuestion,
    Resolution,
    Witness,
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
    minutes_status = MinutesStatus.NONE

    class Meta:
        model = MeetingPage

    class Params:
        # A meeting held a week ago whose draft minutes are published.
        with_minutes = factory.Trait(
            starts_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(days=7)
            ),
            minutes_status=MinutesStatus.DRAFT,
        )


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


class MeetingDocumentFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(MeetingPageFactory)
    document = factory.SubFactory(wagtail_factories.DocumentFactory)

    class Meta:
        model = MeetingDocument


class DeclarationFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AgendaItemPageFactory)
    person = factory.SubFactory(PersonFactory)
    category = DeclarationCategory.OTHER_REGISTRABLE
    nature = "Trustee of a local charity named in the report"

    class Meta:
        model = Declaration


class WitnessFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AgendaItemPageFactory)
    person = factory.SubFactory(PersonFactory, title="", kind=PersonKind.OFFICER)

    class Meta:
        model = Witness


class KeyPointFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AgendaItemPageFactory)
    raised_by = "A Board member"
    point = "<p>Asked how the work would reach people who do not usually take part.</p>"

    class Meta:
        model = KeyPoint


class AttendanceEventFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AgendaItemPageFactory)
    person = factory.SubFactory(PersonFactory)
    change = AttendanceChange.LEFT
    at = datetime.time(15, 25)

    class Meta:
        model = AttendanceEvent


class PublicQuestionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AgendaItemPageFactory)
    asked_by = "A resident of Hillside ward"
    question = "When will the new crossing on Station Road be built?"
    answer = "<p>Work is planned to start in the spring.</p>"

    class Meta:
        model = PublicQuestion


class MotionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AgendaItemPageFactory)
    text = "That the recommendations in the report be agreed."
    mover = factory.SubFactory(PersonFactory)
    seconder = factory.SubFactory(PersonFactory)
    votes_for = 7
    votes_against = 2
    abstentions = 1
    result = MotionResult.CARRIED

    class Meta:
        model = Motion


class ResolutionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AgendaItemPageFactory)
    text = factory.Sequence(lambda n: f"Agreed recommendation {n} of the report.")
    report_section = "5.2"

    class Meta:
        model = Resolution


class ActionFactory(factory.django.DjangoModelFactory):
    agenda_item = factory.SubFactory(AgendaItemPageFactory)
    description = factory.Sequence(lambda n: f"Report back on question {n}.")
    owner = factory.SubFactory(PersonFactory, title="", kind=PersonKind.OFFICER)
    due_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )
    status = ActionStatus.OPEN

    class Meta:
        model = Action


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    action = factory.SubFactory(ActionFactory)
    note = "Met the partners; a draft is being written."

    class Meta:
        model = ActionUpdate
