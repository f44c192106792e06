from django.urls import path, reverse
from wagtail import hooks

from core.two_factor import views as two_factor
from core.two_factor.devices import confirmed_app


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path(
            "two-factor/set-up/",
            two_factor.SetUpView.as_view(),
            name="engage_two_factor_set_up",
        ),
        path(
            "two-factor/verify/",
            two_factor.VerifyView.as_view(),
            name="engage_two_factor_verify",
        ),
        path(
            "two-factor/recovery-codes/",
            two_factor.NewRecoveryCodesView.as_view(),
            name="engage_two_factor_recovery_codes",
        ),
    ]


def _has_app(request) -> bool:
    """Asked by both menu items below: one query."""
    if not hasattr(request, "_engage_has_app"):
        request._engage_has_app = confirmed_app(request.user) is not None
    return request._engage_has_app


@hooks.register("register_account_menu_item")
def set_up_a_new_authenticator(request):
    if not _has_app(request):
        return {
            "url": reverse("engage_two_factor_set_up"),
            "label": "Set up an authenticator app",
            "help_text": "Sign in with a code from your phone as well as "
            "your password.",
        }
    return {
        "url": reverse("engage_two_factor_set_up"),
        "label": "Set up a new authenticator app",
        "help_text": "For a new phone: the app you use now stops working "
        "once the new one is set up.",
    }


@hooks.register("register_account_menu_item")
def new_recovery_codes(request):
    if not _has_app(request):
        return None
    return {
        "url": reverse("engage_two_factor_recovery_codes"),
        "label": "New recovery codes",
        "help_text": "Ten new single-use codes for signing in without your "
        "phone; the old ones stop working.",
    }
