"""What works for whom: the steering page (aggregates for beleid) and the caseworker's panel at the moment of choice.

The panel is a fragment that the participation page (choosing an instrument) and the decision page (granting a
provision) load with htmx. It reads THIS resident's profile only after the access check of the page it sits in
(participation for an instrument, the household file for a provision), logs that read under the same purpose, and
shows the dashboard's own rates for residents with that profile; never another person.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..core import forms as core_forms
from ..income.selectors_facts_outcomes import benefit_facts
from ..organisations.roles import Domain
from ..participation.selectors_facts_outcomes import distance_category_on
from ..residents.access import AccessDenied, household_access_check
from ..residents.selectors import members_of, processing_log_read
from ..residents.selectors_facts_outcomes import person_facts
from .filters import filters_from
from .models import InterventionKind
from .profile import RULES, Profile, age_band, benefit_duration, education_group
from .selectors_outcomes import (
    KIND_CODES,
    OUTCOMES,
    SPLITS,
    dimension_labels,
    outcome_rates,
    panel_filters,
    profile_label,
    what_works_table,
)

ID_LIMIT = 2**63 - 1
# The page each kind of panel sits in: the purpose its read is logged under and the domain its access check asks.
PANEL_PURPOSES = {
    InterventionKind.INSTRUMENT: ("participation", Domain.PARTICIPATION),
    InterventionKind.PROVISION: ("household-file", Domain.GENERAL),
}


class WhatWorksForm(core_forms.Form):
    """The page's own choices beside the filters: split by which profile dimension, chart which outcome."""

    uitsplitsen = forms.ChoiceField(label=_("Uitsplitsen naar"), required=False, choices=list(SPLITS.items()))
    uitkomst = forms.ChoiceField(label=_("Uitkomst in de grafiek"), required=False, choices=list(OUTCOMES.items()))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["uitsplitsen"].error_messages["invalid_choice"] = _("Kies een van de kenmerken uit de lijst.")
        self.fields["uitkomst"].error_messages["invalid_choice"] = _("Kies een van de uitkomsten uit de lijst.")

    def choice(self) -> tuple[str, str]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("uitsplitsen") or "", data.get("uitkomst") or "work_found"


@permission_required("insights.view_insights", raise_exception=True)
@require_GET
def what_works(request: HttpRequest) -> HttpResponse:
    filter_form, filters = filters_from(request.GET)
    bound = any(name in request.GET for name in WhatWorksForm.base_fields)
    choice_form = WhatWorksForm(request.GET if bound else None)
    by, outcome = choice_form.choice()
    labels = dimension_labels()
    tables = [what_works_table(filters, kind=kind, by=by, outcome=outcome, labels=labels) for kind in KIND_CODES]
    invalid = bool(filter_form.errors or (bound and choice_form.errors))
    return render(
        request,
        "insights/what_works.html",
        {
            "section": "what_works",
            "filter_form": filter_form,
            "choice_form": choice_form,
            "filter_query": filters.query(),
            "tables": tables,
            "query": urlencode(filters.query()),
            "rules": RULES,
            "bands": [(SPLITS[d], labels[d]) for d in labels],
        },
        status=400 if invalid else 200,
    )


class PanelForm(core_forms.Form):
    """The panel's GET: the household and the resident (or the decision form's addressee), and what is chosen."""

    huishouden = forms.IntegerField(min_value=1, max_value=ID_LIMIT)
    inwoner = forms.IntegerField(min_value=1, max_value=ID_LIMIT, required=False)
    addressee = forms.IntegerField(min_value=1, max_value=ID_LIMIT, required=False)
    soort = forms.ChoiceField(choices=[(k, k) for k in PANEL_PURPOSES], required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages |= {
                "required": _("Het huishouden ontbreekt."),
                "invalid": _("Dit is geen geldig nummer."),
                "min_value": _("Dit is geen geldig nummer."),
                "max_value": _("Dit is geen geldig nummer."),
                "invalid_choice": _("Kies instrument of voorziening."),
            }

    @property
    def resident_id(self) -> int | None:
        return self.cleaned_data.get("inwoner") or self.cleaned_data.get("addressee")

    @property
    def kind(self) -> str:
        return self.cleaned_data.get("soort") or InterventionKind.INSTRUMENT


def resident_profile_now(*, access, resident_id: int, household_id: int) -> Profile:
    """THIS resident's profile today, through the owners' fact selectors (the same bands the refresh uses); the
    distance and the time on social assistance only when the access opens the Participatiewet domain for them."""
    today = timezone.localdate()
    person = next(iter(person_facts(resident_ids=[resident_id])), None)
    participation = access.sees_person(resident_id, Domain.PARTICIPATION)
    distance = benefit = None
    if participation:
        distance = distance_category_on(resident_id=resident_id, on=today) or RULES.distance_unknown.code
        running = [
            b
            for b in benefit_facts(household_ids=[household_id])
            if b.started_on <= today and (b.ended_on is None or today < b.ended_on)
        ]
        benefit = benefit_duration(running[-1].started_on if running else None, today)
    return Profile(
        age_band=age_band(person.birth_date if person else None, today),
        distance_category=distance,
        education=education_group(person.education_level if person else None),
        benefit_duration=benefit,
    )


@permission_required("insights.view_what_works_panel", raise_exception=True)
@require_GET
def what_works_panel(request: HttpRequest) -> HttpResponse:
    """htmx fragment: the rates of residents like this one, for the instruments or the provisions to choose from."""
    form = PanelForm(request.GET)
    if not form.is_valid():
        messages = [str(m) for errors in form.errors.values() for m in errors]
        return render(request, "insights/what_works_panel.html", {"error": messages[0]}, status=400)
    household_id, resident_id, kind = form.cleaned_data["huishouden"], form.resident_id, form.kind
    if resident_id is None:
        return render(request, "insights/what_works_panel.html", {"choose_resident": True, "kind": kind})
    purpose, domain = PANEL_PURPOSES[kind]
    try:
        access = household_access_check(user=request.user, household_id=household_id, domain=domain, purpose=purpose)
    except AccessDenied as denied:
        raise Http404 from denied
    resident = next(
        (r for r in members_of(household_ids=[household_id]).get(household_id, []) if r.pk == resident_id), None
    )
    if resident is None or not access.covers(resident_id):
        raise Http404
    profile = resident_profile_now(access=access, resident_id=resident_id, household_id=household_id)
    shown = {Domain.GENERAL} | ({Domain.PARTICIPATION} if profile.distance_category is not None else set())
    processing_log_read(access=access, residents=[resident], domains=shown)
    labels = dimension_labels()
    rows = outcome_rates(filters=panel_filters(access.on), kind=kind, profile=profile, labels=labels)
    items, too_few = [], []
    for row in rows:
        rates = [(OUTCOMES[name], r) for name, r in row.rates.items() if r.suppressed or r.percent is not None]
        if any(not r.suppressed for _label, r in rates):
            items.append((row.label, rates))
        else:
            too_few.append(row.label)
    return render(
        request,
        "insights/what_works_panel.html",
        {
            "kind": kind,
            "profile_text": profile_label(profile, labels),
            "items": items,
            "too_few": too_few,
            "years": RULES.panel_cohort_years,
        },
    )
