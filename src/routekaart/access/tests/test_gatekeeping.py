"""Poortwachter: refer back to named voorveld provisions, or continue; the job search of Participatiewet clients."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from routekaart.access import services
from routekaart.access.models import CaseStatus, Deadline, GatekeepingOutcome, SignalKind
from routekaart.organisations.roles import Domain
from routekaart.residents.tests.factories import MembershipFactory, ResidentFactory

from . import journey

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 2)


def test_referring_back_names_general_provisions_and_closes_the_case(catalog, case, coordinator):
    journey.intake(coordinator, case)
    social_work = journey.block("low_threshold_services.social_work")
    services.gatekeeping_record(
        actor=coordinator, case=case, outcome=GatekeepingOutcome.REFER_BACK, general_provisions=[social_work]
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closure_reason == "referred_back"
    assert not Deadline.objects.filter(case=case, met_on__isnull=True, lapsed_on__isnull=True).exists()


def test_referring_back_without_naming_a_provision_is_refused(catalog, case, coordinator):
    journey.intake(coordinator, case)
    with pytest.raises(ValidationError) as caught:
        services.gatekeeping_record(actor=coordinator, case=case, outcome=GatekeepingOutcome.REFER_BACK)
    assert "general_provisions" in caught.value.message_dict


def test_only_voorveld_provisions_can_be_named(catalog, case, coordinator):
    journey.intake(coordinator, case)
    with pytest.raises(ValidationError) as caught:
        services.gatekeeping_record(
            actor=coordinator,
            case=case,
            outcome=GatekeepingOutcome.REFER_BACK,
            general_provisions=[journey.block("care_and_support.guidance")],
        )
    assert "voorveld" in caught.value.message_dict["general_provisions"][0]


def test_the_gatekeeper_decides_after_the_intake(case, coordinator):
    with pytest.raises(ValidationError) as caught:
        services.gatekeeping_record(actor=coordinator, case=case, outcome=GatekeepingOutcome.CONTINUE)
    assert "na de intake" in caught.value.message_dict["outcome"][0]


def test_a_participation_application_records_the_own_job_search(coordinator, household):
    case = journey.melding(coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.PARTICIPATION).case
    journey.intake(coordinator, case)
    with pytest.raises(ValidationError) as caught:
        services.gatekeeping_record(actor=coordinator, case=case, outcome=GatekeepingOutcome.CONTINUE)
    assert "werk te vinden" in caught.value.message_dict["job_search"][0]
    services.gatekeeping_record(
        actor=coordinator,
        case=case,
        outcome=GatekeepingOutcome.CONTINUE,
        job_search="Ingeschreven bij twee uitzendbureaus",
        job_applications=6,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSMENT


def test_a_young_person_continues_only_after_the_four_week_search_or_with_an_exemption(coordinator, household):
    young = ResidentFactory(birth_date=datetime.date(2005, 5, 5))
    MembershipFactory(household=household, resident=young, role="child", valid_from=datetime.date(2018, 1, 1))
    with freeze_time(TODAY):
        case = journey.melding(
            coordinator, household, kind=SignalKind.APPLICATION, domain=Domain.PARTICIPATION, resident=young
        ).case
        journey.intake(coordinator, case)
    with freeze_time(TODAY + datetime.timedelta(weeks=2)):
        with pytest.raises(ValidationError) as caught:
            services.gatekeeping_record(
                actor=coordinator, case=case, outcome=GatekeepingOutcome.CONTINUE, job_search="Twee sollicitaties"
            )
        assert "zoekperiode van vier weken" in caught.value.message_dict["outcome"][0]
        with pytest.raises(ValidationError) as caught:
            services.gatekeeping_record(
                actor=coordinator,
                case=case,
                outcome=GatekeepingOutcome.CONTINUE,
                job_search="Twee sollicitaties",
                search_period_exempt=True,
            )
        assert "note" in caught.value.message_dict
    with freeze_time(TODAY + datetime.timedelta(weeks=4)):
        services.gatekeeping_record(
            actor=coordinator, case=case, outcome=GatekeepingOutcome.CONTINUE, job_search="Acht sollicitaties"
        )
    assert Deadline.objects.get(case=case, rule__code="youth_search_period").met_by == "gatekeeping_recorded"
