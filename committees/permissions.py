"""Democratic services own the committees section.

Wagtail's Editors and Moderators hold page permissions from the root down,
so they would otherwise inherit the committee pages too. Page permissions
only add up, so the section takes them away in code: anyone outside
Democratic services (superusers aside) may look at these pages in the
admin but not change them. Approved minutes are locked even against
superusers: they are the council's legal record. Nobody, superusers
included, may delete or unpublish them, or any page above them (QUALITY
PRIV-04: minutes are kept permanently, and open to inspection for six years
under the Local Government Act 1972, section 100C).
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from wagtail.locks import BaseLock
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.formatting import govuk_date

from .enums import MinutesStatus

DEMOCRATIC_SERVICES = "Democratic services"
SECTION_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
SIGN_OFF_WORKFLOW = "Democratic services sign-off"


def in_democratic_services(user) -> bool:
    """Whether the user is in the group, asked once per request's user."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_in_democratic_services"):
        user._in_democratic_services = user.groups.filter(
            name=DEMOCRATIC_SERVICES
        ).exists()
    return user._in_democratic_services


def refuse_expiry_above_approved_minutes(page) -> None:
    """An expiry date would unpublish approved minutes by the scheduler,
    which asks no permission tester."""
    if page.expire_at and page.pk and holds_approved_minutes(page):
        raise ValidationError(
            {
                "expire_at": "This page holds approved minutes, which stay "
                "published (Local Government Act 1972, section 100C): clear the "
                "expiry date."
            }
        )


KEPT_MINUTES_MESSAGE = (
    "“{title}” holds approved minutes, which the council keeps permanently "
    "(Local Government Act 1972, section 100C), so it cannot be {done}. "
    "To correct approved minutes, record the correction in the minutes of "
    "the meeting that agrees it; to withhold an item, mark it exempt."
)


def holds_approved_minutes(page) -> bool:
    """Whether `page` is a meeting with approved minutes, or lies above one
    or below one (an agenda item): deleting or unpublishing it would take
    approved minutes off the record. One query, kept on the page: Wagtail
    asks a new permission tester for every button of an explorer row, and the
    admin's hooks ask again."""
    if not hasattr(page, "_engage_keeps_minutes"):
        from .models import MeetingPage

        approved = MeetingPage.objects.filter(minutes_status=MinutesStatus.APPROVED)
        page._engage_keeps_minutes = approved.filter(
            approved.descendant_of_q(page, inclusive=True)
            | approved.ancestor_of_q(page)
        ).exists()
    return page._engage_keeps_minutes


def shown_to_everyone(page) -> bool:
    """Whether the public can see `page`: it and every page above it are
    published, and none of them is restricted."""
    return (
        not page.get_ancestors(inclusive=True).filter(live=False, depth__gt=1).exists()
        and not page.get_view_restrictions().exists()
    )


class MinutesStayPublicTester(PagePermissionTester):
    """Wagtail's rules, less a view restriction that would hide approved
    minutes from the public: for the home page above the section, whose
    deletion and unpublishing committees.wagtail_hooks refuses with a
    message saying why."""

    @property
    def keeps_minutes(self) -> bool:
        return holds_approved_minutes(self.page)

    def can_set_view_restrictions(self):
        # A restriction already on the page can still be lifted (the same
        # dialog does both); only a new one is refused.
        return super().can_set_view_restrictions() and (
            not self.keeps_minutes or self.page.view_restrictions.exists()
        )


class KeepsMinutesPermissionTester(MinutesStayPublicTester):
    """Nor may anything take approved minutes off the record."""

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and not self.keeps_minutes

    def can_unpublish(self):
        return super().can_unpublish() and not self.keeps_minutes

    def can_move(self):
        # Moving keeps the record: Wagtail's own rule, without ours.
        return super().can_delete(ignore_bulk=True)

    def can_move_to(self, destination):
        # Asked by the move chooser and by bulk moves; a single move's
        # refusal also says why (wagtail_hooks.keep_approved_minutes_public_on_move).
        return super().can_move_to(destination) and (
            not self.keeps_minutes or shown_to_everyone(destination)
        )


class SectionPermissionTester(KeepsMinutesPermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        outsider = user.is_active and not user.is_superuser
        if outsider and not in_democratic_services(user):
            self.permissions = set()


class ApprovedMinutesLock(BaseLock):
    """Approved minutes change only through democratic services."""

    def __init__(self, page, meeting):
        super().__init__(page)
        self.meeting = meeting

    def for_user(self, user):
        return not in_democratic_services(user)

    def get_locked_by(self, user):
        return "Approved minutes"

    def get_description(self, user):
        return "Only democratic services can change approved minutes"

    def get_message(self, user):
        # The date may be missing from a form shown again with errors.
        day = self.meeting.minutes_approved_on
        approved = f"approved on {govuk_date(day)}" if day else "approved"
        if self.for_user(user):
            return (
                f"These minutes were {approved}. Only democratic services can "
                "change them."
            )
        return (
            f"These minutes were {approved}. Record any correction in the "
            "minutes of the meeting that agrees it."
        )


def give_section_to_democratic_services(index_page):
    """Let Democratic services add, change and publish the section's pages,
    signed off by their own group rather than the site's moderators.
    Safe to run again."""
    group, _ = Group.objects.get_or_create(name=DEMOCRATIC_SERVICES)
    page_type = ContentType.objects.get_for_model(Page)
    for action in SECTION_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type=page_type, codename=f"{action}_page"
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=index_page, permission=permission
        )

    workflow, created = Workflow.objects.get_or_create(name=SIGN_OFF_WORKFLOW)
    if created:
        task = GroupApprovalTask.objects.create(name="Democratic services approval")
        task.groups.set([group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=index_page, defaults={"workflow": workflow}
    )
