import functools

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from core.querysets import (
    ListingPageQuerySet,
    any_view_restrictions,
    outside_unpublished_sections,
    public_pages,
    restricted_at_or_above,
    viewable_documents,
)

from .enums import ActionStatus, MeetingStatus, MinutesStatus


class MeetingQuerySet(ListingPageQuerySet):
    def upcoming(self, moment):
        return self.filter(starts_at__gte=moment, status=MeetingStatus.SCHEDULED)

    def with_committee_title(self):
        """Annotate each meeting with its committee's (parent page's) title in
        the same query, so a list of meetings never fetches parents one by one."""
        parent_path = Substr(
            OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen
        )
        return self.annotate(
            committee_title=Subquery(
                Page.objects.filter(path=parent_path).values("title")[:1]
            )
        )

    def for_listing(self):
        return self.live().public().defer_streamfields()

    def for_open_data(self):
        """Meetings for /api/ocd/events/: newest first, each with its
        committee's title and id in the same query."""
        parent = Page.objects.filter(path=ancestor_path(OuterRef("path"), 1))
        return (
            self.for_listing()
            .annotate(
                committee_title=Subquery(parent.values("title")[:1]),
                committee_page_id=Subquery(parent.values("pk")[:1]),
            )
            .order_by(F("starts_at").desc(), "pk")
        )

    def for_homepage(self, moment, limit):
        return (
            self.for_listing()
            .upcoming(moment)
            .with_committee_title()
            .order_by(F("starts_at").asc(), "pk")[:limit]
        )


class AgendaItemQuerySet(ListingPageQuerySet):
    def public_items(self):
        """Live, publicly viewable items that are not exempt (part two).
        Every public listing of agenda items starts here."""
        return self.live().public().filter(is_exempt=False)

    def with_public_minutes(self):
        """Public items whose minutes are out: the meeting is live with draft
        or approved minutes and nothing above it is unpublished. Their records
        are the ones MinutesRecordQuerySet.public() shows."""
        return self.public_items().filter(
            meeting__live=True,
            meeting__minutes_status__in=MinutesStatus.published(),
        )

    def coming_up(self, moment):
        """Public items of scheduled meetings still to start, soonest first,
        each with its meeting's start and title and its committee's title in
        the same query."""
        committee = Page.objects.filter(
            path=ancestor_path(OuterRef("meeting__path"), 1)
        )
        return (
            self.public_items()
            .filter(
                meeting__live=True,
                meeting__status=MeetingStatus.SCHEDULED,
                meeting__starts_at__gte=moment,
            )
            .defer_streamfields()
            .annotate(
                meeting_starts_at=F("meeting__starts_at"),
                meeting_title=F("meeting__title"),
                committee_title=Subquery(committee.values("title")[:1]),
            )
            .order_by("meeting__starts_at", "path")
        )

    def for_meetings(self, meetings):
        """The public (not exempt) items of several meetings in one query, in
        page-tree order: the open data's agendas. Exempt items are left out
        altogether, not even their number."""
        within = Q()
        for meeting in meetings:
            within |= Q(path__startswith=meeting.path, depth=meeting.depth + 1)
        if not within:
            return self.none()
        return self.public_items().filter(within).defer_streamfields().order_by("path")

    def for_meeting(self, meeting):
        """A meeting's agenda in page-tree order, exempt items included (the
        meeting page shows only their number), with each item's report documents
        in one more query. Prefetch anything else a listing shows here too; the
        minutes come from prefetch_minutes()."""
        from .models import AgendaItemDocument

        return (
            self.child_of(meeting)
            .live()
            .public()
            .defer_streamfields()
            .order_by("path")
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=viewable_documents(
                        AgendaItemDocument.objects.select_related("document")
                    ).order_by("sort_order", "pk"),
                ),
            )
        )


# The relations from an agenda item to each kind of record in its minutes.
MINUTES_KINDS = (
    "declarations",
    "witnesses",
    "key_points",
    "attendance_events",
    "public_questions",
    "motions",
    "resolutions",
    "actions",
)


