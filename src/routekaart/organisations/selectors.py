"""Queries about the network and the signed-in user."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Organisation, Region, User


def active_role(request: HttpRequest) -> str | None:
    """The role the user works in now: chosen in the session, or the first one held."""
    roles = request.user.roles if request.user.is_authenticated else []
    chosen = request.session.get("active_role")
    if chosen in roles:
        return chosen
    return roles[0] if roles else None


def totp_device_pending(*, user: User) -> TOTPDevice | None:
    """The authenticator app being linked (not yet confirmed with a code), if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


def organisation_list() -> QuerySet[Organisation]:
    return (
        Organisation.objects.select_related("region", "municipality")
        .prefetch_related("serves")
        .order_by("kind", "name")
    )


def region_list() -> QuerySet[Region]:
    return Region.objects.select_related("central_municipality")
