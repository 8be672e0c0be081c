"""Every action appends one event without names or free text; every write of a resident's data is logged."""

import datetime

import pytest

from routekaart.audit.models import Event, Operation, ProcessingLogEntry
from routekaart.audit.services import pseudonym
from routekaart.work import services
from routekaart.work.models import ContactKind, ContactOutcome

from .factories import VacancyFactory, competences, sector

pytestmark = [pytest.mark.django_db]


def test_employer_actions_append_events_without_free_text(work_configuration, adviser):
    employer = services.employer_register(
        actor=adviser,
        name="Bakkerij De Korenbloem",
        kvk_number="87654321",
        sector=sector("hospitality"),
        head_office=services.AddressSpec("Dorpsstraat", 12, "1521 AB", "Wormerveer"),
    )
    services.contact_moment_record(
        actor=adviser,
        employer=employer,
        kind=ContactKind.VISIT,
        occurred_on=datetime.date(2026, 1, 6),
        summary="Zoekt hulp in de bakkerij, vier ochtenden",
        is_acquisition=True,
        outcome=ContactOutcome.ARRANGEMENT,
    )
    services.arrangement_create(
        actor=adviser,
        employer=employer,
        title="Hulp bakkerij",
        sector=sector("hospitality"),
        hours_min=12,
        hours_max=16,
        postcode="1521 AB",
        city="Wormerveer",
        min_wage_value=50,
        tasks=[("Bakker", "Bakplaten schoonmaken"), ("Verkoper", "Brood inpakken")],
        instruments=["wage_subsidy", "job_coach"],
        competences=competences("packing", "cleaning"),
    )
    actions = list(Event.objects.order_by("id").values_list("action", flat=True))
    assert actions[-4:] == ["employer.registered", "branch.added", "contact_moment.recorded", "arrangement.created"]
    for event in Event.objects.all():
        text = str(event.after) + str(event.before)
        assert "vier ochtenden" not in text and "Korenbloem" not in text and "Bakplaten" not in text


def test_profile_and_placement_writes_are_events_in_domain_p_and_logged_writes(
    work_configuration, adviser, make_candidate
):
    profile = make_candidate(given_names="Yara")
    household_id = profile.resident.memberships.get().household_id
    placement = services.placement_propose(actor=adviser, opening=VacancyFactory(), profile=profile)
    event = Event.objects.get(action="placement.proposed")
    assert event.household_id == household_id
    assert event.after["domain"] == "P"
    assert "Yara" not in str(event.after)
    write = ProcessingLogEntry.objects.get(activity_id="work-placement", operation=Operation.WRITE)
    assert write.pseudonyms == [pseudonym(profile.resident.bsn)]
    assert placement.pk
