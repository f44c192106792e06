import logging
import time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.utils import get_valid_next_url_from_request

from core.staff_mail import tell_staff

from . import devices
from .forms import CodeForm

logger = logging.getLogger("engage.security")

PASSED_AT = "engage_two_factor_passed_at"
# Changing the second factor itself asks for it again if it was last given
# longer ago than this, so a session left open cannot be turned into lasting
# control of the account.
RECENT_SECONDS = 10 * 60


def safe_next(request) -> str:
    """Where to go after the second step: the page asked for, if it is on this
    site, else the admin's dashboard."""
    return get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")


def with_next(url_name: str, target: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': target})}"


def passed_recently(request) -> bool:
    return (
        request.user.is_verified()
        and time.time() - request.session.get(PASSED_AT, 0) < RECENT_SECONDS
    )


def ask_again(request):
    """To the second step, then back here."""
    return redirect(with_next("engage_two_factor_verify", request.get_full_path()))


def keep_verified(request):
    """New recovery codes are a new device, so sessions that passed with an
    old code are no longer verified (a leaked code stops working for good),
    this one included: if it passed with a recovery code, it passes again
    with the new device."""
    if isinstance(request.user.otp_device, StaticDevice):
        otp_login(request, devices.recovery_device(request.user))


def private_page_sign_in(request):
    """Where Wagtail sends people for a private page or document (in place
    of its own sign-in page, which has neither the login throttle nor the
    second factor): anyone not fully signed in goes through the admin's two
    steps and back; someone signed in who still may not see it is refused."""
    who = getattr(request, "password_user", request.user)
    if who.is_authenticated and (
        who.is_verified() or not settings.ENGAGE_REQUIRE_TWO_FACTOR
    ):
        raise PermissionDenied
    return redirect(with_next("engage_two_factor_verify", safe_next(request)))


def show_recovery_codes(request, codes):
    return TemplateResponse(
        request,
        "two_factor/recovery_codes.html",
        {"codes": codes, "next": safe_next(request)},
    )


class CodeFormView(FormView):
    form_class = CodeForm
    device = None

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "device": self.device,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=safe_next(self.request), **kwargs)

    def passed(self, device):
        request = self.request
        otp_login(request, device)
        # New session key and CSRF token once the second factor is in, as at
        # sign-in.
        request.session.cycle_key()
        rotate_token(request)
        request.session[PASSED_AT] = int(time.time())
        logger.info("Second factor passed (%s) by user %s", device.name, device.user_id)

    def form_invalid(self, form):
        refusal = form.errors.as_data().get("code", [None])[0]
        logger.warning(
            "Second factor refused (%s) for user %s",
            getattr(refusal, "code", "invalid"),
            self.request.user.pk,
        )
        return super().form_invalid(form)


class SetUpView(CodeFormView):
    """Set up an authenticator app, or replace one: scan, then prove it with a
    code. Replacing one needs the second factor given recently, or a password
    (or an open session) alone could do it."""

    template_name = "two_factor/set_up.html"

    def dispatch(self, request, *args, **kwargs):
        self.replacing = devices.confirmed_app(request.user) is not None
        if self.replacing and not passed_recently(request):
            return ask_again(request)
        self.device = devices.new_app(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            qr_code=devices.qr_code_svg(self.device),
            key=devices.readable_key(self.device),
            replacing=self.replacing,
            **kwargs,
        )

    def form_valid(self, form):
        request = self.request
        codes = devices.confirm_app(self.device, replacing=self.replacing)
        if codes is None:  # another session set one up meanwhile
            return ask_again(request)
        request.session.pop(devices.NEW_KEY, None)
        self.passed(self.device)
        tell_staff(
            request.user,
            "a new authenticator app was set up",
            "core/email/new_authenticator.txt",
        )
        return show_recovery_codes(request, codes)


class VerifyView(CodeFormView):
    """The second step of signing in, for a person with an authenticator; and
    the check again before they change their second factor."""

    template_name = "two_factor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if passed_recently(request):
            return redirect(safe_next(request))
        if not devices.confirmed_app(request.user):
            if request.user.is_verified() or not settings.ENGAGE_REQUIRE_TWO_FACTOR:
                return redirect(safe_next(request))
            return redirect(with_next("engage_two_factor_set_up", safe_next(request)))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        request = self.request
        device = form.check.device
        self.passed(device)
        if isinstance(device, StaticDevice):
            left = devices.recovery_codes_left(request.user)
            messages.warning(
                request,
                f"You signed in with a recovery code. You have {left} left, and "
                "each works once. If you have lost your authenticator app, set "
                "up a new one from your account's 'More actions'.",
            )
            tell_staff(
                request.user,
                "a recovery code was used to sign in",
                "core/email/recovery_code_used.txt",
                left=left,
            )
        return redirect(safe_next(request))


class NewRecoveryCodesView(TemplateView):
    """Replace the recovery codes (the old ones stop working at once)."""

    template_name = "two_factor/new_recovery_codes.html"

    def dispatch(self, request, *args, **kwargs):
        if not devices.confirmed_app(request.user):
            # Recovery codes come with an authenticator, never alone.
            return redirect("engage_two_factor_set_up")
        if not passed_recently(request):
            return ask_again(request)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        codes = devices.new_recovery_codes(request.user)
        keep_verified(request)
        logger.info("New recovery codes made by user %s", request.user.pk)
        tell_staff(
            request.user,
            "new recovery codes were made",
            "core/email/new_recovery_codes.txt",
        )
        return show_recovery_codes(request, codes)
