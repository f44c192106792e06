"""Site chrome: navigation (cached, core.chrome) and breadcrumbs from the page tree."""

from pathlib import PurePosixPath

from django import template
from django.utils import timezone
from wagtail.models import Page, Site

from core import chrome, formatting

register = template.Library()


@register.inclusion_tag("components/service_navigation.html", takes_context=True)
def primary_navigation(context):
    request = context.get("request")
    current = context.get("page")
    site = Site.find_for_request(request) if request else None
    items = []
    if site:
        for page in chrome.menu_pages(site):
            items.append(
                {
                    "page": page,
                    "current": current is not None and current.pk == page.pk,
                    "active": current is not None
                    and current.path.startswith(page.path),
                }
            )
    return {"items": items, "request": request}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    crumbs = []
    if isinstance(page, Page) and page.depth > 2:
        crumbs = (
            page.routed_ancestors()
            if hasattr(page, "routed_ancestors")
            else page.get_ancestors().filter(depth__gte=2)
        )
    return {"crumbs": crumbs, "request": context.get("request")}


@register.filter
def meta_description(page) -> str:
    """The page's search description, else its summary where its type has one.
    Looked up here because the template engine, failing to find `summary`,
    calls dir() on the page to word its error: 0.15 ms on every such page."""
    return getattr(page, "search_description", "") or getattr(page, "summary", "")


@register.filter
def file_extension(document) -> str:
    """'PDF', 'DOCX': the type a resident sees beside a document link."""
    return PurePosixPath(document.file.name).suffix.lstrip(".").upper()


@register.filter
def govuk_date(value, style=""):
    """{{ day|govuk_date }} -> "2 January 2027"; style "weekday" adds the day."""
    return formatting.govuk_date(value, weekday=style == "weekday") if value else ""


@register.filter
def govuk_datetime(value, style=""):
    """{{ moment|govuk_datetime:"weekday" }} -> "2pm on Monday 14 December 2026"."""
    return formatting.govuk_datetime(value, weekday=style == "weekday") if value else ""


@register.filter
def govuk_time(value):
    return formatting.govuk_time(value) if value else ""


@register.filter
def machine_datetime(value):
    """For <time datetime="...">: ISO 8601 in UK time, to the minute."""
    return timezone.localtime(value).isoformat(timespec="minutes") if value else ""
