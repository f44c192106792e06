from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.search import index

from .models import AgendaItemPage, CommitteeIndexPage
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
