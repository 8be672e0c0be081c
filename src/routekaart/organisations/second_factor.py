"""When a user must prove a second factor, which of the user's devices accepts a code, and how the login records a
failed code."""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django_otp import devices_for_user
from django_otp.models import Device, ThrottlingMixin


def second_factor_required(user) -> bool:
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    return not (settings.DEMO_ACCOUNTS_SKIP_SECOND_FACTOR and getattr(user, "is_demo", False))


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def device_for_code(user, token: str) -> Device | None:
    """The user's confirmed device that accepts the code, or None; a code counts for the user as a whole.

    django_otp.match_token tries every device, and each device that does not accept the code records a throttling
    failure: a user with a second authenticator app would lock the first out by using the second. Here a wrong code
    is one failure on each device (the same throttle as with one device), and a right code on one device clears the
    failures of all of them: the user proved the factor. Brute force still meets each device's throttle and the
    account lockout (record_failed_code).
    """
    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=True, for_verify=True))  # locked until the answer
        matched = next((device for device in devices if device.verify_token(token)), None)
        if matched is not None:
            for device in devices:
                if device != matched and isinstance(device, ThrottlingMixin) and device.throttling_failure_count:
                    device.throttle_reset()
    return matched


def record_failed_code(*, request: HttpRequest, username: str) -> None:
    """A wrong TOTP code counts as a failed login, so django-axes locks the account after five of any kind."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
