"""The household's timeline page, and its block on the household page (the latest entries, a link to the rest)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..audit.event_labels import event_kinds
from ..core.forms import Form
from ..core.views import access_denied_as_403
from ..organisations.roles import Domain
from . import timeline
from .access import household_access_check
from .household_blocks import HouseholdBlock

BLOCK_ORDER = 900


class TimelineFilterForm(Form):
    """Filters by domain and kind: codes only, so the address never holds personal data."""

    domein = forms.ChoiceField(label=_("Domein"), required=False)
    soort = forms.ChoiceField(label=_("Soort"), required=False)

    def __init__(self, *args, domains: list[str] | None = None, **kwargs) -> None:
        """`domains`: those the viewer sees (the view passes them); every domain when left out."""
        super().__init__(*args, **kwargs)
        names = dict(Domain.choices)
        domains = list(names) if domains is None else domains
        self.fields["domein"].choices = [("", _("Alle domeinen")), *((d, names[d]) for d in domains)]
        self.fields["soort"].choices = [("", _("Alles")), *event_kinds()]


@login_required
@access_denied_as_403
@require_GET
def household_timeline(request: HttpRequest, household_id: int) -> HttpResponse:
    """Everything that happened in the household that the viewer may see, newest first, 25 per page."""
    access = household_access_check(user=request.user, household_id=household_id, purpose="household-file")
    domains = timeline.visible_domains(access)
    form = TimelineFilterForm(request.GET or None, domains=domains)
    filters = form.cleaned_data if form.is_valid() else {}
    page, entries = timeline.timeline_page(
        access=access,
        domain=filters.get("domein") or "",
        kind=filters.get("soort") or "",
        page=request.GET.get("pagina"),
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "household_id": household_id,
        "form": form,
        "page": page,
        "entries": entries,
        "query": query.urlencode(),
        "person_scoped": not domains,
    }
    return render(request, "residents/timeline.html", context, status=400 if form.errors else 200)


def timeline_block(file) -> HouseholdBlock | None:
    """The latest entries on the household page; none for a person-scoped access (the timeline is the household's)."""
    if not timeline.visible_domains(file.access):
        return None
    residents = list({m.resident_id: m.resident for m in file.history}.values())
    entries, more = timeline.timeline_latest(access=file.access, residents=residents)
    return HouseholdBlock(
        key="timeline",
        title=_("Tijdlijn"),
        template="residents/components/household_timeline.html",
        context={"entries": entries, "more": more},
        url=reverse("residents:timeline", args=[file.household.pk]),
    )
