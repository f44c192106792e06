"""What happened after a consultation, as one dated timeline: the
consultation's own dates, the notice of the decision it informs (the forward
plan), the committee items that considered it with their resolutions and the
actions agreed, and the success stories that tell of the outcome.

Every step is a link between records (AgendaItemConsultation,
ForwardPlanEntry.consultation, Action.agenda_item, StoryRelatedPage), never
text, and only what the public may see is shown: public, not part-two items
of published minutes, and live, public stories. A bounded number of queries,
however long the thread.

A consultation's page is never cached whole (it carries a form), so each
worker keeps the thread it builds for the content generation, the day and
the site (consultation_thread()); any change to content builds it afresh."""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Exists, OuterRef
from django.utils import timezone
from wagtail.models import Site

from core.content_generation import Memo

from .enums import ConsultationStatus


@dataclass(frozen=True)
class Step:
    """One dated step of the timeline, with the resolutions and actions of
    an agenda item listed under it; `upcoming` marks a date still to come."""

    day: datetime.date
    kind: str
    title: str
    url: str | None = None
    detail: str = ""
    resolutions: tuple = field(default_factory=tuple)
    actions: tuple = field(default_factory=tuple)
    upcoming: bool = False
    # A decision taken at a meeting item: its step is the item's, if shown.
    decided_at_id: int | None = None


class Thread(NamedTuple):
    """What followed a consultation: the forward plan's entries that name
    it, withdrawn ones included, and its timeline (empty while it is open)."""

    notices: list
    timeline: list


class ThreadKey(NamedTuple):
    consultation_pk: int
    status: str
    today: datetime.date
    site_pk: int | None


def consultation_thread(consultation, status, request) -> Thread:
    """`consultation`'s thread as its page shows it on `request`'s site,
    kept for the content generation; a preview's is built from the page in
    hand, which may differ from the live one."""
    if consultation.pk is None:
        # A new page previewed before its first save: nothing links to it yet.
        return Thread([], [])
    site = Site.find_for_request(request)
    today = timezone.localdate()
    if getattr(request, "is_preview", False):
        return build_thread(consultation, status, site, today)
    return _threads.get(
        ThreadKey(consultation.pk, status, today, site.pk if site else None),
        # The live page in hand: what routing served for this generation.
        build=lambda: build_thread(consultation, status, site, today),
    )


_threads = Memo(max_entries=1000)


def build_thread(consultation, status, site, today) -> Thread:
    notices = list(
        consultation.planned_decisions.for_listing().order_by("expected_on", "pk")
    )
    closed = status in (ConsultationStatus.CLOSED, ConsultationStatus.OUTCOME_PUBLISHED)
    timeline = (
        consultation_timeline(consultation, status, site, notices, today)
        if closed
        else []
    )
    return Thread(notices, timeline)


def consultation_timeline(consultation, status, site, notices, today) -> list[Step]:
    """The consultation's steps in date order (a step still to come, such as
    the date a decision is expected, last among its day). `notices`: the
    forward plan entries that name the consultation. Only for a closed
    consultation (`status`) on `today`; links are relative on `site`."""
    steps = _consultation_steps(consultation, status)
    steps += _notice_steps(notices, today)
    items = _considering_items(consultation)
    shown = {item.pk for item in items}
    # A decision taken at an item shown below is told by the item's step.
    steps = [step for step in steps if step.decided_at_id not in shown]
    steps += _item_steps(items, site)
    steps += _story_steps(consultation, site)
    if all(step.kind in ("opened", "closed") for step in steps):
        return []  # nothing has followed yet that the page does not say
    return sorted(steps, key=lambda step: (step.day, step.upcoming))


def _day(moment) -> datetime.date:
    return timezone.localtime(moment).date()


def _consultation_steps(consultation, status) -> list[Step]:
    steps = [
        Step(_day(consultation.opens_at), "opened", "Consultation opened"),
        Step(_day(consultation.closes_at), "closed", "Consultation closed"),
    ]
    if status == ConsultationStatus.OUTCOME_PUBLISHED:
        steps.append(
            Step(
                _day(consultation.outcome_published_at),
                "outcome",
                "We published what you said and what we did",
                url="#outcome-heading",
            )
        )
    return steps


def _notice_steps(notices, today) -> list[Step]:
    from committees.forward_plan import PlanState

    steps = []
    for entry in notices:
        upcoming = entry.state == PlanState.UPCOMING
        steps.append(
            Step(
                entry.first_published_on,
                "notice",
                f"Notice of a decision: {entry.title}",
                url=entry.url,
                detail=f"{'To be decided' if upcoming else 'Decision'} by "
                f"{entry.deciders}",
            )
        )
        if entry.state == PlanState.DECIDED and entry.decided_on:
            steps.append(
                Step(
                    entry.decided_on,
                    "decided",
                    f"Decision taken: {entry.title}",
                    url=entry.url,
                    detail=f"By {entry.deciders}",
                    decided_at_id=entry.decided_at_id,
                )
            )
        elif entry.state == PlanState.WITHDRAWN:
            steps.append(
                Step(
                    entry.withdrawn_on,
                    "withdrawn",
                    f"Decision withdrawn: {entry.title}",
                    url=entry.url,
                    detail=entry.withdrawal_reason,
                )
            )
        elif entry.state == PlanState.UPCOMING and entry.expected_on >= today:
            steps.append(
                Step(
                    entry.expected_on,
                    "expected",
                    f"Decision expected: {entry.title}",
                    url=entry.url,
                    detail=f"By {entry.deciders}, on or after this date",
                    upcoming=True,
                )
            )
    return steps


def _considering_items(consultation) -> list:
    """The public agenda items that considered the consultation, of meetings
    whose minutes are out, with their meetings: one query."""
    from committees.models import AgendaItemConsultation, AgendaItemPage

    considered = AgendaItemConsultation.objects.filter(
        page=OuterRef("pk"), consultation=consultation
    )
    return list(
        AgendaItemPage.objects.with_public_minutes()
        .filter(Exists(considered))
        .select_related("meeting")
        .defer_streamfields()
        .defer("meeting__body")
        .order_by("meeting__starts_at", "path")
    )


def _item_steps(items, site) -> list[Step]:
    from committees.actions import Action
    from committees.minutes import Resolution

    if not items:
        return []
    # The items are public, with their minutes out: so are their records.
    resolutions, actions = {}, {}
    for resolution in Resolution.objects.filter(page__in=items).order_by(
        "sort_order", "pk"
    ):
        resolutions.setdefault(resolution.page_id, []).append(resolution)
    for action in (
        Action.objects.filter(agenda_item__in=items)
        .select_related("owner")
        .order_by("due_on", "pk")
    ):
        actions.setdefault(action.agenda_item_id, []).append(action)
    return [
        Step(
            _day(item.meeting.starts_at),
            "considered",
            f"Considered at {item.meeting.title}",
            url=item.get_url(current_site=site),
            detail=item.heading,
            resolutions=tuple(resolutions.get(item.pk, ())),
            actions=tuple(actions.get(item.pk, ())),
        )
        for item in items
    ]


def _story_steps(consultation, site) -> list[Step]:
    """Stories linked to the consultation itself (a story linked to a
    meeting may tell of another of its items)."""
    from stories.models import StoryPage, StoryRelatedPage

    stories = StoryPage.objects.for_listing().filter(
        Exists(StoryRelatedPage.objects.filter(story=OuterRef("pk"), page=consultation))
    )
    return [
        Step(
            story.published_on,
            "story",
            f"Story: {story.title}",
            url=story.get_url(current_site=site),
            detail=story.summary,
        )
        for story in stories
    ]
