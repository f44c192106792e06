"""Deployment checks (`manage.py check --deploy`) for settings whose defaults
suit a developer's machine but not a council's servers."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


@register(Tags.security, deploy=True)
def client_addresses_seen_through_the_load_balancer(app_configs, **kwargs):
    if settings.TRUSTED_PROXY_COUNT:
        return []
    return [
        Warning(
            "Every request seems to come from the load balancer's address, so "
            "all residents share one allowance of consultation responses and "
            "anyone can lock every member of staff out of the admin.",
            hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front of "
            "the app servers (1 for a load balancer).",
            id="engage.W002",
        )
    ]


@register(Tags.security, deploy=True)
def admin_links_reach_the_site(app_configs, **kwargs):
    if urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname not in LOOPBACK_HOSTS:
        return []
    return [
        Warning(
            "Emails to staff (invitations to set a password, lock-out notices) "
            f"link to {settings.WAGTAILADMIN_BASE_URL}.",
            hint="Set WAGTAILADMIN_BASE_URL to the site's public address.",
            id="engage.W003",
        )
    ]
