"""Audit-log actions for personal-data housekeeping, so each entry reads
plainly in the page's history in the admin."""

from wagtail import hooks

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


hooks.register("register_log_actions", register)
