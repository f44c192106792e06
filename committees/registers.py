"""Public registers across committees: every meeting, every decision (with a
feed), every action and the forward plan, each with filters, served from
routes on CommitteeIndexPage."""

from typing import NamedTuple

from django.shortcuts import get_object_or_404
from django.utils import timezone

from core import moments
from core.content_generation import Memo
from core.formatting import iso_date
from core.pagination import paginate
from core.querysets import TreePosition
from core.spreadsheets import csv_response
from places.models import place_choices

from .actions import Action
from .feeds import DecisionsFeed, ForwardPlanFeed
from .forms import (
    ActionFilterForm,
    DecisionFilterForm,
    ForwardPlanFilterForm,
    MeetingFilterForm,
)
from .forward_plan import ForwardPlanEntry
from .minutes import Resolution
from .querysets import open_pages, public_committees

PER_PAGE = 20
# Rows fetched from the database at a time while a CSV download streams.
CSV_CHUNK = 500


class CommitteeChoice(NamedTuple):
    slug: str
    title: str
    path: str


def _committee_choices(section):
    committees = (
        public_committees(section)
        .order_by("title", "pk")
        .values_list("slug", "title", "path")
    )
    return tuple(CommitteeChoice(*row) for row in committees)


# Every register page and every filter of it lists the same committees.
_committees = Memo(_committee_choices)


def section_committees(section):
    """The section's live, public committees, for the filters' lists: only
    what a filter needs, kept per content generation."""
    return _committees.get(TreePosition.of(section))


def render_register(request, section, template, route, context):
    """A register page: `section`'s own context (its breadcrumbs and
    navigation) with the register's on top, and a link to the same list, with
    the same filters, as a CSV download (the route `<route>`'s `csv_route`,
    if it has one)."""
    path = section.reverse_subpage(route)
    query = context["filters"].query_prefix.rstrip("&")
    context.update(
        crumbs=[*section.routed_ancestors(), section],
        canonical_url=section.get_full_url(request) + path,
        register_url=section.get_url(request) + path,
    )
    if csv_route := context.pop("csv_route"):
        csv_url = section.get_url(request) + section.reverse_subpage(csv_route)
        context["csv_url"] = f"{csv_url}?{query}" if query else csv_url
    return section.render(request, template=template, context_overrides=context)


def meetings_register(request, section):
    """Every committee's meetings, as ModernGov's calendar lists them."""
    from .models import MeetingPage

    filters = MeetingFilterForm(request.GET, committees=section_committees(section))
    meetings = filters.apply(
        MeetingPage.objects.descendant_of(section).for_listing().with_committee_title(),
        timezone.now(),
    )
    return render_register(
        request,
        section,
        "committees/meetings.html",
        "meetings_register",
        {
            "filters": filters,
            "filtering": filters.is_filtering,
            "past": filters.past,
            "page_obj": paginate(
                request,
                meetings,
                PER_PAGE,
                # Upcoming and past change as meetings start (core.moments).
                count_key=(
                    "meetings",
                    section.pk,
                    filters.query_prefix,
                    moments.epoch(),
                ),
            ),
            "query_prefix": filters.query_prefix,
            "csv_route": None,
        },
    )


def decisions_register(request, section):
    filters = DecisionFilterForm(
        request.GET, committees=section_committees(section), places=place_choices()
    )
    resolutions = filters.apply(Resolution.objects.for_register())
    return render_register(
        request,
        section,
        "committees/decisions_register.html",
        "decisions_register",
        {
            "filters": filters,
            "filtering": filters.is_filtering,
            "page_obj": paginate(
                request,
                resolutions,
                PER_PAGE,
                count_key=("decisions", section.pk, filters.query_prefix),
            ),
            "query_prefix": filters.query_prefix,
            "csv_route": "decisions_csv",
        },
    )


def meeting_day(moment):
    """A meeting's date in UK time, as ISO 8601 for spreadsheets."""
    return iso_date(timezone.localtime(moment).date()) if moment else ""


# Where a record was agreed, in both registers' spreadsheets.
MEETING_COLUMNS = ["Committee", "Meeting", "Meeting date"]


def meeting_cells(record) -> list:
    """MEETING_COLUMNS for a record annotated with_meeting_and_committee()."""
    return [
        record.committee_title,
        record.meeting_title,
        meeting_day(record.meeting_starts_at),
    ]


def decisions_csv(request, section):
    """The decisions register, with the register's filters, as CSV."""
    filters = DecisionFilterForm(
        request.GET, committees=section_committees(section), places=place_choices()
    )
    resolutions = filters.apply(Resolution.objects.for_register()).defer("page__body")
    header = [
        *MEETING_COLUMNS,
        "Agenda item number",
        "Agenda item",
        "Resolution number",
        "Resolution",
        "Report section",
        "Key decision",
        "Call-in period ends",
        "Called in on",
        "Scrutiny's conclusion",
        "Link",
    ]
    rows = (
        [
            *meeting_cells(resolution),
            resolution.page.item_number,
            resolution.page.title,
            resolution.number,
            resolution.text,
            resolution.report_section,
            "Yes" if resolution.key_decision else "No",
            iso_date(resolution.call_in_ends_on),
            iso_date(resolution.called_in_on),
            resolution.get_call_in_outcome_display(),
            f"{resolution.page.get_full_url(request)}#resolution-{resolution.number}",
        ]
        for resolution in resolutions.iterator(chunk_size=CSV_CHUNK)
    )
    return csv_response("decisions.csv", header, rows)


def decisions_feed(request, section):
    return DecisionsFeed(section)(request)


