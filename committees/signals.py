from django.db.models import ProtectedError
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from .enums import MinutesStatus
from .models import AgendaItemPage, CommitteeIndexPage, MeetingPage
from .permissions import give_section_to_democratic_services


@receiver(post_save, sender=CommitteeIndexPage)
def hand_new_section_to_democratic_services(sender, instance, created, **kwargs):
    if created and not kwargs.get("raw"):
        give_section_to_democratic_services(instance)


@receiver(post_save, sender=AgendaItemPage)
def keep_exempt_items_out_of_search(sender, instance, **kwargs):
    # get_indexed_objects() stops exempt items being indexed; an item made
    # exempt after it was indexed has to be taken out.
    if instance.is_exempt and not kwargs.get("raw"):
        index.remove_object(instance)


@receiver(page_published, sender=AgendaItemPage)
def reindex_the_item_with_its_minutes(sender, instance, **kwargs):
    # Indexing on save reads the item's minutes from the database before a
    # published revision has written them: the index would hold the last
    # version's words (a name taken out of an answer still found) until
    # something saved the item again. Publishing has written them by now.
    index.insert_or_update_object(instance)


@receiver(page_published, sender=MeetingPage)
@receiver(page_unpublished, sender=MeetingPage)
def reindex_the_items_for_their_minutes(sender, instance, **kwargs):
    # An item's search entry holds its minutes only once the meeting puts
    # them out (minutes.searchable_minutes), and takes them back with them.
    for item in AgendaItemPage.get_indexed_objects().filter(meeting=instance):
        index.insert_or_update_object(item)


@receiver(post_page_move, sender=AgendaItemPage)
def follow_the_item_to_its_new_meeting(sender, instance, parent_page_after, **kwargs):
    # Wagtail saves a moved page as a plain Page, so AgendaItemPage.save()
    # does not run.
    AgendaItemPage.objects.filter(pk=instance.pk).update(
        meeting_id=parent_page_after.pk
    )


@receiver(pre_delete, sender=MeetingPage)
def never_delete_approved_minutes(sender, instance, **kwargs):
    # The last line (QUALITY PRIV-04): the admin refuses first, with a message
    # (permissions.py, wagtail_hooks.py); this catches a shell or a script,
    # and a subtree deleted from any page above the meeting.
    if instance.minutes_status == MinutesStatus.APPROVED:
        raise ProtectedError(
            f"“{instance.title}” holds approved minutes, which are kept permanently.",
            {instance},
        )
