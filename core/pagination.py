from django.conf import settings
from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

from core import content_generation


def paginate(request, object_list, per_page: int, count_key=None) -> Page:
    """The requested page of `object_list`. A missing, malformed or
    out-of-range ?page= gives the nearest real page, never an error.

    count_key: keep the total in the cache for the content generation under
    this key (MemoisedCountPaginator), for long registers whose count is the
    slowest query on the page."""
    if count_key is None:
        paginator = Paginator(object_list, per_page)
    else:
        paginator = MemoisedCountPaginator(object_list, per_page, count_key)
    page = paginator.get_page(request.GET.get("page"))
    # What the page cache checks before storing a ?page= address: only the
    # page numbers that are real pages, not every number anyone might ask for.
    request.page_number_shown = page.number
    page.page_numbers = list(
        paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    )
    return page


class MemoisedCountPaginator(Paginator):
    """Counts a list once per content generation (core.content_generation).

    `key` must name everything the list depends on besides the content (the
    register, its filters, the day for anything "overdue"), so each filter has
    its own total; any content change gives every total a new key.
    COUNT_CACHE_SECONDS = 0 counts every time. (Keying by the list's SQL
    would need the SQL compiled on every request: a millisecond or more.)"""

    def __init__(self, object_list, per_page, key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.key = key

    @cached_property
    def count(self):
        return content_generation.kept(
            "count",
            self.key,
            lambda: super(MemoisedCountPaginator, self).count,
            getattr(settings, "COUNT_CACHE_SECONDS", 0),
        )
