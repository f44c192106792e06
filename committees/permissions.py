"""Democratic services own the committees section.

Wagtail's Editors and Moderators hold page permissions from the root down,
so they would otherwise inherit the committee pages too. Page permissions
only add up, so the section takes them away in code: anyone outside
Democratic services (superusers aside) may look at these pages in the
admin but not change them. Approved minutes are locked even against
superusers: they are the council's legal record.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
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


class SectionPermissionTester(PagePermissionTester):
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
        approved = govuk_date(self.meeting.minutes_approved_on)
        if self.for_user(user):
            return (
                f"These minutes were approved on {approved}. Only democratic "
                "services can change them."
            )
        return (
            f"These minutes were approved on {approved}. Record any correction "
            "in the minutes of the meeting that agrees it."
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
