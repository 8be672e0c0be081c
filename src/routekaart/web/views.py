from django.contrib.auth.decorators import login_required, permission_required
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..organisations import selectors as organisation_selectors
from ..organisations.selectors import active_role


@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    role = active_role(request)
    template = f"web/home/{role}.html" if role else "web/home/no_role.html"
    return render(request, template, {"role": role})


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
