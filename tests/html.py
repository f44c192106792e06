"""Structural HTML helpers for tests: read pages as a person's browser would."""

from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def section(document, heading_id):
    """The <section> labelled by the heading with this id."""
    return document.find("section", attrs={"aria-labelledby": heading_id})


def link_texts(element) -> list[str]:
    return [text(a) for a in element.find_all("a")]
