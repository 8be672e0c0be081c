"""Queries about the network and the signed-in user."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Organisation, Region, User
from .roles import Role


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


def teams_led(*, user) -> list[int]:
    """The organisations whose team `user` leads (`Affiliation.leads_team`), from the affiliations already loaded
    for the request. A superuser leads nothing by being one: only the flag counts."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return []
    return sorted({a.organisation_id for a in user.affiliations_held() if a.leads_team and a.role == Role.COORDINATOR})


def team_coordinators(*, organisation_ids) -> list[User]:
    """The active coordinators of these organisations, by name: whose caseload a team leader sees (one query)."""
    return list(
        User.objects.filter(
            is_active=True,
            affiliations__organisation_id__in=list(organisation_ids),
            affiliations__role=Role.COORDINATOR,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