def prefetch_minutes(items, page):
    """Load the minutes of `items`, agenda item pages (a list) under `page`
    (their meeting, or the one item): one query per kind of record that `page`
    has between its items, and none for the kinds it has none of, which are
    loaded as empty. Exempt items are loaded too (harmless: templates show
    nothing of them but their number)."""
    from .models import AgendaItemPage

    if not items:
        return
    present = minutes_kinds_present(page)
    prefetch_related_objects(
        items,
        *(lookup for lookup in _minutes_lookups() if lookup.prefetch_to in present),
    )
    for kind in set(MINUTES_KINDS) - present:
        # What Django's prefetch leaves for a relation with no rows, without
        # building a queryset per item to find that out.
        none = AgendaItemPage._meta.get_field(kind).related_model.objects.none()
        none._result_cache, none._prefetch_done = [], True
        for item in items:
            vars(item).setdefault("_prefetched_objects_cache", {})[kind] = none


def _minutes_lookups():
    """What an agenda item's minutes show, each kind of record in one query
    however many items there are."""
    from .actions import Action
    from .minutes import AttendanceEvent, Declaration, Motion, PublicQuestion, Witness

    return [
        Prefetch("declarations", queryset=Declaration.objects.select_related("person")),
        Prefetch("witnesses", queryset=Witness.objects.select_related("person")),
        Prefetch("key_points"),
        Prefetch(
            "attendance_events",
            queryset=AttendanceEvent.objects.select_related("person").order_by(
                "at", "pk"
            ),
        ),
        Prefetch(
            "public_questions",
            queryset=PublicQuestion.objects.select_related("answered_by"),
        ),
        Prefetch(
            "motions", queryset=Motion.objects.select_related("mover", "seconder")
        ),
        Prefetch("resolutions"),
        Prefetch(
            "actions",
            queryset=Action.objects.select_related("owner", "resolution").order_by(
                "resolution__sort_order", "pk"
            ),
        ),
    ]


def minutes_kinds_present(page) -> set[str]:
    """The kinds of record (MINUTES_KINDS) in the minutes under `page`, a
    meeting or an agenda item, in one query. Most items' minutes hold only a
    few kinds, and fetching each kind costs a query of its own."""
    from .models import MeetingPage

    via_meeting = isinstance(page, MeetingPage)
    with connection.cursor() as cursor:
        cursor.execute(_kinds_present_sql(via_meeting), [page.pk] * len(MINUTES_KINDS))
        return {kind for (kind,) in cursor.fetchall()}


@functools.cache
def _kinds_present_sql(via_meeting: bool) -> str:
    # Plain SQL, built once from the models' tables: through the ORM, eight
    # EXISTS subqueries took longer to build than the queries they save.
    from .models import AgendaItemPage

    quote = connection.ops.quote_name
    items = AgendaItemPage._meta
    checks = []
    for kind in MINUTES_KINDS:
        relation = items.get_field(kind)
        records = quote(relation.related_model._meta.db_table)
        item_key = f"r.{quote(relation.field.column)}"
        if via_meeting:
            source = (
                f"{records} r JOIN {quote(items.db_table)} i "
                f"ON {item_key} = i.{quote(items.pk.column)} "
                f"WHERE i.{quote(items.get_field('meeting').column)} = %s"
            )
        else:
            source = f"{records} r WHERE {item_key} = %s"
        # Names from the models' metadata, quoted; the page's key is a parameter.
        checks.append(f"SELECT '{kind}' WHERE EXISTS (SELECT 1 FROM {source})")  # noqa: S608
    return " UNION ALL ".join(checks)


def public_committees(section):
    """The section's committees the public may open, without their bodies."""
    from .models import CommitteePage

    return (
        ListingPageQuerySet(CommitteePage)
        .child_of(section)
        .live()
        .public()
        .defer_streamfields()
    )


def open_pages():
    """Pages the public may open: live, public (which leaves out those below
    an unpublished page) and not part two."""
    return public_pages().live().public().exclude(agendaitempage__is_exempt=True)


def ancestor_path(path_expression, levels):
    """SQL for the path of the page `levels` above the one at `path_expression`."""
    return Substr(path_expression, 1, Length(path_expression) - levels * Page.steplen)


