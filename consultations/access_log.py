"""Who opened residents' responses, and when (QUALITY PRIV-10): every view
and export of a consultation's responses, and of its results and equality figures, and every
deletion of responses, is written to Wagtail's audit log against the page, so
it shows in the page's history."""

from wagtail.log_actions import log

VIEW_RESPONSES_ACTION = "consultations.view_responses"
EXPORT_RESPONSES_ACTION = "consultations.export_responses"
VIEW_RESULTS_ACTION = "consultations.view_results"
VIEW_EQUALITY_ACTION = "consultations.view_equality_figures"
DELETE_RESPONSES_ACTION = "consultations.delete_responses"


def log_access(request, page, action, **data) -> None:
    log(page, action, user=request.user, data=data or None)
