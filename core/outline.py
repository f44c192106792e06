"""Heading outline rules for editors' content (QUALITY ACC-11).

A page title is the only <h1>; body headings start at <h2>, are never empty
and never skip a level on the way down (h2 -> h4 is refused, h4 -> h2 is fine).
"""

from dataclasses import dataclass
from html.parser import HTMLParser

HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
TOP_LEVEL = 2


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


class _HeadingCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings: list[Heading] = []
        self._open: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in HEADING_TAGS:
            self._open = HEADING_TAGS[tag]
            self._text = []

    def handle_endtag(self, tag):
        if tag in HEADING_TAGS and self._open is not None:
            self.headings.append(Heading(self._open, "".join(self._text).strip()))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._text.append(data)


def headings_in_html(html: str) -> list[Heading]:
    collector = _HeadingCollector()
    collector.feed(html)
    collector.close()
    return collector.headings


def outline_problem(previous_level: int, heading: Heading) -> str | None:
    """Say what is wrong with `heading` following a heading at `previous_level`
    (TOP_LEVEL - 1 when it is the first), or None when it is fine."""
    if not heading.text:
        return "Headings cannot be empty: add text or remove the heading."
    if heading.level < TOP_LEVEL:
        return "The page title is the only top-level heading: start at heading 2."
    if heading.level > previous_level + 1:
        return (
            f"Heading {heading.level} follows heading {previous_level}: "
            "headings cannot skip a level."
            if previous_level >= TOP_LEVEL
            else "Start at heading 2: headings cannot skip a level."
        )
    return None
