"""The household timeline names the case's steps in plain Dutch: which provisions a decision granted, which plan
version became active, what kind of signal came in, and links each to the case page."""

import pytest
from django.urls import reverse

from routekaart.access import services
from routekaart.residents.access import household_access
from routekaart.residents.timeline import timeline_page

from . import journey

pytestmark = pytest.mark.django_db


def test_the_case_steps_read_as_sentences_with_their_names_and_link_to_the_case(planned_case, coordinator, household):
    decision = services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    ).decision
    name = decision.provisions.get().name
    _page, entries = timeline_page(access=household_access(user=coordinator, household_id=household.pk))
    by_action = {entry.event.action: entry for entry in entries}
    assert by_action["decision.recorded"].sentence == f"Beschikking {name} toegekend door Rana Regisseur"
    assert by_action["plan.activated"].sentence == "Plan van aanpak actief: versie 1 vastgesteld door Rana Regisseur"
    assert by_action["signal.received"].sentence == "Melding ontvangen door Rana Regisseur"
    assert by_action["decision.recorded"].url == reverse("access:household", args=[household.pk])
    assert {by_action["decision.recorded"].kind, by_action["plan.activated"].kind} == {"decisions", "plan"}
