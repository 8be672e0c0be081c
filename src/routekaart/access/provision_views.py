"""Staff pages for a granted provision after its decision: end it early (Beëindigen) or change it (Wijzigen), from
the decisions on the household's case page. The rules are the service's (access.services.provisions); a refusal is
shown on the field it names and nothing changes."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import permission_required
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..core.limits import limits_of
from ..core.views import access_denied_as_403, service_form_submit
from . import services
from .forms import ProvisionChangeForm, ProvisionEndForm
from .models import TailoredProvision
from .views import _back, _case_access, _form_page


def _provision_access(request: HttpRequest, provision_id: int):
    """A granted provision and its case, after the household's access check for the provision's law."""
    provision = get_object_or_404(TailoredProvision.objects.select_related("decision"), pk=provision_id)
    case, _access = _case_access(request, provision.decision.case_id, domain=provision.law)
    return provision, case


def _reasoning_room(form, provision: TailoredProvision, heading: str) -> None:
    """The provision keeps its whole reasoning in one field (the decision's, then each change's under its heading:
    access.services.provisions): the form offers only the room left, so a longer text is refused on its field with
    that limit instead of by the sum the service refuses. `heading` is the longest the service writes."""
    limit = limits_of(TailoredProvision, ["reasoning"])["reasoning"].max_length
    room = max(limit - len(f"{provision.reasoning}\n\n{heading}: "), 1)
    field = form.fields["reasoning"]
    if field.max_length is None or field.max_length > room:
        field.max_length = room
        field.validators.append(MaxLengthValidator(room))  # said as the field's instructive max_length message
        field.widget.attrs["maxlength"] = str(room)


def _longest_date() -> str:
    return date_format(datetime.date(2026, 9, 30), "j F Y")  # "30 september 2026": the longest month name


def _provision_intro(provision: TailoredProvision) -> str:
    return _("%(name)s, beschikking %(reference)s: %(starts_on)s tot en met %(ends_on)s, %(volume)s %(unit)s.") % {
        "name": provision.name,
        "reference": provision.decision.reference,
        "starts_on": provision.starts_on.strftime("%d-%m-%Y") if provision.starts_on else "—",
        "ends_on": provision.ends_on.strftime("%d-%m-%Y") if provision.ends_on else "—",
        "volume": provision.volume if provision.volume is not None else "—",
        "unit": provision.get_unit_display(),
    }


@permission_required("access.decide", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def provision_end(request: HttpRequest, provision_id: int) -> HttpResponse:
    """Beëindigen: a granted provision ends early; its provider's assignment ends with it."""
    provision, case = _provision_access(request, provision_id)
    form = ProvisionEndForm(request.POST or None)
    _reasoning_room(form, provision, _("Beëindigd per %(ends_on)s") % {"ends_on": _longest_date()})
    return service_form_submit(
        request,
        form,
        lambda data: services.provision_end(actor=request.user, provision=provision, **data),
        success=_("De voorziening is beëindigd."),
        then=_back(case),
    ) or _form_page(request, form=form, case=case, title=_("Voorziening beëindigen"), intro=_provision_intro(provision))


@permission_required("access.decide", raise_exception=True)
@access_denied_as_403
@require_http_methods(["GET", "POST"])
def provision_change(request: HttpRequest, provision_id: int) -> HttpResponse:
    """Wijzigen: a granted provision's volume or end date changes; its provider gets the changed assignment."""
    provision, case = _provision_access(request, provision_id)
    form = ProvisionChangeForm(request.POST or None, initial={"volume": provision.volume, "ends_on": provision.ends_on})
    _reasoning_room(form, provision, _("Gewijzigd per %(today)s") % {"today": _longest_date()})
    return service_form_submit(
        request,
        form,
        lambda data: services.provision_change(actor=request.user, provision=provision, **data),
        success=_("De voorziening is gewijzigd."),
        then=_back(case),
    ) or _form_page(request, form=form, case=case, title=_("Voorziening wijzigen"), intro=_provision_intro(provision))
