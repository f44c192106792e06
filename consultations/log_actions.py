"""Audit-log actions for personal-data housekeeping and for staff access to
responses, so each entry reads plainly in the page's history in the admin."""

from wagtail import hooks

from .access_log import (
    DELETE_RESPONSES_ACTION,
    EXPORT_RESPONSES_ACTION,
    VIEW_EQUALITY_ACTION,
    VIEW_RESPONSES_ACTION,
    VIEW_RESULTS_ACTION,
)
from .privacy import ERASE_QUESTION_ACTION, ERASE_RESPONDENT_ACTION, PURGE_ACTION


def register(actions):
    actions.register_action(
        PURGE_ACTION, "Remove personal data", "Personal data removed from responses"
    )
    actions.register_action(
        ERASE_RESPONDENT_ACTION, "Erase a respondent", "A respondent's response erased"
    )
    actions.register_action(
        ERASE_QUESTION_ACTION, "Erase a question", "A question's answers erased"
    )
    actions.register_action(VIEW_RESPONSES_ACTION, "View responses", "Responses viewed")
    actions.register_action(
        EXPORT_RESPONSES_ACTION, "Export responses", "Responses exported"
    )
    actions.register_action(VIEW_RESULTS_ACTION, "View results", "Results viewed")
    actions.register_action(
        VIEW_EQUALITY_ACTION, "View equality figures", "Equality figures viewed"
    )
    actions.register_action(
        DELETE_RESPONSES_ACTION, "Delete responses", "Responses deleted"
    )


hooks.register("register_log_actions", register)