def action_tracker(request, section):
    today = timezone.localdate()
    filters = ActionFilterForm(
        request.GET, committees=section_committees(section), places=place_choices()
    )
    actions = filters.apply(Action.objects.public().for_tracker(today), today)
    return render_register(
        request,
        section,
        "committees/action_tracker.html",
        "action_tracker",
        {
            "filters": filters,
            "filtering": filters.is_filtering,
            "page_obj": paginate(
                request,
                actions,
                PER_PAGE,
                count_key=("actions", section.pk, today, filters.query_prefix),
            ),
            "query_prefix": filters.query_prefix,
            "today": today,
            "csv_route": "actions_csv",
        },
    )


def actions_csv(request, section):
    """The action tracker, with the tracker's filters, as CSV."""
    today = timezone.localdate()
    filters = ActionFilterForm(
        request.GET, committees=section_committees(section), places=place_choices()
    )
    actions = filters.apply(Action.objects.public().for_tracker(today), today)
    header = [
        "Action",
        "Owner",
        "Owner's role",
        "Due date",
        "Status",
        "Overdue",
        "Latest progress note",
        "Date of latest progress note",
        *MEETING_COLUMNS,
        "Agenda item number",
        "Agenda item",
        "Resolution number",
        "Link",
    ]
    rows = (
        [
            action.description,
            action.owner.display_name,
            action.owner.role_title,
            iso_date(action.due_on),
            action.get_status_display(),
            "Yes" if action.overdue else "No",
            action.latest_note or "",
            iso_date(action.latest_note_on),
            *meeting_cells(action),
            action.agenda_item.item_number,
            action.agenda_item.title,
            action.resolution.number if action.resolution else "",
            action.agenda_item.get_full_url(request)
            + (f"#resolution-{action.resolution.number}" if action.resolution else ""),
        ]
        for action in actions.defer("agenda_item__body").iterator(chunk_size=CSV_CHUNK)
    )
    return csv_response("actions.csv", header, rows)


def latest_decisions(committee, limit=5):
    """The committee's newest public resolutions, newest meeting first."""
    return Resolution.objects.in_committee(committee).for_register()[:limit]


def forward_plan(request, section):
    """The forward plan: the decisions still to be taken, soonest first (or,
    filtered, those taken or withdrawn)."""
    filters = ForwardPlanFilterForm(request.GET, committees=section_committees(section))
    entries = filters.apply(ForwardPlanEntry.objects.for_listing())
    return render_register(
        request,
        section,
        "committees/forward_plan.html",
        "forward_plan",
        {
            "filters": filters,
            "filtering": filters.is_filtering,
            "state": filters.chosen_state,
            "page_obj": paginate(
                request,
                entries,
                PER_PAGE,
                count_key=("forward-plan", section.pk, filters.query_prefix),
            ),
            "query_prefix": filters.query_prefix,
            "today": timezone.localdate(),
            "csv_route": "forward_plan_csv",
        },
    )


def forward_plan_feed(request, section):
    return ForwardPlanFeed(section)(request)


def _followable(entry) -> set[int]:
    """Which of the pages an entry links to the public may open: live,
    public, not part two, and nothing above them unpublished. One query."""
    linked = [
        pk
        for pk in (entry.consultation_id, entry.decided_at_id, entry.committee_id)
        if pk
    ]
    if not linked:
        return set()
    return set(open_pages().filter(pk__in=linked).values_list("pk", flat=True))


def forward_plan_entry(request, section, slug):
    entry = get_object_or_404(ForwardPlanEntry.objects.for_entry_page(), slug=slug)
    followable = _followable(entry)
    plan_url = section.get_url(request) + section.reverse_subpage("forward_plan")
    path = section.reverse_subpage("forward_plan_entry", args=(slug,))
    return section.render(
        request,
        template="committees/forward_plan_entry.html",
        context_overrides={
            "entry": entry,
            "consultation": entry.consultation
            if entry.consultation_id in followable
            else None,
            "decided_at": entry.decided_at
            if entry.decided_at_id in followable
            else None,
            # Named in any case; linked only if the public may open it.
            "committee_linked": entry.committee_id in followable,
            # What the public may see of the decision, as the register shows it.
            "resolutions": Resolution.objects.public()
            .filter(page_id=entry.decided_at_id)
            .order_by("sort_order", "pk")
            if entry.decided_at_id
            else [],
            "today": timezone.localdate(),
            "crumbs": [*section.routed_ancestors(), section],
            "extra_crumbs": [{"title": "Forward plan", "url": plan_url}],
            "canonical_url": section.get_full_url(request) + path,
        },
    )


def forward_plan_csv(request, section):
    """The forward plan, with its filters, as CSV."""
    filters = ForwardPlanFilterForm(request.GET, committees=section_committees(section))
    entries = filters.apply(ForwardPlanEntry.objects.for_listing())
    header = [
        "Decision to be taken",
        "Summary",
        "Decision maker",
        "Date of decision",
        "Key decision",
        "First published",
        "Notice exception",
        "Why it cannot wait",
        "Taken in private because",
        "Status",
        "Date decided",
        "Date withdrawn",
        "Link",
    ]
    # Entry addresses: the plan's own, then the slug (forward_plan_entry).
    plan_url = section.get_full_url(request) + section.reverse_subpage("forward_plan")
    rows = (
        [
            entry.title,
            entry.summary,
            entry.deciders,
            iso_date(entry.expected_on),
            "Yes" if entry.key_decision else "No",
            iso_date(entry.first_published_on),
            entry.get_notice_exception_display(),
            entry.exception_reason,
            entry.private_reason,
            entry.state.label,
            iso_date(entry.decided_on),
            iso_date(entry.withdrawn_on),
            f"{plan_url}{entry.slug}/",
        ]
        for entry in entries.iterator(chunk_size=CSV_CHUNK)
    )
    return csv_response("forward-plan.csv", header, rows)
