"""Staff authenticators and recovery codes, on django-otp's device models."""

import base64
import math
import time
from dataclasses import dataclass

import segno
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

RECOVERY_CODE_COUNT = 10
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
NEW_KEY = "engage_two_factor_new_key"


@dataclass(frozen=True)
class CodeCheck:
    """What a code proved: the device it matched, or how long to wait before
    the next try is allowed (django-otp doubles the wait after each miss)."""

    device: object = None
    wait_seconds: int = 0

    @property
    def passed(self) -> bool:
        return self.device is not None


def confirmed_app(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def new_app(request) -> TOTPDevice:
    """The authenticator this session is setting up, unsaved. Its key lives
    in this session alone until a code proves it, so nobody else who knows
    the password can see it, or confirm it first."""
    key = request.session.get(NEW_KEY)
    if key is None:
        key = request.session[NEW_KEY] = default_key()
    return TOTPDevice(user=request.user, name=APP_NAME, key=key, confirmed=False)


def normalised(code: str) -> str:
    """Codes as people type them: spaces and hyphens dropped, any case."""
    return "".join(code.split()).replace("-", "").lower()


def _fits_new_app(device: TOTPDevice, code: str) -> bool:
    """Whether `code` is what the app being set up shows now (or a step
    either side). Not TOTPDevice.verify_token, which saves the device: it is
    saved only once confirmed. No throttle: the key is this session's own, so
    guessing gains nothing."""
    if not (code.isascii() and code.isdigit()) or len(code) != device.digits:
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance):
        return False
    device.last_t = totp.t()  # so the same code cannot sign in again
    return True


def check_code(user, code: str, device=None) -> CodeCheck:
    """Try `code` on `device` (an app being set up), or on the person's
    authenticator (six digits) or recovery codes (anything else)."""
    code = normalised(code)
    if device is not None and device.pk is None:
        return CodeCheck(device=device if _fits_new_app(device, code) else None)
    if device is None:
        model = TOTPDevice if code.isdigit() else StaticDevice
        device = model.objects.filter(user=user, confirmed=True).first()
        if device is None:
            return CodeCheck()
    allowed, refusal = device.verify_is_allowed()
    if not allowed:
        locked_until = (refusal or {}).get("locked_until")
        wait = (locked_until - timezone.now()).total_seconds() if locked_until else 1
        return CodeCheck(wait_seconds=max(1, math.ceil(wait)))
    # django-otp locks the device row while it checks, so two tries at once
    # cannot both pass, nor one code be used twice.
    return CodeCheck(device=verify_token(user, device.persistent_id, code))


def _lock(user):
    """Serialise changes to one person's devices."""
    get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()


@transaction.atomic
def confirm_app(device: TOTPDevice, *, replacing: bool) -> list[str] | None:
    """Save `device` as the person's only authenticator and give them fresh
    recovery codes, returned in plain text this once. None if, unless
    `replacing`, they already have one (another session got there first)."""
    _lock(device.user)
    existing = TOTPDevice.objects.filter(user=device.user)
    if not replacing and existing.filter(confirmed=True).exists():
        return None
    existing.delete()
    device.confirmed = True
    device.save()
    return _replace_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    _lock(user)
    return _replace_recovery_codes(user)


def _replace_recovery_codes(user) -> list[str]:
    # A new device, not new codes on the old one: sessions that passed with
    # an old code are verified by the old device, and lose it.
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def recovery_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user).first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def forget(user) -> int:
    """Remove every authenticator and recovery code the person has."""
    apps, _ = TOTPDevice.objects.filter(user=user).delete()
    codes, _ = StaticDevice.objects.filter(user=user).delete()
    return apps + codes


def readable_key(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, dark="#000", light="#fff"
    )
