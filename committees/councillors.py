"""Councillors' public pages, as ModernGov's "Your councillors" shows them:
who they are, the committees they sit on, their register of interests, their
attendance record at meetings whose minutes are out, and the interests they
declared at them.

Only councillors on at least one committee the public may see have a page:
officers and others named in minutes are not public figures. Everything shown
comes from public records: live committees, and meetings with published
minutes (neither below an unpublished page nor behind a view restriction).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils import timezone
from wagtail.models import Page

from .enums import (
    AttendanceCapacity,
    AttendanceStatus,
    InterestCategory,
    MeetingStatus,
    MinutesStatus,
    PersonKind,
)
from .people import Person, RegisteredInterest
from .querysets import MinutesRecordQuerySet, public_committees

# What an attendance record counts as, in the record's columns.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE)


def councillors_with_pages(section):
    """The councillors on the section's public committees, by name: those
    with a page."""
    from .models import CommitteeMembership

    on_public_committee = CommitteeMembership.objects.filter(
        person=OuterRef("pk"), page__in=public_committees(section).values("pk")
    )
    return Person.objects.filter(
        Exists(on_public_committee), kind=PersonKind.COUNCILLOR
    ).order_by("name", "pk")


def councillors(section):
    """councillors_with_pages(), each with their public memberships
    (`public_memberships`) in one more query."""
    from .models import CommitteeMembership

    memberships = (
        CommitteeMembership.objects.filter(
            page__in=public_committees(section).values("pk")
        )
        .select_related("page")
        .order_by("page__title", "pk")
    )
    return councillors_with_pages(section).prefetch_related(
        Prefetch(
            "committee_memberships",
            queryset=memberships,
            to_attr="public_memberships",
        )
    )


def councillor(section, slug):
    """The councillor, with their public memberships and their register of
    interests, or a 404."""
    found = (
        councillors(section)
        .filter(slug=slug)
        .prefetch_related(
            Prefetch(
                "registered_interests",
                queryset=RegisteredInterest.objects.order_by("sort_order", "pk"),
            )
        )
        .first()
    )
    if found is None:
        raise Http404("No such councillor")
    return found


@dataclass(frozen=True)
class AttendanceRecord:
    committee: Page
    expected: int  # meetings they were recorded at as a member
    attended: int
    apologies: int
    absent: int


def attendance_record(person, memberships) -> list[AttendanceRecord]:
    """Per committee of `memberships`, the meetings held with minutes out at
    which the person was recorded as a member: one query."""
    from .models import MeetingAttendance, MeetingPage

    committees = {membership.page.path: membership.page for membership in memberships}
    held = MeetingPage.objects.for_listing().filter(
        status=MeetingStatus.SCHEDULED,
        starts_at__lt=timezone.now(),
        minutes_status__in=MinutesStatus.published(),
    )
    records = MeetingAttendance.objects.filter(
        person=person, capacity=AttendanceCapacity.MEMBER, page__in=held.values("pk")
    ).values_list("page__path", "status")
    counts = defaultdict(Counter)
    for meeting_path, status in records:
        committee_path = meeting_path[: -Page.steplen]
        if committee_path in committees:
            counts[committee_path][status] += 1
    return [
        AttendanceRecord(
            committee=committee,
            expected=sum(counts[path].values()),
            attended=sum(counts[path][status] for status in ATTENDED),
            apologies=counts[path][AttendanceStatus.APOLOGIES],
            absent=counts[path][AttendanceStatus.ABSENT],
        )
        for path, committee in committees.items()
    ]


def register_of_interests(person) -> list[tuple[str, list]]:
    """(category, entries) for every category, in the regulations' order,
    as registers are published: an empty one reads "None"."""
    entries = defaultdict(list)
    for interest in person.registered_interests.all():
        entries[interest.category].append(interest)
    return [(label, entries[value]) for value, label in InterestCategory.choices]


def declarations(person, limit=20):
    """The interests the person declared at items whose minutes are out,
    newest meeting first."""
    from .minutes import Declaration

    return (
        MinutesRecordQuerySet(Declaration)
        .public()
        .filter(person=person)
        .with_meeting_and_committee()
        .select_related("page")
        .defer("page__body")
        .order_by("-meeting_starts_at", "page__path", "sort_order", "pk")[:limit]
    )


def by_surname(person):
    """Councils list councillors by surname: the last word of the name."""
    return (person.name.split()[-1].casefold() if person.name else "", person.name)


def councillors_page(request, section):
    return section.render(
        request,
        template="committees/councillors.html",
        context_overrides={
            "councillors": sorted(councillors(section), key=by_surname),
            "crumbs": [*section.routed_ancestors(), section],
            "canonical_url": section.get_full_url(request)
            + section.reverse_subpage("councillors"),
        },
    )


def councillor_page(request, section, slug):
    person = councillor(section, slug)
    path = section.reverse_subpage("councillor", args=(slug,))
    list_url = section.get_url(request) + section.reverse_subpage("councillors")
    return section.render(
        request,
        template="committees/councillor.html",
        context_overrides={
            "person": person,
            "attendance": attendance_record(person, person.public_memberships),
            "interests": register_of_interests(person),
            "declarations": declarations(person),
            "crumbs": [*section.routed_ancestors(), section],
            "extra_crumbs": [{"title": "Councillors", "url": list_url}],
            "canonical_url": section.get_full_url(request) + path,
        },
    )
