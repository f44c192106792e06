"""Committees, meetings, agenda items, minutes and actions at the sizes a
council's committee system reaches over a few years."""

import datetime

from django.utils import timezone

from core.scale import add_children, in_batches

from .actions import Action, ActionUpdate
from .enums import ActionStatus, MembershipRole, MinutesStatus, PersonKind
from .minutes import KeyPoint, Resolution
from .models import (
    AgendaItemPage,
    CommitteeIndexPage,
    CommitteeMembership,
    CommitteePage,
    MeetingPage,
)
from .people import Person, unique_slug

TOPICS = [
    "Adult Social Care",
    "Children's Services",
    "Planning",
    "Licensing",
    "Audit",
    "Environment",
    "Housing",
    "Transport",
    "Health",
    "Finance",
]
ITEM_TITLES = [
    "Budget monitoring",
    "Performance report",
    "Annual report",
    "Work programme",
    "Local plan update",
    "Contract award",
    "Fees and charges",
    "Petition",
    "Risk register",
    "Community safety plan",
]
MEMBERS_PER_COMMITTEE = 8
DAY = datetime.timedelta(days=1)


def build(scale, home):
    rng = scale.rng
    index = CommitteeIndexPage.objects.child_of(home).get()

    # bulk_create skips Person.save(), which gives each a unique slug.
    taken = set(Person.objects.values_list("slug", flat=True))
    people = []
    for n in range(scale.committees * 6 + 50):
        name = f"Scale Person {n + 1}"
        slug = unique_slug(name, taken)
        taken.add(slug)
        people.append(
            Person(
                title="Cllr" if n % 5 else "",
                name=name,
                slug=slug,
                role_title="" if n % 5 else "Service Director",
                organisation="Northvale Council",
                kind=PersonKind.COUNCILLOR if n % 5 else PersonKind.OFFICER,
            )
        )
    people = Person.objects.bulk_create(people)

    progress = scale.progress("committees", scale.committees)
    committees = add_children(
        index,
        (
            CommitteePage(
                title=f"{TOPICS[n % len(TOPICS)]} Committee {n // len(TOPICS) + 1}",
                slug=f"scale-committee-{n + 1}",
                summary="Oversees a service area on behalf of the council.",
            )
            for n in range(scale.committees)
        ),
        progress,
    )
    progress.finish()
    roles = [MembershipRole.CHAIR, MembershipRole.VICE_CHAIR] + [
        MembershipRole.MEMBER
    ] * (MEMBERS_PER_COMMITTEE - 2)
    in_batches(
        (
            CommitteeMembership(page=committee, person=person, role=role, sort_order=n)
            for committee in committees
            for n, (person, role) in enumerate(
                zip(rng.sample(people, MEMBERS_PER_COMMITTEE), roles, strict=True)
            )
        ),
        CommitteeMembership,
    )

    progress = scale.progress("meetings", scale.meetings)
    meetings = []
    first_day = timezone.localdate(scale.now) - 3 * 365 * DAY
    for committee, count in zip(
        committees, scale.spread(scale.meetings, len(committees)), strict=True
    ):
        batch = []
        for n in range(count):
            day = first_day + (4 * 365 * (n + rng.random()) / max(count, 1)) * DAY
            starts_at = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(14))
            )
            held = starts_at < scale.now
            approved = held and starts_at < scale.now - 60 * DAY
            batch.append(
                MeetingPage(
                    title=f"{committee.title}, {day:%B %Y}",
                    slug=f"meeting-{n + 1}",
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(hours=2, minutes=30),
                    location="Council Chamber, Civic Centre",
                    minutes_status=(
                        MinutesStatus.APPROVED
                        if approved
                        else MinutesStatus.DRAFT
                        if held
                        else MinutesStatus.NONE
                    ),
                    minutes_approved_on=(starts_at + 42 * DAY).date()
                    if approved
                    else None,
                )
            )
        meetings += add_children(committee, batch, progress)
    progress.finish()

    progress = scale.progress("agenda items", scale.agenda_items)
    items = []
    for meeting, count in zip(
        meetings, scale.spread(scale.agenda_items, len(meetings)), strict=True
    ):
        items += add_children(
            meeting,
            (
                AgendaItemPage(
                    title=rng.choice(ITEM_TITLES),
                    slug=f"item-{n + 1}",
                    item_number=str(n + 1),
                    summary="The report asks the committee to note progress and "
                    "agree the recommendations.",
                    is_exempt=rng.random() < 0.02,
                )
                for n in range(count)
            ),
            progress,
        )
    progress.finish()

    minuted = [
        item
        for item in items
        if item._cached_parent_obj.minutes_status != MinutesStatus.NONE
    ]
    in_batches(
        (
            KeyPoint(
                page=item,
                sort_order=n,
                raised_by="A Member",
                point="<p>Asked how the proposals would affect residents.</p>",
                responded_by="the Director",
                response="<p>Explained the expected effects and the safeguards.</p>",
            )
            for item in minuted
            for n in range(2)
        ),
        KeyPoint,
    )

    progress = scale.progress("resolutions", scale.resolutions)
    resolutions = []
    targets = minuted or items
    for item, count in zip(
        targets, scale.spread(scale.resolutions, len(targets)), strict=True
    ):
        resolutions += [
            Resolution(
                page=item,
                sort_order=n,
                text=f"Agreed recommendation {n + 1} of the report on "
                f"{item.title.lower()}.",
                report_section=f"{rng.randint(2, 9)}.{rng.randint(1, 6)}",
            )
            for n in range(count)
        ]
    # bulk_create sets each primary key (PostgreSQL and SQLite both return them).
    in_batches(resolutions, Resolution, progress=progress)
    progress.finish()

    progress = scale.progress("actions", scale.actions)
    officers = [person for person in people if person.kind == PersonKind.OFFICER]
    today = timezone.localdate(scale.now)
    actions = [
        Action(
            description=f"Report back to the committee on resolution {n + 1}.",
            agenda_item_id=resolution.page_id,
            resolution=resolution,
            owner=rng.choice(officers),
            due_on=today + rng.randint(-365, 180) * DAY,
            status=rng.choice(ActionStatus.values),
        )
        for n, resolution in enumerate(
            rng.sample(resolutions, min(scale.actions, len(resolutions)))
        )
    ]
    in_batches(actions, Action, progress=progress)
    progress.finish()
    in_batches(
        (
            ActionUpdate(
                action=action,
                sort_order=0,
                noted_on=today - rng.randint(1, 90) * DAY,
                note="Work is under way; an update will follow.",
            )
            for action in actions[: len(actions) // 2]
        ),
        ActionUpdate,
    )
