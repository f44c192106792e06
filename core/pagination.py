import contextlib
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from core import content_generation
from core.content_generation import CACHE_ERRORS


def paginate(request, object_list, per_page: int, memoise_count=False) -> Page:
    """The requested page of `object_list`. A missing, malformed or
    out-of-range ?page= gives the nearest real page, never an error.

    memoise_count: keep the total in the cache for the content generation
    (MemoisedCountPaginator), for long registers whose count is the slowest
    query on the page."""
    paginator_class = MemoisedCountPaginator if memoise_count else Paginator
    paginator = paginator_class(object_list, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.page_numbers = list(
        paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    )
    return page


class MemoisedCountPaginator(Paginator):
    """Counts a queryset once per content generation (core.content_generation):
    the key is the count's SQL and parameters, so each filter has its own, and
    any content change gives every count a new key. COUNT_CACHE_SECONDS = 0
    counts every time."""

    @cached_property
    def count(self):
        timeout = getattr(settings, "COUNT_CACHE_SECONDS", 0)
        if timeout <= 0 or not isinstance(self.object_list, QuerySet):
            return super().count
        sql, params = self.object_list.order_by().query.sql_with_params()
        digest = hashlib.sha256(f"{sql}\x00{params!r}".encode()).hexdigest()
        try:
            key = f"count:{content_generation.current()}:{digest}"
            total = cache.get(key)
        except CACHE_ERRORS:
            return super().count
        if total is None:
            total = super().count
            with contextlib.suppress(CACHE_ERRORS):
                cache.set(key, total, content_generation.entry_seconds(timeout))
        return total
