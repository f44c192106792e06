"""/sitemap.xml: Wagtail's, without the pages this site does not serve."""

from wagtail.contrib.sitemaps import Sitemap

from core.querysets import outside_unpublished_sections


class PagesSitemap(Sitemap):
    def items(self):
        # Part-two items leave themselves out (AgendaItemPage.get_sitemap_urls).
        return outside_unpublished_sections(super().items())
