"""Open data: committee business as JSON shaped like Open Civic Data
(https://open-civic-data.readthedocs.io): organizations, events, resolutions,
vote events and actions, at /api/ocd/ (committees/urls.py).

Only what the public pages show is here: live, public pages; never an
exempt (part two) item; resolutions, votes and actions only once the
meeting's minutes are published. People appear by name and role title only.

Each endpoint is one page of results (`?page=`, `?per_page=` up to
MAX_PER_PAGE) in a stable order, and makes the same number of queries
however much there is. Events, resolutions, votes and actions take filters
(committees/opendata_filters.py)."""

import mimetypes

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.formatting import iso_date
from core.forms import is_digits
from core.querysets import ListingPageQuerySet, public_pages, viewable_documents

from .actions import Action
from .enums import MeetingStatus, MotionResult
from .minutes import Motion, Resolution
from .models import (
    AgendaItemConsultation,
    AgendaItemPage,
    CommitteeMembership,
    CommitteePage,
    MeetingDocument,
    MeetingPage,
    membership_order,
)
from .opendata_filters import ActionFilters, EventFilters, Filters, RecordFilters

PER_PAGE = 50
MAX_PER_PAGE = 100
TIME_ZONE = "Europe/London"
VOTE_RESULTS = {
    MotionResult.CARRIED: "pass",
    MotionResult.LOST: "fail",
    MotionResult.WITHDRAWN: "withdrawn",
}


class BadRequest(Exception):
    pass


def json_response(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"indent": 1})
    # Public, read-only and sent without credentials: any site may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def endpoint(build):
    """A read-only JSON endpoint: `build(request)` gives a queryset and a
    function that turns one page of it into a list of results."""

    @require_safe
    def view(request):
        try:
            queryset, serialize = build(request)
            page, pagination = paginate(request, queryset)
        except BadRequest as error:
            return json_response({"error": str(error)}, status=400)
        except EmptyPage:
            return json_response({"error": "There is no such page."}, status=404)
        return json_response(
            {"results": serialize(request, page.object_list), "pagination": pagination}
        )

    view.__name__ = build.__name__
    view.__doc__ = build.__doc__
    return view


def filtered(filters_class, request, queryset):
    filters = filters_class(request)
    if not filters.is_valid():
        raise BadRequest(filters.problems())
    return filters.apply(queryset)


def positive_int(request, name, default, maximum=None):
    value = request.GET.get(name)
    if value is None or value == "":
        return default
    if not is_digits(value) or len(value) > 9:
        raise BadRequest(f"{name} must be a whole number from 1.")
    number = int(value)
    if number < 1 or (maximum is not None and number > maximum):
        limit = f" to {maximum}" if maximum else " upwards"
        raise BadRequest(f"{name} must be a whole number from 1{limit}.")
    return number


def paginate(request, queryset):
    per_page = positive_int(request, "per_page", PER_PAGE, MAX_PER_PAGE)
    number = positive_int(request, "page", 1)
    paginator = Paginator(queryset, per_page)
    page = paginator.page(number)  # EmptyPage beyond the last

    def link(to):
        query = request.GET.copy()
        query["page"] = to
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return page, {
        "page": page.number,
        "per_page": per_page,
        "max_page": paginator.num_pages,
        "total_items": paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": (
            link(page.previous_page_number()) if page.has_previous() else None
        ),
    }


def iso(moment):
    """An instant in UK time with its offset, "2026-06-11T14:00:00+01:00"."""
    return timezone.localtime(moment).isoformat() if moment else None


def identifier(meeting_starts_at, item_number, number):
    """A resolution's citation: "<meeting date>/<item>/<number>"."""
    day = timezone.localtime(meeting_starts_at).date().isoformat()
    return f"{day}/{item_number}/{number}"


def organization_ref(record):
    return {"id": record.committee_page_id, "name": record.committee_title}


def event_ref(record):
    return {
        "id": record.meeting_page_id,
        "name": record.meeting_title,
        "start_date": iso(record.meeting_starts_at),
    }


def item_ref(request, item):
    return {
        "order": item.item_number,
        "description": item.title,
        "url": item.get_full_url(request),
    }


