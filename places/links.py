"""Links from a record's page to the pages of the places it is about."""

from core.querysets import section_indexes

from .models import place_url


def area_links(areas, page, request) -> list[tuple]:
    """(area, address of its page) for each of `areas`, the address None
    where it has no page: no live "Your area" page, or an area of no kind.
    `page`, below the home page, finds the "Your area" page beside it."""
    areas = list(areas)
    if not areas:
        return []
    ancestors = page.routed_ancestors()
    index = section_indexes(ancestors[0]).get("AreaIndexPage") if ancestors else None
    base = index.get_url(request) if index else None
    return [
        (area, place_url(base, area.slug) if base and area.kind else None)
        for area in areas
    ]
