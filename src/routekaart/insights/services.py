"""The one action of insights that changes state: saving a policy simulation as a named scenario."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from ..audit import services as audit
from .models import Scenario
from .simulation import Parameters, results_of, run

ACTIVITY = "management-information"
DUPLICATE = _("Er is al een scenario met deze naam voor deze gemeente; kies een andere naam.")


def scenario_save(*, actor, name: str, parameters: Parameters) -> Scenario:
    """Compute the scenario on the caseload of its date and store it with its results (aggregates only, groups
    under 10 households already without a number), in one transaction with one event.

    The event and the processing-log entry name no one: the simulation reads incomes and regulation use of many
    households at once for management information (purpose `management-information`), and keeps only counts."""
    if Scenario.objects.filter(municipality_id=parameters.municipality_id, name=name).exists():
        raise ValidationError({"naam": DUPLICATE})
    outcome, facts = run(parameters)
    scenario = Scenario(
        name=name,
        municipality_id=parameters.municipality_id,
        regulations=list(parameters.regulations),
        threshold_percent=parameters.threshold_percent,
        allowance=parameters.allowance,
        child_supplement=parameters.child_supplement,
        as_of=parameters.as_of,
        results=results_of(outcome, facts),
        created_by=actor,
    )
    scenario.full_clean(exclude=["municipality", "created_by", "name"])
    try:
        with transaction.atomic():
            scenario.save()
            audit.action_record(
                actor=actor,
                action="scenario.saved",
                subject=scenario,
                after={
                    "regulations": scenario.regulations,
                    "threshold_percent": scenario.threshold_percent,
                    "allowance": str(scenario.allowance),
                    "child_supplement": str(scenario.child_supplement),
                    "as_of": scenario.as_of.isoformat(),
                },
                purpose=ACTIVITY,
                data_subjects=[""],
                operation="read",  # audit.models.Operation.READ: reading many households' facts
            )
    except IntegrityError as error:  # the same name saved a moment ago by someone else
        raise ValidationError({"naam": DUPLICATE}) from error
    return scenario
