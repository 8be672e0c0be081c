"""An objection against a benefit decision (bijstand): read through income's selector, named BIJ-<id> on its letter;
its decision on the objection records the judgement only (income carries out any change itself)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from routekaart.income.selectors_legal import benefit_reference
from routekaart.income.tests.factories import SocialAssistanceFactory
from routekaart.legal import services

from .factories_objections import DienstFactory, jurist_at

pytestmark = pytest.mark.django_db


def test_an_objection_against_a_benefit_is_registered_by_its_reference_and_decided():
    jurist = jurist_at(DienstFactory())
    benefit = SocialAssistanceFactory()
    today = timezone.localdate()
    objection = services.objection_register_by_reference(
        actor=jurist,
        reference=benefit_reference(benefit.pk),
        objector_birth_date=benefit.client.birth_date,
        channel="letter",
        received_on=today,
        grounds="De kostendelersnorm klopt niet.",
    )
    assert (objection.decision_kind, objection.decision_law) == ("benefit", "P")
    assert objection.decision_reference == f"BIJ-{benefit.pk}"
    services.objection_acknowledge(actor=jurist, objection=objection, on=today)
    services.hearing_waive(actor=jurist, objection=objection, reason="Het bezwaar wordt volledig tegemoetgekomen.")
    with pytest.raises(ValidationError) as error:
        services.objection_decide(
            actor=jurist,
            objection=objection,
            on=today,
            outcome="upheld",
            effect="change",
            reasoning="X",
            changes=[{"provision_id": 1, "action": "end"}],
        )
    assert "bestaanszekerheid" in error.value.message_dict["changes"][0]
    services.objection_decide(
        actor=jurist, objection=objection, on=today, outcome="upheld", effect="change", reasoning="Norm herzien."
    )
    objection.refresh_from_db()
    assert objection.outcome == "upheld"
