"""Residents' responses outlive the page they answer: a page holding any,
itself or below it, is not deleted until its responses are (by those who may
publish it, through the responses view, which the audit log records). Wagtail
would delete them with the page, and lets an editor delete any unpublished
page they can change."""

from django.contrib import messages
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.shortcuts import redirect

from .models import ConsultationPage
from .submissions import ConsultationResponse

KEPT_RESPONSES_MESSAGE = (
    "“{title}” holds residents' responses, so it cannot be deleted. Someone who "
    "can publish the consultation must delete its responses first."
)


def holds_responses(page) -> bool:
    return ConsultationResponse.objects.filter(
        page__path__startswith=page.path
    ).exists()


def refuse_to_delete(request, page):
    """A redirect with a message, for the admin's hooks, or None."""
    if not holds_responses(page):
        return None
    messages.error(request, KEPT_RESPONSES_MESSAGE.format(title=page.title))
    parent = page.get_parent()
    return redirect("wagtailadmin_explore", parent.pk if parent else page.pk)


@receiver(pre_delete, sender=ConsultationPage)
def never_delete_responses_with_their_page(sender, instance, **kwargs):
    # The last line: the admin refuses first, with a message (wagtail_hooks);
    # this catches a shell or a script, and a subtree deleted from above.
    if ConsultationResponse.objects.filter(page_id=instance.pk).exists():
        raise ProtectedError(
            KEPT_RESPONSES_MESSAGE.format(title=instance.title), {instance}
        )
