"""Helpers for the demo-content command: find a page by slug or build it with
the app's factory, so running the command twice changes nothing."""

from wagtail.models import Page


def ensure_child(parent: Page, factory, slug: str, **fields) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    return factory(parent=parent, slug=slug, **fields)
