"""Production: base settings plus HTTPS-only rules. Refuses to start without
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

for required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not env.str(required, default=""):
        raise ImproperlyConfigured(
            f"Set the {required} environment variable: production will not start "
            "without it (see README.md, Configuration)."
        )

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers' health checks often speak plain HTTP to each app server.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# Behind a load balancer that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
