"""The tegenprestatie: no re-integration instrument, exemption for mantelzorg, and no displacement of regular work."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from routekaart.participation import services
from routekaart.participation.models import Assignment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with freeze_time("2026-05-04"):
        yield


ADDITIONAL = "Extra opruimwerk in het buurthuis dat niemand betaald doet; geen vacature bij de gemeente."


def _propose(world, **changes):
    kwargs = {
        "actor": world.user,
        "resident": world.resident,
        "instrument": world.instrument("community_service"),
        "provider": world.team,
        "municipality": world.municipality,
        "planned_start": date(2026, 6, 1),
        "planned_end": date(2026, 11, 30),
        "additionality_reason": ADDITIONAL,
        **changes,
    }
    return services.assignment_propose(**kwargs)


def test_the_tegenprestatie_is_no_reintegration_instrument_and_costs_the_budget_nothing(world):
    instrument = world.instrument("community_service")
    assert not instrument.is_reintegration
    assert instrument.cost_basis == "none"
    assert instrument.exemption_grounds == ["informal_care"]
    assert _propose(world).monthly_cost is None


def test_a_resident_who_gives_mantelzorg_is_exempted(world):
    services.exemption_grant(
        actor=world.user,
        resident=world.resident,
        instrument=world.instrument("community_service"),
        ground="informal_care",
        valid_from=date(2026, 1, 1),
        valid_to=date(2026, 9, 1),
    )
    with pytest.raises(ValidationError) as refused:
        _propose(world)
    assert "vrijgesteld van tegenprestatie (verleent mantelzorg" in " ".join(refused.value.message_dict["instrument"])
    assert not Assignment.objects.exists()
    assert _propose(world, planned_start=date(2026, 9, 1)).pk  # once the exemption ends


def test_an_exemption_granted_after_the_proposal_stops_the_start(world):
    assignment = _propose(world)
    services.assignment_decide(
        actor=world.user, assignment=assignment, granted=True, decided_on=date(2026, 5, 4), reference="TP-1"
    )
    services.exemption_grant(
        actor=world.user,
        resident=world.resident,
        instrument=world.instrument("community_service"),
        ground="informal_care",
        valid_from=date(2026, 5, 1),
    )
    with pytest.raises(ValidationError):
        services.assignment_start(actor=world.user, assignment=assignment, started_on=date(2026, 5, 4))


def test_the_assignment_records_why_the_activity_is_additional_to_regular_work(world):
    with pytest.raises(ValidationError) as refused:
        _propose(world, additionality_reason="Extra")
    assert "geen regulier werk verdringen" in " ".join(refused.value.message_dict["additionality_reason"])
    assert _propose(world).additionality_reason == ADDITIONAL


def test_only_the_grounds_the_rules_name_exempt(world):
    with pytest.raises(ValidationError) as refused:
        services.exemption_grant(
            actor=world.user,
            resident=world.resident,
            instrument=world.instrument("learn_work_place"),
            ground="informal_care",
            valid_from=date(2026, 1, 1),
        )
    assert "bestaat deze vrijstelling niet" in " ".join(refused.value.message_dict["ground"])


def test_the_tegenprestatie_goes_to_the_neighbourhood_team_not_to_a_temp_agency(world):
    with pytest.raises(ValidationError) as refused:
        _propose(world, provider=world.agency)
    assert "kies een sociaal wijkteam, zorgaanbieder" in " ".join(refused.value.message_dict["provider"])
