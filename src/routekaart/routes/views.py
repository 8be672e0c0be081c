"""Route pages: the route maps (configuration, no personal data) and the trajectories (personal data).

Every trajectory page asks the residents access check first (`resident_access_check`, purpose "route-guidance"); a
refused check is answered with the one 403 page (core); the audit middleware writes its log entry. Bad
input is refused by the service with a Dutch message; the page shows it (status 400) and nothing has changed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..core import limits
from ..core.views import access_denied_as_403
from ..organisations import selectors as organisation_selectors
from ..residents.access import resident_access_check
from . import forms, selectors, services
from .models import RegieHandover, Trajectory, WaitlistEntry
from .services import ACTIVITY


@permission_required("routes.view_templates", raise_exception=True)
@require_GET
def route_map_list(request: HttpRequest) -> HttpResponse:
    maps = selectors.route_map_list()
    routes = list(selectors.route_list())
    per_map = {route_map.pk: [] for route_map in maps}
    for route in routes:
        per_map.setdefault(route.route_map_id, []).append(route)
    rows = [(route_map, per_map[route_map.pk]) for route_map in maps]
    return render(request, "routes/route_map_list.html", {"rows": rows})


@permission_required("routes.view_templates", raise_exception=True)
@require_GET
def route_map_detail(request: HttpRequest, code: str) -> HttpResponse:
    view = selectors.route_map_get(code=code)
    names = selectors.catalog_names()
    tiers_of = {}
    for tier in view.tiers:
        for destination in tier.destinations:
            tiers_of.setdefault(destination, []).append(tier)
    context = {"view": view, "route_map": view.route_map, "names": names, "tiers_of": tiers_of}
    return render(request, "routes/route_map_detail.html", context)


# --- trajectories -----------------------------------------------------------------------------------------------


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


@permission_required("routes.view_trajectories", raise_exception=True)
@require_GET
def trajectory_list(request: HttpRequest) -> HttpResponse:
    """Every trajectory the user sees through an involvement: route, step, regie, overdue."""
    from django.core.paginator import Paginator

    route_code = request.GET.get("route") or None
    trajectories = selectors.trajectory_list(user=request.user, route_code=route_code)
    page = Paginator(trajectories, 50).get_page(request.GET.get("pagina"))
    selectors.trajectories_read_log(user=request.user, trajectories=page.object_list)
    routes = forms.exit_routes()
    context = {"page": page, "routes": routes, "route_code": route_code, "query": _query(request)}
    return render(request, "routes/trajectory_list.html", context)


@permission_required("routes.view_school_dashboard", raise_exception=True)
@require_GET
def school_dashboard(request: HttpRequest) -> HttpResponse:
    dashboard = selectors.school_dashboard(user=request.user, page_number=request.GET.get("pagina"))
    return render(
        request, "routes/school_dashboard.html", {"dashboard": dashboard, "page": dashboard.page, "query": ""}
    )


@permission_required("routes.view_dienst_dashboard", raise_exception=True)
@require_GET
def dienst_dashboard(request: HttpRequest) -> HttpResponse:
    dashboard = selectors.dienst_dashboard(user=request.user, page_number=request.GET.get("pagina"))
    return render(
        request, "routes/dienst_dashboard.html", {"dashboard": dashboard, "page": dashboard.page, "query": ""}
    )


@permission_required("routes.start_trajectory", raise_exception=True)
@require_http_methods(["GET", "POST"])
@access_denied_as_403
def trajectory_start(request: HttpRequest) -> HttpResponse:
    """A school registers a leaver on an exit route (or the Dienst a young person): exit profile, internships."""
    own = [a.organisation for a in request.user.affiliations.select_related("organisation")]
    household = request.GET.get("huishouden", "")  # from the household page: only its members, no typing
    household_id = int(household) if household.isdigit() and int(household) <= limits.OBJECT_ID.high else None
    form = forms.TrajectoryStartForm(
        request.POST or None,
        residents=selectors.resident_choices(user=request.user, household_id=household_id),
        routes=forms.exit_routes(),
        organisations=organisation_selectors.organisation_list().prefetch_related(None).order_by("name"),
        own_organisations=own,
    )
    if request.method == "POST" and form.is_valid():
        resident = form.cleaned_data["resident"]
        resident_access_check(user=request.user, resident_id=resident.pk, purpose=ACTIVITY)
        try:
            trajectory = services.trajectory_start(
                actor=request.user,
                resident=resident,
                route=form.cleaned_data["route"],
                organisations=form.organisations(),
                school_kind=form.cleaned_data["school_kind"],
                exit_profile=form.cleaned_data["exit_profile"],
                internships=form.cleaned_data["internships"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Het traject is begonnen."))
            return redirect("routes:trajectory_detail", pk=trajectory.pk)
    return render(request, "routes/trajectory_start.html", {"form": form}, status=400 if form.errors else 200)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            target = field if field in form.fields else None
            if field == "organisations" or target is None:
                for message in messages_:
                    form.add_error(None, message)
            else:
                for message in messages_:
                    form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _access(request: HttpRequest, pk: int):
    resident_id = selectors.trajectory_resident_id(pk=pk)
    access = resident_access_check(user=request.user, resident_id=resident_id, purpose=ACTIVITY)
    selectors.trajectory_scope_check(user=request.user, pk=pk)  # a provider: only its own trajectories
    return access


def _detail(
    request: HttpRequest, pk: int, *, errors: list[str] | None = None, status: int = 200, bound: Form | None = None
) -> HttpResponse:
    """The trajectory page; with `bound`, a form that did not validate is shown with its values and errors, and
    the error summary at the top links to its fields."""
    view = selectors.trajectory_get(access=_access(request, pk), pk=pk)
    context = {
        "view": view,
        "trajectory": view.trajectory,
        "route": view.route,
        "progress_states": {n: p.state for n, p in view.progress.items() if p},
        "errors": errors or [],
        "transition_form": forms.StepTransitionForm(),
        "condition_form": forms.ConditionRecordForm(conditions=view.recordable),
        "due_form": forms.DueDateForm(),
        "offer_form": forms.PlaceOfferForm(),
        "meanwhile_form": forms.MeanwhileForm(
            initial={
                "social_assistance": getattr(view.waitlist, "receives_social_assistance", False),
                "day_activities": getattr(view.waitlist, "receives_day_activities", False),
            }
        ),
        "reason_form": forms.ReasonForm(),
        "recordable": view.recordable,  # the step's rule (services.recordable_conditions), as the API shows
        "my_organisations": {a.organisation_id for a in request.user.affiliations.all()},
    }
    if bound is not None:
        context.update({key: bound for key, value in context.items() if type(value) is type(bound)})
        context["bound_form"] = bound
    return render(request, "routes/trajectory_detail.html", context, status=status)


@permission_required("routes.view_trajectories", raise_exception=True)
@require_GET
@access_denied_as_403
def trajectory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The resident's route map: numbered steps (done, current, next), who holds regie, the life-phase line."""
    return _detail(request, pk)