def person_ref(person, with_role=False):
    if person is None:
        return None
    ref = {"name": person.display_name}
    if with_role:
        ref["role_title"] = person.role_title
    return ref


# Organizations: the committees, boards and panels


@endpoint
def organizations(request):
    """Committees, boards and panels, with their members and roles. No
    filters: one named is a 400, not a filter silently ignored."""
    committees = filtered(
        Filters,
        request,
        ListingPageQuerySet(CommitteePage)
        .live()
        .public()
        .defer_streamfields()
        .order_by("title", "pk")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=CommitteeMembership.objects.select_related("person"),
            )
        ),
    )

    def serialize(request, page):
        return [
            {
                "id": committee.pk,
                "name": committee.title,
                "classification": "committee",
                "description": committee.summary,
                "url": committee.get_full_url(request),
                "memberships": [
                    {
                        "person": person_ref(membership.person),
                        "role": membership.get_role_display(),
                    }
                    for membership in sorted(
                        committee.memberships.all(), key=membership_order
                    )
                ],
                "sources": [{"url": committee.get_full_url(request)}],
            }
            for committee in page
        ]

    return committees, serialize


# Events: meetings and their agendas


def public_documents():
    """Meeting papers, but none in a collection that restricts who may view it
    (or sits inside one that does)."""
    return viewable_documents(
        MeetingDocument.objects.select_related("document").order_by("sort_order", "pk")
    )


def meeting_status(meeting, now):
    if meeting.status == MeetingStatus.CANCELLED:
        return "cancelled"
    if meeting.status == MeetingStatus.POSTPONED:
        return "postponed"
    return "passed" if meeting.starts_at < now else "confirmed"


def agenda_of(meetings):
    """{meeting path: [its public items]}, each item with its published
    minutes' resolutions and motions and the consultations it considered, in
    four queries however many meetings and items there are."""
    consultations = AgendaItemConsultation.objects.filter(
        consultation__in=public_pages().live().public().values("pk")
    ).select_related("consultation")
    items = AgendaItemPage.objects.for_meetings(meetings).prefetch_related(
        "resolutions",
        "motions",
        Prefetch("consultations", queryset=consultations),
    )
    agendas = {}
    for item in items:
        agendas.setdefault(item.path[: -AgendaItemPage.steplen], []).append(item)
    return agendas


def agenda_item(request, item, minutes_published):
    related = []
    if minutes_published:
        related += [
            {
                "entity_type": "resolution",
                "id": resolution.pk,
                "name": resolution.text,
                "note": f"Resolution {resolution.number}",
            }
            for resolution in item.resolutions.all()
        ]
        related += [
            {"entity_type": "vote_event", "id": motion.pk, "name": motion.text}
            for motion in item.motions.all()
        ]
    related += [
        {
            "entity_type": "consultation",
            "id": link.consultation.pk,
            "name": link.consultation.title,
            "url": link.consultation.get_full_url(request),
        }
        for link in item.consultations.all()
    ]
    return {
        **item_ref(request, item),
        "notes": [item.summary] if item.summary else [],
        "related_entities": related,
    }


def document(request, paper):
    name = paper.document.file.name
    return {
        "note": paper.title or paper.document.title,
        "classification": paper.kind,
        "links": [
            {
                "media_type": mimetypes.guess_type(name)[0]
                or "application/octet-stream",
                "url": request.build_absolute_uri(paper.document.url),
            }
        ],
    }


