"""The parts of a place's page, each from the app whose records it shows.

Apps add theirs with the `area_sections` hook: a function taking the area,
the request and the site's section index pages (core.querysets.section_indexes)
and returning an `AreaSection`, or None to add nothing. Each shows at most
LIST_SIZE records, newest or most pressing first, with a link to the rest."""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK = "area_sections"
LIST_SIZE = 5


@dataclass
class AreaSection:
    heading: str
    template: str
    # Lower comes first on the page.
    order: int
    context: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        """For the heading: "committees-area-decisions"."""
        return self.template.removesuffix(".html").replace("/", "-").replace("_", "-")


def sections_for(area, request, indexes) -> list[AreaSection]:
    sections = (provider(area, request, indexes) for provider in hooks.get_hooks(HOOK))
    return sorted(
        (section for section in sections if section is not None),
        key=lambda section: section.order,
    )