def _act(request: HttpRequest, pk: int, action, success: str, *, form=None) -> HttpResponse:
    """Run one service for a POST, once its form (if any) validates; a form that does not validate, or a refusal,
    shows the page again with the Dutch messages (400, nothing changed). The access check comes first."""
    _access(request, pk)
    if form is not None and not form.is_valid():
        return _detail(request, pk, status=400, bound=form)
    try:
        action()
    except ValidationError as error:
        return _detail(request, pk, errors=_messages(error), status=400)
    messages.success(request, success)
    return redirect(reverse("routes:trajectory_detail", kwargs={"pk": pk}))


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for messages_ in error.message_dict.values() for m in messages_]
    return list(error.messages)


@permission_required("routes.view_trajectories", raise_exception=True)
@require_POST
@access_denied_as_403
def step_transition(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    form = forms.StepTransitionForm(request.POST)
    return _act(
        request,
        pk,
        lambda: services.step_transition(
            actor=request.user,
            trajectory=get_object_or_404(Trajectory, pk=pk),
            number=number,
            transition=form.cleaned_data["transition"],
            reason=form.cleaned_data["reason"],
            outcome=form.cleaned_data["outcome"],
        ),
        _("De stap is bijgewerkt."),
        form=form,
    )


@permission_required("routes.view_trajectories", raise_exception=True)
@require_POST
@access_denied_as_403
def step_due(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    form = forms.DueDateForm(request.POST)
    return _act(
        request,
        pk,
        lambda: services.step_due_set(
            actor=request.user,
            trajectory=get_object_or_404(Trajectory, pk=pk),
            number=number,
            due_on=form.cleaned_data["due_on"],
        ),
        _("De termijn is vastgelegd."),
        form=form,
    )


@permission_required("routes.view_trajectories", raise_exception=True)
@require_POST
@access_denied_as_403
def condition_record(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.ConditionRecordForm(request.POST)
    return _act(
        request,
        pk,
        lambda: services.condition_record(
            actor=request.user, trajectory=get_object_or_404(Trajectory, pk=pk), **form.cleaned_data
        ),
        _("Vastgelegd."),
        form=form,
    )


@permission_required("routes.view_trajectories", raise_exception=True)
@require_POST
@access_denied_as_403
def handover_accept(request: HttpRequest, pk: int, handover_id: int) -> HttpResponse:
    handover = get_object_or_404(RegieHandover, pk=handover_id, trajectory_id=pk)
    return _act(
        request,
        pk,
        lambda: services.regie_handover_accept(actor=request.user, handover=handover),
        _("U hebt de regie overgenomen."),
    )


@permission_required("routes.view_trajectories", raise_exception=True)
@require_POST
@access_denied_as_403
def handover_propose(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_object_or_404(Trajectory, pk=pk)
    return _act(
        request,
        pk,
        lambda: services.regie_handover_propose(
            actor=request.user,
            trajectory=trajectory,
            to_party=request.POST.get("to_party", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("De overdracht van de regie is voorgesteld."),
    )


@permission_required("routes.view_trajectories", raise_exception=True)
@require_POST
@access_denied_as_403
def waitlist_offer(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.PlaceOfferForm(request.POST)
    return _act(
        request,
        pk,
        lambda: services.waitlist_place_offer(
            actor=request.user, entry=get_object_or_404(WaitlistEntry, trajectory_id=pk), **form.cleaned_data
        ),
        _("De plek is vastgelegd; de leerling gaat naar de volgende stap."),
        form=form,
    )


@permission_required("routes.view_trajectories", raise_exception=True)
@require_POST
@access_denied_as_403
def waitlist_meanwhile(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.MeanwhileForm(request.POST)
    form.is_valid()
    entry = get_object_or_404(WaitlistEntry, trajectory_id=pk)
    return _act(
        request,
        pk,
        lambda: services.waitlist_meanwhile_set(
            actor=request.user,
            entry=entry,
            social_assistance=form.cleaned_data.get("social_assistance", False),
            day_activities=form.cleaned_data.get("day_activities", False),
        ),
        _("Vastgelegd wat de leerling tijdens de wachttijd krijgt."),
    )


@permission_required("routes.view_trajectories", raise_exception=True)
@require_POST
@access_denied_as_403
def trajectory_stop(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_object_or_404(Trajectory, pk=pk)
    return _act(
        request,
        pk,
        lambda: services.trajectory_stop(
            actor=request.user, trajectory=trajectory, reason=request.POST.get("stop-reason", "")
        ),
        _("Het traject is gestopt."),
    )


@permission_required("routes.view_trajectories", raise_exception=True)
@require_POST
@access_denied_as_403
def trajectory_switch(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_object_or_404(Trajectory, pk=pk)
    _access(request, pk)
    try:
        successor = services.trajectory_switch_route(
            actor=request.user,
            trajectory=trajectory,
            route_code=request.POST.get("route", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        return _detail(request, pk, errors=_messages(error), status=400)
    messages.success(request, _("De leerling gaat verder op route %(route)s.") % {"route": successor.route.name})
    return redirect("routes:trajectory_detail", pk=successor.pk)
