"""Content Security Policy per path (QUALITY SEC-03).

Public pages get the strict policy in `CONTENT_SECURITY_POLICY`: nothing but
our own files, and no inline script but GOV.UK Frontend's one line, allowed by
its hash. The Wagtail admin (and its page previews,
which are served under the admin's URL) needs inline scripts and styles, so
it is enforced with `ENGAGE_ADMIN_CONTENT_SECURITY_POLICY` instead and the
strict policy is sent there as report-only, to show what still stands in the
way of enforcing it.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


def is_admin_path(request) -> bool:
    return request.path_info.startswith(reverse("wagtailadmin_home"))


class PerPathCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not is_admin_path(request):
            if report_only:
                # Public pages enforce the strict policy: no second header.
                return PolicyParts()
            return parts
        if report_only:
            strict = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
            # Browsers ignore (and warn about) frame-ancestors in report-only.
            strict.pop("frame-ancestors", None)
            return PolicyParts(config=strict, nonce=parts.nonce)
        return PolicyParts(
            config=settings.ENGAGE_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"],
            update=parts.update,
            replace=parts.replace,
        )