@endpoint
def events(request):
    """Meetings, newest first, with their public agenda items."""
    meetings = filtered(
        EventFilters, request, MeetingPage.objects.for_open_data()
    ).prefetch_related(Prefetch("documents", queryset=public_documents()))

    def serialize(request, page):
        page = list(page)
        agendas = agenda_of(page)
        now = timezone.now()
        results = []
        for meeting in page:
            url = meeting.get_full_url(request)
            media = []
            if meeting.webcast_url:
                media.append(
                    {
                        "note": "Webcast",
                        "links": [
                            {"media_type": "text/html", "url": meeting.webcast_url}
                        ],
                    }
                )
            results.append(
                {
                    "id": meeting.pk,
                    "name": meeting.title,
                    "classification": "committee-meeting",
                    "start_date": iso(meeting.starts_at),
                    "end_date": iso(meeting.ends_at),
                    "timezone": TIME_ZONE,
                    "all_day": False,
                    "status": meeting_status(meeting, now),
                    "location": {"name": meeting.location},
                    "links": (
                        [{"note": "Join online", "url": meeting.online_url}]
                        if meeting.online_url
                        else []
                    ),
                    "media": media,
                    "documents": [
                        document(request, paper) for paper in meeting.documents.all()
                    ],
                    "participants": [
                        {
                            "entity_type": "organization",
                            "id": meeting.committee_page_id,
                            "name": meeting.committee_title,
                            "note": "host",
                        }
                    ],
                    "minutes_status": meeting.minutes_status,
                    "agenda": [
                        agenda_item(request, item, meeting.minutes_published)
                        for item in agendas.get(meeting.path, [])
                    ],
                    "url": url,
                    "sources": [{"url": url}],
                }
            )
        return results

    return meetings, serialize


# Resolutions, vote events and actions: the minutes' records


@endpoint
def resolutions(request):
    """Every published decision, newest meeting first (the decisions register)."""

    def serialize(request, page):
        return [
            {
                "id": resolution.pk,
                "identifier": identifier(
                    resolution.meeting_starts_at,
                    resolution.page.item_number,
                    resolution.number,
                ),
                "text": resolution.text,
                "report_section": resolution.report_section,
                "key_decision": resolution.key_decision,
                "call_in": {
                    "ends_on": iso_date(resolution.call_in_ends_on),
                    "called_in_on": iso_date(resolution.called_in_on),
                    "outcome": resolution.call_in_outcome or None,
                },
                "organization": organization_ref(resolution),
                "event": event_ref(resolution),
                "agenda_item": item_ref(request, resolution.page),
                "url": (
                    f"{resolution.page.get_full_url(request)}"
                    f"#resolution-{resolution.number}"
                ),
            }
            for resolution in page
        ]

    return filtered(
        RecordFilters, request, Resolution.objects.for_open_data()
    ), serialize


def counts(motion):
    options = (
        ("yes", motion.votes_for),
        ("no", motion.votes_against),
        ("abstain", motion.abstentions),
    )
    return [
        {"option": option, "value": value}
        for option, value in options
        if value is not None
    ]


@endpoint
def votes(request):
    """Motions put to the vote, with the result and the counts if counted."""

    def serialize(request, page):
        return [
            {
                "id": motion.pk,
                "motion_text": motion.text,
                "start_date": iso(motion.meeting_starts_at),
                "result": VOTE_RESULTS.get(motion.result, motion.result),
                "counts": counts(motion),
                "mover": person_ref(motion.mover),
                "seconder": person_ref(motion.seconder),
                "organization": organization_ref(motion),
                "event": event_ref(motion),
                "agenda_item": item_ref(request, motion.page),
            }
            for motion in page
        ]

    return filtered(RecordFilters, request, Motion.objects.for_open_data()), serialize


@endpoint
def actions(request):
    """Actions agreed at meetings, soonest due first (the action tracker)."""
    today = timezone.localdate()

    def serialize(request, page):
        results = []
        for action in page:
            resolution = action.resolution
            results.append(
                {
                    "id": action.pk,
                    "description": action.description,
                    "owner": person_ref(action.owner, with_role=True),
                    "due_date": iso_date(action.due_on),
                    "status": action.status,
                    "overdue": action.overdue,
                    "progress": [
                        {"date": iso_date(update.noted_on), "note": update.note}
                        for update in action.updates.all()
                    ],
                    "source": {
                        "organization": organization_ref(action),
                        "event": event_ref(action),
                        "agenda_item": item_ref(request, action.agenda_item),
                        "resolution": (
                            {
                                "id": resolution.pk,
                                "identifier": identifier(
                                    action.meeting_starts_at,
                                    action.agenda_item.item_number,
                                    resolution.number,
                                ),
                                "text": resolution.text,
                            }
                            if resolution
                            else None
                        ),
                    },
                }
            )
        return results

    return filtered(
        ActionFilters, request, Action.objects.for_open_data(today)
    ), serialize
