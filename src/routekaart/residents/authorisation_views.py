"""Staff: record a machtiging from the signed form, reachable from the household page (whoever may record a
consent). The agent is found by BSN and birth date together; a mismatch says so in one message that does not tell
which of the two was wrong."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..audit import services as audit
from ..core.forms import service_errors_to_form
from ..core.views import access_denied_as_403
from . import selectors
from .access import household_access_check
from .authorisation_forms import AGENT_NOT_FOUND, AuthorisationForm
from .authorisation_services import authorisation_record


def _agent_found(request: HttpRequest, bsn: str, birth_date):
    """The resident with this BSN and this birth date, or None (a refused lookup is logged, naming no one)."""
    agent = selectors.resident_by_bsn(bsn) if bsn else None
    if agent is None or agent.birth_date != birth_date:
        audit.processing_record(
            actor=request.user,
            activity="consent",
            data_subjects=[""],
            result=audit.Result.DENIED,
            reason="authorisation: no resident with this BSN and birth date",
        )
        return None
    return agent


@permission_required("residents.record_consent", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def authorisation_create(request: HttpRequest, household_id: int) -> HttpResponse:
    access = household_access_check(user=request.user, household_id=household_id, purpose="consent")
    members = [m.resident for m in selectors.household_composition_get(access=access, on=access.on)]
    form = AuthorisationForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agent = _agent_found(request, data["agent_bsn"], data["agent_birth_date"])
        if agent is None:
            form.add_error(None, AGENT_NOT_FOUND)
        else:
            try:
                authorisation_record(
                    actor=request.user,
                    principal={r.pk: r for r in members}[data["principal"]],
                    agent=agent,
                    domains=data["domains"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(request, _("De machtiging is vastgelegd."))
                return redirect("residents:household_detail", household_id=household_id)
    status = 400 if form.errors else 200
    return render(
        request, "residents/authorisation_form.html", {"form": form, "household_id": household_id}, status=status
    )
