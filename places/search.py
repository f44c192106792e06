"""Site search's way to a place: a resident who searches for a ward's name,
or for their postcode, is offered that place's page first."""

from core.querysets import section_indexes

from .models import Area, Postcode, place_choices, place_url
from .postcodes import normalise


def places_for_query(query: str, home, request) -> list[dict]:
    """Recommended results (as search.querysets.promotions_for gives them)
    for the places `query` names or whose postcode it is."""
    index = section_indexes(home).get("AreaIndexPage")
    if index is None:
        return []
    wanted = " ".join(query.split()).casefold()
    slugs = [
        choice.slug for choice in place_choices() if choice.name.casefold() == wanted
    ]
    if not slugs and (postcode := normalise(query)):
        found = Postcode.objects.filter(pk=postcode).exclude(ward__kind="")
        slugs = list(found.values_list("ward__slug", flat=True))
    if not slugs:
        return []
    base = index.get_url(request)
    return [
        {
            "url": place_url(base, area.slug),
            "title": area.name,
            "description": f"Consultations, decisions, councillors and stories "
            f"for {area.name} ({area.get_kind_display().lower()}).",
        }
        for area in Area.objects.filter(slug__in=slugs)
    ]
