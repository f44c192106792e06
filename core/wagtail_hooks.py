from django.contrib import messages
from django.http import Http404
from django.urls import path, reverse
from wagtail import hooks

from core.querysets import in_unpublished_section
from core.staff_mail import password_link, tell_staff
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


@hooks.register("after_create_user")
def invite_new_member_of_staff(request, user):
    """Administrators create accounts without a password
    (WAGTAILUSERS_PASSWORD_ENABLED is off): the person sets their own from
    this emailed link, so whoever first signs in, and so sets up the
    authenticator app, is the one who reads their email."""
    sent = tell_staff(
        user,
        "set your password",
        "core/email/new_account.txt",
        link=password_link(user),
    )
    if sent:
        messages.info(request, f"{user.email} has been sent a link to set a password.")
    else:
        messages.warning(
            request,
            "The link to set a password could not be emailed: check the address, "
            "then ask them to use “Forgotten password?” on the sign-in page.",
        )


@hooks.register("before_serve_page")
def nothing_below_an_unpublished_page(page, request, serve_args, serve_kwargs):
    """Wagtail would serve a live page below an unpublished one: a meeting's
    items, with their minutes, after the meeting was taken down."""
    if in_unpublished_section(page.path):
        raise Http404
