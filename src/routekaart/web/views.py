from django.contrib.auth.decorators import login_required, permission_required
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..core.outage import RETRY_AFTER_SECONDS, broken_connections_close
from ..organisations import selectors as organisation_selectors
from ..organisations.roles import Role
from ..organisations.selectors import active_role
from .home_figures import home_sections


@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Readiness, for load balancers: 200 when the database answers, 503 when it does not (take this worker out
    of rotation for a while; do not restart it: it serves again by itself once the database is back)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        broken_connections_close()  # the next probe connects afresh
        return JsonResponse({"status": "unavailable"}, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return JsonResponse({"status": "ok"})


@transaction.non_atomic_requests
@never_cache
@require_GET
def liveness(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers requests. Touches no database, so a database outage restarts no worker."""
    return JsonResponse({"status": "ok"})


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    role = active_role(request)
    if role in (None, Role.RESIDENT) and hasattr(request.user, "resident"):
        return redirect("portal:home")  # a resident's own account: Mijn Routekaart (its login is DigiD)
    template = f"web/home/{role}.html" if role else "web/home/no_role.html"
    return render(request, template, {"role": role})


@login_required
@require_GET
def home_figures(request: HttpRequest) -> HttpResponse:
    """The role's figures for its home page (counts, never a person): the fragment htmx loads into the home page,
    or a page of its own for a browser without JavaScript."""
    sections = home_sections(user=request.user, role=active_role(request))
    template = "web/home/components/figures.html" if request.htmx else "web/home/figures_page.html"
    return render(request, template, {"sections": sections})


@login_required
@require_POST
def switch_role(request: HttpRequest) -> HttpResponse:
    role = request.POST.get("role")
    if role in request.user.roles:
        request.session["active_role"] = role
    return redirect("home")


@permission_required("organisations.view_network", raise_exception=True)
@require_GET
def network(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/network.html",
        {
            "regions": organisation_selectors.region_list(),
            "organisations": organisation_selectors.organisation_list(),
        },
    )
