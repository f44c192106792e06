from functools import partial

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .views import with_next

# Admin views a signed-in person may reach before the second step.
OPEN_VIEWS = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "engage_two_factor_set_up",
        "engage_two_factor_verify",
    }
)


class SignedOut(AnonymousUser):
    """Anonymous, as django_otp's middleware makes every user: not verified."""

    otp_device = None

    def is_verified(self):
        return False


def _signed_in_fully(user):
    return user.is_authenticated and user.is_verified()


def _public_user(user):
    return user if _signed_in_fully(user) else SignedOut()


async def _public_auser(auser):
    return _public_user(await auser())


class RequireSecondFactorMiddleware:
    """Goes after django_otp's OTPMiddleware. In the admin, a session that has
    not passed the second step is sent to it; elsewhere (previews of private
    pages, documents in private collections) it counts as signed out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.ENGAGE_REQUIRE_TWO_FACTOR and not self._in_admin(request):
            # Lazy, as Django's own user is: anonymous visitors cost nothing.
            # The sign-in route for private pages needs to know who has
            # given their password: it reads `password_user`.
            request.password_user = request.user
            request.user = SimpleLazyObject(partial(_public_user, request.user))
            if (auser := getattr(request, "auser", None)) is not None:
                request.auser = partial(_public_auser, auser)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # __call__ has decided: `password_user` marks a request outside the admin.
        if not settings.ENGAGE_REQUIRE_TWO_FACTOR or hasattr(request, "password_user"):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.view_name in OPEN_VIEWS:
            return None
        target = (
            request.get_full_path()
            if request.method == "GET"
            else reverse("wagtailadmin_home")
        )
        return redirect(with_next("engage_two_factor_verify", target))

    @staticmethod
    def _in_admin(request):
        # request.path, like reverse(), includes any script prefix.
        return request.path.startswith(reverse("wagtailadmin_home"))
