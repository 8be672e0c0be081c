"""The team leader's pages: the team's open cases and caseload per coordinator, and a reassignment of a case
through the same warm handover a coordinator makes (TransferForm, services.coordinator_transfer).

Only a team leader (`Affiliation.leads_team`, organisations.selectors.teams_led) comes in; anyone else, a
superuser included, gets the 403 page and the refusal is logged like the access check's.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ..audit import services as audit
from ..core.forms import Form
from ..core.views import access_denied_as_403
from ..organisations import selectors as organisations_selectors
from ..residents.access import HOUSEHOLD_FILE
from . import team
from .forms import TransferForm
from .models import Case
from .views import case_hand_over_submit

PAGE_SIZE = 25


class TeamFilterForm(Form):
    coordinator = forms.TypedChoiceField(label=gettext_lazy("Regisseur"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, coordinators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].choices = [("", _("Alle regisseurs"))] + [
            (u.pk, u.get_full_name() or u.username) for u in coordinators
        ]


def _teams_led(request: HttpRequest, why: str) -> list[int]:
    """The organisations the user leads; none: the refusal is logged and answered with the 403 page."""
    organisation_ids = organisations_selectors.teams_led(user=request.user)
    if not organisation_ids:
        audit.processing_record(
            actor=request.user, activity=HOUSEHOLD_FILE, data_subjects=[""], result="denied", reason=why
        )
        raise PermissionDenied(_("Alleen een teamleider ziet het werk van het team."))
    return organisation_ids


@login_required
@access_denied_as_403
@require_GET
def team_caseload(request: HttpRequest) -> HttpResponse:
    """Het werk van het team: open cases per coordinator, most urgent first, filterable by coordinator."""
    organisation_ids = _teams_led(request, "team caseload: not a team leader")
    coordinators = organisations_selectors.team_coordinators(organisation_ids=organisation_ids)
    form = TeamFilterForm(request.GET or None, coordinators=coordinators)
    chosen = form.cleaned_data.get("coordinator") if form.is_valid() else None
    cases = team.team_cases(organisation_ids=organisation_ids, coordinator_id=chosen)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = team.team_rows(cases=page.object_list, user=request.user)
    names = {u.pk: u.get_full_name() or u.username for u in coordinators}
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "access/team_caseload.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "names": names,
            "caseload": team.team_caseload(organisation_ids=organisation_ids),
            "query": query.urlencode(),
        },
    )


@login_required
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def team_transfer(request: HttpRequest, case_id: int) -> HttpResponse:
    """A team leader reassigns a case of the team: the coordinator's own warm handover (note, resident informed)."""
    _teams_led(request, f"team handover of case {case_id}: not a team leader")
    case = get_object_or_404(Case, pk=case_id)
    if not team.team_case_led(user=request.user, case=case):
        audit.processing_record(
            actor=request.user,
            activity=HOUSEHOLD_FILE,
            data_subjects=[""],
            result="denied",
            reason=f"team handover of case {case_id}: not this team's case",
        )
        raise PermissionDenied(_("Deze casus hoort niet bij uw team."))
    form = TransferForm(request.POST or None, exclude_user=case.coordinator_id)

    return case_hand_over_submit(request, form, case, then="access:team_caseload") or render(
        request,
        "access/team_transfer.html",
        {"form": form, "case": case},
        status=400 if form.errors else 200,
    )
