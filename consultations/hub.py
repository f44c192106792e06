"""The hub's order of consultations, kept between requests.

Sorting every consultation under the hub by status and date is the hub's
slowest work: PostgreSQL joins and sorts them all (8 ms for 2,000) to show
twenty. That order changes only when content changes (a new content
generation, core.content_generation) or when a consultation opens, closes or
has its outcome published. So each process keeps, for each hub and status
and topic filter, the ordered ids, keyed by the epoch (core.moments), which
moves on at each of those moments: it fixes every consultation's status, and
the dates it sorts by are content.
A page of the hub then fetches only its own twenty rows, in id order.
"""

from array import array

from core import moments
from core.content_generation import Memo

# Each hub's status and topic filter combinations, most recently used kept:
# at most a few megabytes however many are tried.
MAX_KEPT_ORDERS = 200


def consultations_under(index):
    from .models import ConsultationPage

    return ConsultationPage.objects.under_index(index)


_orders = Memo(max_entries=MAX_KEPT_ORDERS)


def hub_order(index, filters, moment) -> array:
    """The ids of the consultations under `index` that `filters` (a valid
    HubFilterForm) select at `moment`, in the hub's order."""

    def build():
        ids = filters.apply(consultations_under(index).for_hub(moment), moment)
        return array("q", ids.values_list("pk", flat=True))

    if "q" in filters.values:
        # Residents' words are too many and too varied to keep: a run of them
        # would push the busiest orders out of the memo.
        return build()
    key = (index.pk, filters.query_prefix, moments.epoch(moment))
    return _orders.get(key, build=build)


class ConsultationsById:
    """The hub's ordered ids as its consultations, for the paginator: a
    slice fetches its consultations, with their topics, in one query (two
    with the topics)."""

    def __init__(self, index, ids):
        self.index = index
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, key) -> list:
        if not isinstance(key, slice):
            raise TypeError("The hub's consultations are read a page at a time.")
        ids = self.ids[key]
        rows = (
            consultations_under(self.index)
            .for_listing()
            .filter(pk__in=list(ids))
            .prefetch_related("tagged_items__tag")
        )
        by_id = {row.pk: row for row in rows}
        # A consultation unpublished since the order was kept is left out.
        return [by_id[pk] for pk in ids if pk in by_id]
