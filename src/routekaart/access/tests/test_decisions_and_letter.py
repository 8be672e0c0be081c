"""Beschikkingen: maatwerk building blocks under one law, urgent help by AMHK/Crisis, the letter as PDF."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from routekaart.access import services
from routekaart.access.letters import decision_letter_html, decision_letter_pdf, pango_missing
from routekaart.access.models import Decision, ProvisionOutcome, ReferralSource, SignalKind
from routekaart.organisations.roles import Domain

from . import journey

pytestmark = pytest.mark.django_db


def test_a_decision_for_begeleiding_under_the_wmo(planned_case, coordinator, household):
    result = services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    )
    decision = result.decision
    provision = decision.provisions.get()
    assert decision.law == "W" and decision.plan is not None
    assert provision.legal_basis == "Wmo 2015 art. 2.3.5 lid 3"
    assert provision.name.startswith("Begeleiding")
    assert decision.objection_weeks == 6
    assert not result.needs_process_coordinator


def test_a_provision_from_outside_the_maatwerk_zone_is_refused(planned_case, coordinator, household):
    with pytest.raises(ValidationError) as caught:
        services.decision_record(
            actor=coordinator,
            case=planned_case,
            addressee=household.mother,
            provisions=[journey.guidance(building_block=journey.block("low_threshold_services.social_work"))],
        )
    assert "provisions-0-building_block" in caught.value.message_dict


def test_the_law_must_be_one_of_the_building_blocks_domains(planned_case, coordinator, household):
    with pytest.raises(ValidationError) as caught:
        services.decision_record(
            actor=coordinator,
            case=planned_case,
            addressee=household.mother,
            provisions=[journey.guidance(law=Domain.PARTICIPATION)],
        )
    assert "valt niet onder deze wet" in caught.value.message_dict["provisions-0-law"][0]


def test_one_decision_is_under_one_law(planned_case, coordinator, household):
    with pytest.raises(ValidationError) as caught:
        services.decision_record(
            actor=coordinator,
            case=planned_case,
            addressee=household.mother,
            provisions=[journey.guidance(), journey.guidance(law=Domain.YOUTH)],
        )
    assert "één wet" in caught.value.message_dict["provisions"][0]


def test_a_refusal_needs_reasons_but_no_period(planned_case, coordinator, household):
    result = services.decision_record(
        actor=coordinator,
        case=planned_case,
        addressee=household.mother,
        provisions=[
            journey.guidance(
                building_block=journey.block("care_and_support.household_help"),
                outcome=ProvisionOutcome.REFUSED,
                starts_on=None,
                ends_on=None,
                volume=None,
                unit="",
                reasoning="Het netwerk helpt al in het huishouden.",
            )
        ],
    )
    assert result.decision.provisions.get().outcome == "refused"


def test_urgent_help_after_amhk_needs_no_plan(catalog, coordinator, household):
    signal = journey.melding(
        coordinator,
        household,
        kind=SignalKind.REFERRAL,
        source=ReferralSource.AMHK_CRISIS,
        domain=Domain.SUPPORT,
        urgent=True,
    )
    shelter = journey.guidance(
        building_block=journey.block("shelter_and_housing.crisis_shelter"),
        ends_on=timezone.localdate() + datetime.timedelta(days=28),
        volume=28,
        unit="nights_per_month",
        reasoning="Noor en Sem moeten vandaag veilig kunnen slapen.",
    )
    result = services.decision_record(
        actor=coordinator, case=signal.case, addressee=household.mother, provisions=[shelter], urgent=True
    )
    assert result.decision.plan is None and result.decision.urgent
    assert result.decision.provisions.get().legal_basis == "Wmo 2015 art. 2.3.3 (spoedeisend geval)"


def test_urgent_without_an_amhk_signal_is_refused(catalog, case, coordinator, household):
    with pytest.raises(ValidationError) as caught:
        services.decision_record(
            actor=coordinator, case=case, addressee=household.mother, provisions=[journey.guidance()], urgent=True
        )
    assert "AMHK/Crisis" in caught.value.message_dict["urgent"][0]
    assert not Decision.objects.exists()


def test_provisions_of_two_clusters_ask_for_a_process_coordinator(planned_case, coordinator, household):
    services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    )
    result = services.decision_record(
        actor=coordinator,
        case=planned_case,
        addressee=household.son,
        provisions=[
            journey.guidance(
                building_block=journey.block("youth_care.outpatient_youth_care"),
                law=Domain.YOUTH,
                unit="hours_per_week",
                volume=2,
            )
        ],
    )
    assert result.clusters == ["care_and_support", "youth_care"]
    assert result.needs_process_coordinator
    services.process_coordinator_appoint(actor=coordinator, case=planned_case, user=coordinator)
    planned_case.refresh_from_db()
    assert planned_case.process_coordinator == coordinator


def test_the_letter_is_plain_dutch_with_the_objection_clause(planned_case, coordinator, household):
    decision = services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    ).decision
    html = decision_letter_html(decision)
    assert "Beste Noor Hendriks" in html
    assert "U krijgt 4 dagdelen per week" in html
    assert "Bent u het niet eens met dit besluit?" in html
    assert "binnen 6 weken na de datum van deze brief" in html
    assert "Wmo 2015 art. 2.3.5 lid 3" in html


@pytest.mark.skipif(
    bool(pango_missing()),
    reason=f"Pango ontbreekt op deze machine, dus WeasyPrint maakt geen PDF ({pango_missing()}). "
    "Installeer als root: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0",
)
def test_the_letter_renders_as_pdf(planned_case, coordinator, household):
    decision = services.decision_record(
        actor=coordinator, case=planned_case, addressee=household.mother, provisions=[journey.guidance()]
    ).decision
    pdf = decision_letter_pdf(decision)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 2000
