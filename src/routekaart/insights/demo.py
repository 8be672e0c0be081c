"""The demo's steering figures: a full refresh after every other generator, so beleid sees the demo town's flows,
and one saved policy simulation (seed 004: one yearly allowance up to 120 % of the social minimum)."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..organisations.selectors import municipality_list
from .models import RefreshRun, Scenario
from .refresh import insights_refresh
from .services import scenario_save
from .simulation import Parameters

DEMO_SCENARIO = "Eén toeslag tot 120 %"
DEMO_MUNICIPALITY = "gemeente-weidebeek"  # the demo town (organisations.demo), where the demo's households live
# The energy allowance's income limit and amount (EUR 1,300 up to 120 %), replacing the regulations that pay money
# and the municipality's share of the collective health insurance premium.
DEMO_REGULATIONS = (
    "energy_allowance",
    "individual_income_supplement",
    "special_assistance",
    "collective_health_insurance",
)


def demo_insights_ensure(*, stdout) -> None:
    """Once: a second set-up finds the figures made (the nightly job keeps them fresh) and changes nothing."""
    if not RefreshRun.objects.exists():
        runs = insights_refresh(full=True)
        stdout.write("Sturing: " + ", ".join(f"{run.step} {run.rows} rijen" for run in runs) + ".")
    if demo_scenario_ensure() is not None:
        stdout.write(f"Sturing: scenario '{DEMO_SCENARIO}' opgeslagen.")


def demo_scenario_ensure() -> Scenario | None:
    """Save the demo's scenario once, by the beleid account, for the demo municipality (None when it exists or
    there is no municipality or account to save it for)."""
    municipality = municipality_list().filter(code=DEMO_MUNICIPALITY).first()
    actor = get_user_model().objects.filter(username="beleid").first()
    if municipality is None or actor is None:
        return None
    if Scenario.objects.filter(municipality=municipality, name=DEMO_SCENARIO).exists():
        return None
    parameters = Parameters(
        municipality_id=municipality.pk,
        regulations=DEMO_REGULATIONS,
        threshold_percent=120,
        allowance=Decimal("1300"),
        child_supplement=Decimal("250"),
        as_of=timezone.localdate(),
    )
    return scenario_save(actor=actor, name=DEMO_SCENARIO, parameters=parameters)
