"""The Wagtail admin's "Action tracker" (wagtail-modeladmin), registered in
wagtail_hooks.py. Only users with the model permissions on actions see it:
Democratic services (granted in migration 0004) and superusers.

The listing is one query for its rows, however many actions it shows: the
meeting, committee, overdue flag and latest progress note are annotations,
the owner, item and resolution are joined."""

from django.contrib import messages
from django.contrib.admin import RelatedOnlyFieldListFilter, SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import label_for_field
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import capfirst
from wagtail.admin.panels import ObjectList
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView, IndexView

from core.formatting import govuk_date
from core.forms import is_digits
from core.spreadsheets import guard_formula

from .actions import Action
from .admin_forms import ActionForm


def column(description, order_field=None):
    """Name a listing or export column, and what sorts it."""

    def decorate(method):
        method.short_description = description
        if order_field:
            method.admin_order_field = order_field
        return method

    return decorate


class CommitteeFilter(SimpleListFilter):
    title = "committee"
    parameter_name = "committee"

    def lookups(self, request, model_admin):
        from .models import CommitteePage

        return [
            (str(pk), title)
            for pk, title in CommitteePage.objects.order_by("title", "pk").values_list(
                "pk", "title"
            )
        ]

    def queryset(self, request, queryset):
        from .models import CommitteePage

        if self.value() is None:
            return queryset
        value = self.value()
        committee = CommitteePage.objects.filter(
            pk=value if is_digits(value) else None
        ).first()
        return queryset.in_committee(committee) if committee else queryset.none()


class OverdueFilter(SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue"), ("no", "Not overdue")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(overdue=True)
        if self.value() == "no":
            return queryset.filter(overdue=False)
        return queryset


class ActionIndexView(IndexView):
    """Modeladmin's listing, with sentence-case headings in exports and CSV
    cells that a spreadsheet program will not run as formulas."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            # A filter the listing does not have, or a value it cannot take
            # (an address edited by hand): the whole listing, as Django's own
            # admin does, rather than an error page.
            messages.error(request, "Those filters do not apply: showing every action.")
            return redirect(request.path)

    def get_heading(self, queryset, field):
        return capfirst(
            str(label_for_field(field, model=self.model, model_admin=self.model_admin))
        )

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return guard_formula(value)
        return value


class ActionHistoryView(HistoryView):
    """wagtail-modeladmin 2.5's history view checks no permission: without
    this, anyone who can reach the admin could read an action's history."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_list(user)


class ActionAdmin(ModelAdmin):
    model = Action
    menu_label = "Action tracker"
    menu_icon = "tasks"
    menu_order = 310
    index_view_class = ActionIndexView
    history_view_class = ActionHistoryView
    # The model's panels, with a form that fills the item in from the
    # resolution and labels resolutions by meeting and item.
    edit_handler = ObjectList(Action.panels, base_form_class=ActionForm)
    list_display = (
        "description",
        "committee",
        "meeting_date",
        "owner",
        "due_date",
        "status",
        "overdue_label",
    )
    list_filter = (
        CommitteeFilter,
        "status",
        ("owner", RelatedOnlyFieldListFilter),
        OverdueFilter,
    )
    search_fields = ("description", "owner__name")
    list_per_page = 50
    list_export = (
        "id",
        "description",
        "committee",
        "meeting",
        "meeting_day",
        "item",
        "resolution_number",
        "owner",
        "due_on",
        "status_label",
        "overdue_label",
        "latest_note",
        "latest_note_on",
    )
    export_filename = "action-tracker"

    def get_queryset(self, request):
        return (
            Action.objects.with_meeting_and_committee()
            .with_overdue(timezone.localdate())
            .with_latest_update()
            .select_related("owner", "agenda_item", "resolution")
            .defer("agenda_item__body")
        )

    @column("committee", "committee_title")
    def committee(self, action):
        return action.committee_title

    @column("meeting date", "meeting_starts_at")
    def meeting_date(self, action):
        return govuk_date(action.meeting_starts_at) if action.meeting_starts_at else ""

    @column("meeting")
    def meeting(self, action):
        return action.meeting_title

    @column("meeting date")
    def meeting_day(self, action):
        """The meeting's date in UK time, as ISO 8601 for spreadsheets."""
        if action.meeting_starts_at is None:
            return ""
        return timezone.localtime(action.meeting_starts_at).date().isoformat()

    @column("due date", "due_on")
    def due_date(self, action):
        return govuk_date(action.due_on) if action.due_on else ""

    @column("status", "status")
    def status_label(self, action):
        return action.get_status_display()

    @column("overdue", "overdue")
    def overdue_label(self, action):
        return "Yes" if action.overdue else "No"

    @column("agenda item")
    def item(self, action):
        return action.agenda_item.heading if action.agenda_item else ""

    @column("resolution")
    def resolution_number(self, action):
        return action.resolution.number if action.resolution else ""

    @column("latest progress note")
    def latest_note(self, action):
        return action.latest_note or ""

    @column("date of latest progress note")
    def latest_note_on(self, action):
        return action.latest_note_on
