"""Helpers for the demo-content command: find a page by slug or build it with
the app's factory, so running the command twice changes nothing."""

from wagtail.models import Page


def ensure_child(parent: Page, factory, slug: str, **fields) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = factory(parent=parent, slug=slug, **fields)
    # Publish through a revision, as an editor would: history and dates are real.
    page.save_revision().publish()
    return page
