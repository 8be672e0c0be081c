"""When a user must prove a second factor, and how the login records a failed code."""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django_otp import devices_for_user


def second_factor_required(user) -> bool:
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    return not (settings.DEMO_ACCOUNTS_SKIP_SECOND_FACTOR and getattr(user, "is_demo", False))


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def record_failed_code(*, request: HttpRequest, username: str) -> None:
    """A wrong TOTP code counts as a failed login, so django-axes locks the account after five of any kind."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