class MinutesRecordQuerySet(QuerySet):
    """Records that hang off agenda items (resolutions, and actions through
    their item), seen through the meeting and committee above the item.

    `item` is the lookup from the record to its AgendaItemPage. Records reach
    their meeting through the item's `meeting` key, so a register of thousands
    of records is a join, not a page-path comparison per row."""

    item = "page"

    def _lookup(self, path):
        return f"{self.item}__{path}"

    def public(self):
        """Records the public may see: the item is live, public and not exempt
        (part two), its meeting is live with published minutes (draft or
        approved), and no page above the meeting is unpublished."""
        records = outside_unpublished_sections(
            self.filter(
                **{
                    self._lookup("live"): True,
                    self._lookup("is_exempt"): False,
                    self._lookup("meeting__live"): True,
                    self._lookup(
                        "meeting__minutes_status__in"
                    ): MinutesStatus.published(),
                }
            ),
            path=self._lookup("path"),
        )
        if any_view_restrictions():
            records = records.exclude(
                restricted_at_or_above(OuterRef(self._lookup("path")))
            )
        return records

    def _committee(self, field):
        """SQL for `field` of the committee page above the record's meeting."""
        committee = Page.objects.filter(
            path=ancestor_path(OuterRef(self._lookup("meeting__path")), 1)
        )
        return Subquery(committee.values(field)[:1])

    def with_meeting_and_committee(self):
        """Annotate each record with its meeting's start and title and its
        committee's title, in the same query."""
        return self.annotate(
            meeting_starts_at=F(self._lookup("meeting__starts_at")),
            meeting_title=F(self._lookup("meeting__title")),
            committee_title=self._committee("title"),
        )

    def with_source_ids(self):
        """Annotate each record with its meeting's and committee's page ids."""
        return self.annotate(
            meeting_page_id=F(self._lookup("meeting")),
            committee_page_id=self._committee("pk"),
        )

    def in_committee(self, committee):
        return self.filter(**{self._lookup("path__startswith"): committee.path})

    def at_meeting(self, meeting_id):
        return self.filter(**{self._lookup("meeting"): meeting_id})

    def affecting(self, area_id):
        """Records of items affecting the place (places.Area) with this id."""
        return self.filter(**{self._lookup("areas"): area_id})


class ResolutionQuerySet(MinutesRecordQuerySet):
    def for_register(self):
        """Newest meetings first; within a meeting, agenda then minute order."""
        return (
            self.public()
            .with_meeting_and_committee()
            .select_related("page")
            .order_by("-meeting_starts_at", "page__path", "sort_order", "pk")
        )

    def for_open_data(self):
        """/api/ocd/resolutions/: the register's order, with ids for links."""
        return self.for_register().with_source_ids().defer("page__body")

    def matching(self, keywords):
        query = Q()
        for word in keywords.split():
            query &= Q(text__icontains=word) | Q(page__title__icontains=word)
        return self.filter(query)


class MotionQuerySet(MinutesRecordQuerySet):
    def for_open_data(self):
        """/api/ocd/votes/: public motions, newest meeting first, then in
        agenda and minute order."""
        return (
            self.public()
            .with_meeting_and_committee()
            .with_source_ids()
            .select_related("page", "mover", "seconder")
            .defer("page__body")
            .order_by("-meeting_starts_at", "page__path", "sort_order", "pk")
        )


class ActionQuerySet(MinutesRecordQuerySet):
    item = "agenda_item"

    def outstanding(self):
        return self.filter(status__in=ActionStatus.outstanding())

    def overdue(self, today):
        return self.outstanding().filter(due_on__lt=today)

    def with_overdue(self, today):
        return self.annotate(
            overdue=Case(
                When(
                    due_on__lt=today,
                    status__in=ActionStatus.outstanding(),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )

    def with_latest_update(self):
        from .actions import ActionUpdate

        latest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by(
            "-noted_on", "-pk"
        )
        return self.annotate(
            latest_note=Subquery(latest.values("note")[:1]),
            latest_note_on=Subquery(latest.values("noted_on")[:1]),
        )

    def for_tracker(self, today):
        from .models import AgendaItemPage

        return (
            self.with_meeting_and_committee()
            .with_overdue(today)
            .with_latest_update()
            # Owners, resolutions and items in queries of their own: each
            # join here multiplies the planner's work (two more joins made
            # planning alone take 18 ms at scale) for twenty rows of output.
            .prefetch_related(
                "owner",
                "resolution",
                Prefetch(
                    "agenda_item",
                    queryset=AgendaItemPage.objects.defer_streamfields(),
                ),
            )
            .order_by(F("due_on").asc(nulls_last=True), "pk")
        )

    def for_open_data(self, today):
        """/api/ocd/actions/ and the tracker's CSV: the public tracker's
        order, with every progress note (newest first) in one more query."""
        from .actions import ActionUpdate

        return (
            self.public()
            .for_tracker(today)
            .with_source_ids()
            .prefetch_related(
                Prefetch(
                    "updates",
                    queryset=ActionUpdate.objects.order_by("-noted_on", "-pk"),
                )
            )
        )
