"""Staff users in the groups the site's migrations create, and signing them
in with both factors (QUALITY SEC-10)."""

import base64

from django.contrib.auth.models import Group
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "not-a-real-password"


def staff(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def authenticator(user) -> TOTPDevice:
    """The person's confirmed authenticator app, set up if they had none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Phone")


def current_code(device: TOTPDevice) -> str:
    """What the person's app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def app_code(key_on_page: str) -> str:
    """What an authenticator app shows now for a key typed into it from the
    set-up page ("ABCD EFGH ...")."""
    key = key_on_page.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{totp(base64.b32decode(key)):06d}"


def sign_in(client, user):
    """Signed in with the password and a passed second factor, as at the end of
    the admin's two steps (tests of the steps themselves go through the
    forms: tests/security/test_two_factor.py)."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
    session.save()
