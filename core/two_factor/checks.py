from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def second_factor_required(app_configs, **kwargs):
    if settings.ENGAGE_REQUIRE_TWO_FACTOR:
        return []
    return [
        Warning(
            "Staff can sign in to the admin with a password alone.",
            hint="Unset REQUIRE_TWO_FACTOR, or set it to true (QUALITY SEC-10).",
            id="engage.W001",
        )
    ]
