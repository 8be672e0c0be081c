"""Functioneel beheer's page of the background jobs: thin views over the selectors and the one service."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .registry import job_get


@permission_required("jobs.manage_jobs", raise_exception=True)
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    return render(request, "jobs/job_list.html", {"rows": selectors.job_overview()})


@permission_required("jobs.manage_jobs", raise_exception=True)
@require_POST
def job_run(request: HttpRequest, job: str) -> HttpResponse:
    definition = job_get(job)
    if definition is None:
        raise Http404
    try:
        services.job_run_request(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(job)s staat in de wachtrij en start zodra de achtergrondverwerking er ruimte voor heeft.")
            % {"job": definition.label},
        )
    return redirect("jobs:job_list")
