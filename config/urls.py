from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from core import documents
from core.health import health
from core.two_factor.views import private_page_sign_in

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view with caching headers (core.documents); its
    # URLs reverse to the same address.
    re_path(r"^documents/(\d+)/(.*)$", documents.serve),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", health, name="health"),
    path("api/v2/", api_router.urls),
    path("api/ocd/", include("committees.urls")),
    path("", include("search.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.ENGAGE_BENCH_VIEW:
    # `make bench`'s ceiling: a bare 20 KB page through the same middleware.
    from core.benchmarking import bare_page

    urlpatterns += [path("bench/bare/", bare_page, name="bench_bare")]

urlpatterns += [
    # In place of Wagtail's own sign-in page for private pages, which has
    # neither the login throttle nor the second factor (core.two_factor).
    path("_util/login/", private_page_sign_in, name="wagtailcore_login"),
    path("", include(wagtail_urls)),
]

# Database outages raised outside views answer 503, not 500 (core.health).
handler500 = "core.health.server_error"
