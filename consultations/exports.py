from django.urls import reverse
from wagtail.admin.widgets.button import HeaderButton
from wagtail.contrib.forms.views import SubmissionsListView

from core.spreadsheets import guard_formula

from .access_log import EXPORT_RESPONSES_ACTION, VIEW_RESPONSES_ACTION, log_access

# Rows fetched from the database at a time while a CSV export streams.
EXPORT_CHUNK = 2000


class ResponsesListView(SubmissionsListView):
    """Wagtail's submissions list, with a CSV export that streams in chunks.

    Wagtail builds the listing's context before exporting, which counts the
    queryset with len() and so loads every response into memory; a
    consultation can have 100,000 of them. Exports skip the listing here."""

    @property
    def header_buttons(self):
        page_id = self.form_page.pk
        return [
            HeaderButton(
                "Results",
                url=reverse("consultations_results", args=[page_id]),
                icon_name="list-ul",
            ),
            HeaderButton(
                "Enter an offline response",
                url=reverse("consultations_offline_response", args=[page_id]),
                icon_name="plus",
            ),
        ]

    def get(self, request, *args, **kwargs):
        if self.is_export:
            log_access(
                request,
                self.form_page,
                EXPORT_RESPONSES_ACTION,
                format=request.GET.get("export"),
            )
            if request.GET.get("export") == self.FORMAT_CSV:
                return self.write_csv_response(self.get_queryset())
        else:
            log_access(request, self.form_page, VIEW_RESPONSES_ACTION)
        return super().get(request, *args, **kwargs)

    def stream_csv(self, queryset):
        return super().stream_csv(queryset.iterator(chunk_size=EXPORT_CHUNK))

    def preprocess_field_value(self, field, value, export_format):
        # Answers are typed by the public: none may run as a formula in the
        # spreadsheet program a member of staff opens the export in.
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return guard_formula(value)
        return value

    def to_row_dict(self, item):
        # Wagtail calls get_data() once per column; once per row is enough.
        data = item.get_data()
        return {field: data.get(field) for field in self.list_export}
