"""The pages site search may show, and the search over them."""

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from committees.models import AgendaItemPage
from core.querysets import any_view_restrictions, outside_unpublished_sections

from .sections import PUBLIC_TYPES


def searchable_pages(site, models=PUBLIC_TYPES):
    """Live, public pages of the public types on `site`. Part-two items are
    never in the index; they are left out here as well, in case an index was
    built before an item was made exempt.

    Wagtail's own public() (one query for the view restrictions) rather than
    core's single-statement one: search backends accept only filters on
    indexed fields (here `path`), not subqueries on other tables. While no
    page is restricted (core's memo, renewed whenever a restriction is saved
    or deleted) there is nothing to leave out, and no query."""
    # A list, fetched afresh, rather than a subquery: PostgreSQL charges a
    # subquery in the filter to every page it might look up, so it hashed
    # every page on the site instead of looking up the few that matched.
    exempt = list(
        AgendaItemPage.objects.filter(is_exempt=True)
        .order_by()  # the tree's default order would join every page for nothing
        .values_list("pk", flat=True)
    )
    pages = outside_unpublished_sections(
        Page.objects.descendant_of(site.root_page, inclusive=True)
        .type(*models)
        .live()
        .exclude(id__in=exempt)
    )
    return pages.public() if any_view_restrictions() else pages


class CountedResults:
    """Search results whose number is already known (from the type filter's
    counts), so that paginating them does not count them again."""

    def __init__(self, results, count: int):
        self.results = results
        self.total = count

    def count(self) -> int:
        return self.total

    def __getitem__(self, key):
        return self.results[key]


def promotions_for(pages, query, models=PUBLIC_TYPES):
    """Editors' recommended results for `query`, in their order: those of
    `pages` (searchable_pages()) of the types `models`, and external links
    (only when no type is chosen)."""
    promotions = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query)
        )
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    page_ids = {promotion.page_id for promotion in promotions if promotion.page_id}
    allowed = (
        {
            page.pk: page
            for page in pages.type(*models).filter(pk__in=page_ids).specific()
        }
        if page_ids
        else {}
    )
    recommended = []
    for promotion in promotions:
        if promotion.page_id in allowed:
            recommended.append(
                {
                    "page": allowed[promotion.page_id],
                    "title": allowed[promotion.page_id].title,
                    "description": promotion.description,
                }
            )
        elif not promotion.page_id and models == PUBLIC_TYPES:
            recommended.append(
                {
                    "url": promotion.external_link_url,
                    "title": promotion.external_link_text
                    or promotion.external_link_url,
                    "description": promotion.description,
                }
            )
    return recommended
