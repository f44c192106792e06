"""Demo places, in our own words: four wards with made-up ONS codes and a
postcode each (in "NV", which no real postcode area uses), a town centre,
and the "Your area" page."""

from core.demo import ensure_child

from .factories import AreaIndexPageFactory
from .models import Area, AreaKind, Postcode

AREAS = {
    "northvale-town": ("Northvale town centre", AreaKind.TOWN, ""),
    "eastside": ("Eastside", AreaKind.WARD, "E05999901"),
    "greenway": ("Greenway", AreaKind.WARD, "E05999902"),
    "millbrook": ("Millbrook", AreaKind.WARD, "E05999903"),
    "riverside": ("Riverside", AreaKind.WARD, "E05999904"),
}

POSTCODES = {
    "NV1 4AB": "eastside",
    "NV1 4AD": "eastside",
    "NV2 7CD": "greenway",
    "NV3 1EF": "millbrook",
    "NV4 2GH": "riverside",
}


def ensure_areas() -> dict[str, Area]:
    return {
        slug: Area.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "code": code}
        )[0]
        for slug, (name, kind, code) in AREAS.items()
    }


def load(home):
    areas = ensure_areas()
    for postcode, slug in POSTCODES.items():
        Postcode.objects.get_or_create(
            postcode=postcode, defaults={"ward": areas[slug]}
        )
    ensure_child(
        home,
        AreaIndexPageFactory,
        "your-area",
        title="Your area",
        intro="<p>Consultations, decisions, councillors and stories for the "
        "place where you live.</p>",
        show_in_menus=True,
    )
    return areas
