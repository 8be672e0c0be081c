from django.conf import settings
from django.http import HttpRequest

from ..organisations.roles import Role
from ..organisations.second_factor import second_factor_required
from ..organisations.selectors import active_role
from .navigation import menu_for


def shell(request: HttpRequest) -> dict:
    """What every page's frame needs: the active role, its navigation and the demo banner."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"demo_mode": settings.ROUTEKAART_DEMO}
    role = active_role(request)
    return {
        "demo_mode": settings.ROUTEKAART_DEMO,
        "active_role": role,
        "active_role_label": Role(role).label if role else "",
        "role_choices": [(r, Role(r).label) for r in user.roles],
        "navigation": menu_for(role),
        "second_factor_skipped": not user.is_verified() and not second_factor_required(user),
    }
