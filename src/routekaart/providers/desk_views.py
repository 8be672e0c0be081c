"""The provider's desk under /aanbieder/: thin pages over `selectors_desk` and the assignment and progress services.

Every assignment is looked up within the provider's own scope; one of another provider is a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ..core.views import service_form_submit
from . import desk_forms, selectors_desk
from .models import AssignmentStatus, ProgressRating
from .services import assignments as assignment_services
from .services.progress import progress_report

PAGE_SIZE = 25
RATINGS = dict(ProgressRating.choices)
PERMISSION = "providers.use_desk"

TAB_LABELS = {
    "te-starten": gettext_lazy("Te starten"),
    "lopend": gettext_lazy("Lopend"),
    "afgelopen": gettext_lazy("Afgelopen"),
}


def _detail_url(assignment) -> str:
    return reverse("desk:assignment_detail", args=[assignment.pk])


def _assignment_form(
    request, form, action, *, assignment, success: str, title: str, intro: str, submit: str
) -> HttpResponse:
    """A report on one assignment: a valid form goes to its service and back to the assignment, else the form page."""
    response = service_form_submit(request, form, action, success=success, then=_detail_url(assignment))
    if response:
        return response
    status = 400 if form.errors else 200
    context = {"form": form, "assignment": assignment, "title": title, "intro": intro, "submit": submit}
    return render(request, "providers/desk/form.html", context, status=status)


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def assignment_list(request: HttpRequest) -> HttpResponse:
    """The provider's assignments in three tabs (to start, running, ended), each page's residents logged as read."""
    group = request.GET.get("status", selectors_desk.DEFAULT_GROUP)
    if group not in selectors_desk.STATUS_GROUPS:
        group = selectors_desk.DEFAULT_GROUP
    totals = selectors_desk.assignment_group_counts(user=request.user)
    assignments = selectors_desk.assignment_list(user=request.user, statuses=selectors_desk.STATUS_GROUPS[group])
    page = Paginator(assignments, PAGE_SIZE).get_page(request.GET.get("pagina"))
    selectors_desk.delivery_read_log(user=request.user, residents=[a.resident for a in page.object_list])
    for assignment in page.object_list:
        assignment.volume_label = selectors_desk.volume_text(assignment)
    tabs = [
        {
            "slug": slug,
            "label": label,
            "count": totals[slug],
            "url": f"{reverse('desk:assignment_list')}?status={slug}",
            "current": slug == group,
        }
        for slug, label in TAB_LABELS.items()
    ]
    return render(request, "providers/desk/assignment_list.html", {"page": page, "tabs": tabs, "group": group})


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def assignment_detail(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = selectors_desk.assignment_read(user=request.user, assignment_id=assignment_id)
    assignment.volume_label = selectors_desk.volume_text(assignment)
    goal_texts = {str(goal.get("id")): goal.get("text", "") for goal in assignment.goals or []}
    reports = list(assignment.progress_reports.all())
    for report in reports:
        report.rows = [
            {
                "label": goal_texts.get(str(row.get("goal")), ""),
                "rating_label": RATINGS.get(row.get("rating"), ""),
                "text": row.get("text", ""),
            }
            for row in report.goal_ratings or []
        ]
    context = {
        "assignment": assignment,
        "can_start": assignment.status == AssignmentStatus.SENT,
        "can_stop": assignment.status == AssignmentStatus.STARTED,
        "can_report": assignment.status == AssignmentStatus.STARTED,
        "stop_reason": desk_forms.stop_reasons().get(assignment.stop_reason, assignment.stop_reason),
        "reports": reports,
    }
    return render(request, "providers/desk/assignment_detail.html", context)


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def assignment_start(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """ "Zorg gestart": the start date goes to the assignment service, which sends the 305."""
    assignment = selectors_desk.assignment_read(user=request.user, assignment_id=assignment_id)
    form = desk_forms.StartForm(request.POST or None)
    return _assignment_form(
        request,
        form,
        lambda data: assignment_services.assignment_start(
            actor=request.user, assignment=assignment, started_on=data["started_on"]
        ),
        assignment=assignment,
        success=_("De start van de zorg is gemeld."),
        title=_("Zorg gestart: toewijzing %(number)s") % {"number": assignment.number},
        intro=_("Meld de datum waarop u met de zorg bent begonnen. De gemeente krijgt hiervan bericht (start zorg)."),
        submit=_("Start van de zorg melden"),
    )


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def assignment_stop(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """ "Zorg gestopt": the stop date and the standard's reason go to the assignment service (the 307)."""
    assignment = selectors_desk.assignment_read(user=request.user, assignment_id=assignment_id)
    form = desk_forms.StopForm(request.POST or None)
    return _assignment_form(
        request,
        form,
        lambda data: assignment_services.assignment_stop(
            actor=request.user, assignment=assignment, stopped_on=data["stopped_on"], reason=data["reason"]
        ),
        assignment=assignment,
        success=_("Het einde van de zorg is gemeld."),
        title=_("Zorg gestopt: toewijzing %(number)s") % {"number": assignment.number},
        intro=_("Meld de datum waarop de zorg is gestopt en de reden. De gemeente krijgt hiervan bericht (stop zorg)."),
        submit=_("Einde van de zorg melden"),
    )


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def progress_create(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """ "Voortgang melden": per goal given with the assignment a rating and a short text, and a summary."""
    assignment = selectors_desk.assignment_read(user=request.user, assignment_id=assignment_id)
    form = desk_forms.ProgressForm(request.POST or None, goals=assignment.goals or [])
    return _assignment_form(
        request,
        form,
        lambda data: progress_report(
            actor=request.user,
            assignment=assignment,
            reported_on=data["reported_on"],
            summary=data["summary"],
            goal_ratings=form.goal_ratings(),
        ),
        assignment=assignment,
        success=_("Uw voortgangsverslag is vastgelegd."),
        title=_("Voortgang melden: toewijzing %(number)s") % {"number": assignment.number},
        intro=_("Geef per doel uit het plan aan hoe het gaat, met een korte toelichting, en vat de voortgang samen."),
        submit=_("Verslag vastleggen"),
    )


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def contract(request: HttpRequest) -> HttpResponse:
    """The provider's contracts, products, tariffs and volumes, and its declarations with their retour codes."""
    overview = selectors_desk.contract_overview(user=request.user)
    return render(request, "providers/desk/contract.html", {"overview": overview})
