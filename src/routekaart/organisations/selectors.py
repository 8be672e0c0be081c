"""Queries about the network and the signed-in user."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Affiliation, Organisation, OrganisationKind, Region, User
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


def municipality_list() -> QuerySet[Organisation]:
    """The municipalities, by name: the filter of every aggregate figure."""
    return Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name")


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


def organisation_names(*, codes) -> dict[str, str]:
    """The names of these organisations by code (one query): the processing log stores only the code."""
    return dict(Organisation.objects.filter(code__in=set(codes)).values_list("code", "name"))


def roles_at(*, pairs) -> dict[tuple[int, str], list[str]]:
    """The roles each user holds today at each organisation, for (user id, organisation code) pairs: one query
    whatever their number. A pair without a role now is absent (the user left, or changed organisation)."""
    pairs = {(user_id, code) for user_id, code in pairs if user_id and code}
    if not pairs:
        return {}
    held: dict[tuple[int, str], list[str]] = {}
    rows = Affiliation.objects.filter(
        user_id__in={user_id for user_id, _code in pairs}, organisation__code__in={code for _user, code in pairs}
    ).values_list("user_id", "organisation__code", "role")
    for user_id, code, role in rows:
        if (user_id, code) in pairs:
            held.setdefault((user_id, code), []).append(role)
    return {key: [role for role in Role.values if role in roles] for key, roles in held.items()}
