"""Plan van aanpak: one active version, the resident's agreement recorded, versions kept, agreements by party."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone

from routekaart.access import services
from routekaart.access.models import AgreementParty, AgreementStatus, Plan, PlanStatus, ResidentAgreement

from . import journey

pytestmark = pytest.mark.django_db


def test_the_plan_has_three_agreements_by_party_and_a_review_within_a_year(planned_case):
    plan = Plan.objects.get(case=planned_case, status=PlanStatus.ACTIVE)
    assert sorted(a.party for a in plan.agreements.all()) == ["network", "provider", "resident"]
    assert plan.resident_agreement == ResidentAgreement.AGREED
    assert plan.next_review_on == plan.activated_on + relativedelta(months=12)
    assert plan.deadlines.get().rule.code == "plan_review"


def test_a_revision_is_a_new_version_and_the_old_one_is_kept_unchangeable(planned_case, coordinator):
    first = Plan.objects.get(case=planned_case, status=PlanStatus.ACTIVE)
    done = first.agreements.get(party=AgreementParty.RESIDENT)
    services.agreement_status_set(actor=coordinator, agreement=done, status=AgreementStatus.DONE)
    draft = services.plan_draft(actor=coordinator, case=planned_case)  # copies goals and open agreements
    assert draft.version == 2
    assert draft.goals.count() == 2
    assert draft.agreements.count() == 2
    assert {a.origin_id for a in draft.agreements.all()} <= set(first.agreements.values_list("pk", flat=True))
    services.plan_activate(
        actor=coordinator,
        plan=draft,
        resident_agreement=ResidentAgreement.PARTLY,
        resident_agreement_note="Wil geen dagbesteding",
    )
    first.refresh_from_db()
    assert first.status == PlanStatus.SUPERSEDED
    with pytest.raises(ValidationError) as caught:
        services.agreement_add(
            actor=coordinator,
            plan=first,
            spec=services.AgreementSpec("Nog iets", AgreementParty.RESIDENT, timezone.localdate()),
        )
    assert "vervangen" in caught.value.messages[0]
    assert Plan.objects.filter(case=planned_case).count() == 2


def test_activation_needs_the_residents_agreement_recorded(case, coordinator):
    journey.intake(coordinator, case)
    services.gatekeeping_record(actor=coordinator, case=case, outcome="continue")
    draft = services.plan_draft(
        actor=coordinator, case=case, goals=[services.GoalSpec("finances", "Schulden in beeld")]
    )
    with pytest.raises(ValidationError) as caught:
        services.plan_activate(actor=coordinator, plan=draft, resident_agreement="")
    assert "resident_agreement" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.plan_activate(actor=coordinator, plan=draft, resident_agreement=ResidentAgreement.NOT_AGREED)
    assert "resident_agreement_note" in caught.value.message_dict


def test_the_review_is_at_least_once_a_year(case, coordinator):
    journey.intake(coordinator, case)
    services.gatekeeping_record(actor=coordinator, case=case, outcome="continue")
    draft = services.plan_draft(
        actor=coordinator, case=case, goals=[services.GoalSpec("finances", "Schulden in beeld")]
    )
    late = timezone.localdate() + relativedelta(months=13)
    with pytest.raises(ValidationError) as caught:
        services.plan_activate(actor=coordinator, plan=draft, resident_agreement="agreed", next_review_on=late)
    assert "ten minste één keer per jaar" in caught.value.message_dict["next_review_on"][0]


def test_a_plan_follows_the_gatekeepers_continue(case, coordinator):
    journey.intake(coordinator, case)
    with pytest.raises(ValidationError) as caught:
        services.plan_draft(actor=coordinator, case=case, goals=[services.GoalSpec("finances", "Rust")])
    assert "poortwachter" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        (services.AgreementSpec("Begeleiding", AgreementParty.PROVIDER, datetime.date(2030, 1, 1)), "provider"),
        (services.AgreementSpec("Oppassen", AgreementParty.NETWORK, datetime.date(2030, 1, 1)), "party_name"),
        (services.AgreementSpec("", AgreementParty.RESIDENT, datetime.date(2030, 1, 1)), "description"),
        (services.AgreementSpec("Bellen", AgreementParty.RESIDENT, None), "due_on"),
    ],
)
def test_an_agreement_says_who_does_what_by_when(planned_case, coordinator, spec, field):
    plan = Plan.objects.get(case=planned_case, status=PlanStatus.ACTIVE)
    with pytest.raises(ValidationError) as caught:
        services.agreement_add(actor=coordinator, plan=plan, spec=spec)
    assert field in caught.value.message_dict
    assert plan.agreements.count() == 3
