"""The site's chrome, cached between requests: the settings shown in every
header and footer, and the menu. Otherwise every page spends the same three
queries on them.

Keys carry the content generation token (core.content_generation), which any
publish, move or content save replaces, so a change shows on the next
request. CHROME_CACHE_SECONDS = 0 turns this off."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from core import content_generation
from core.querysets import public_pages


def timeout() -> int:
    return getattr(settings, "CHROME_CACHE_SECONDS", 0)


def cached(key, build):
    return content_generation.kept("chrome", key, build, timeout())


def site_settings_for(site):
    """The site's SiteSettings, its page links and social links loaded."""
    from core.models import SiteSettings

    def build():
        instance = SiteSettings.for_site(site)
        instance.social_link_list = list(instance.social_links.all())
        return instance

    return cached(f"settings:{site.pk}", build)


def menu_pages(site):
    """The live, public pages under the site's home page marked for menus."""
    return cached(
        f"menu:{site.pk}",
        lambda: list(public_pages().child_of(site.root_page).live().public().in_menu()),
    )


def context(request):
    """Context processor: `site_settings` in every template, fetched only if
    a template uses it."""

    def load():
        site = Site.find_for_request(request)
        return site_settings_for(site) if site else None

    return {"site_settings": SimpleLazyObject(load)}
