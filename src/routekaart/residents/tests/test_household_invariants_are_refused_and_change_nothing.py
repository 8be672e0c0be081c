"""A change that breaks an invariant is refused with a Dutch message, and nothing (no row, no event) changes."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import AffiliationFactory, UserFactory

from .. import services
from ..models import Consent, Household, Involvement, InvolvementKind, Membership, Resident
from .factories import HouseholdFactory, MembershipFactory, ResidentFactory

pytestmark = [pytest.mark.django_db]


def snapshot() -> tuple:
    return (
        list(Membership.objects.order_by("pk").values()),
        list(Household.objects.order_by("pk").values_list("pk", flat=True)),
        list(Resident.objects.order_by("pk").values()),
        Event.objects.count(),
        ProcessingLogEntry.objects.count(),
    )


def refused(message: str, call, **kwargs) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    assert message in " ".join(error.value.messages)
    assert snapshot() == before


def test_a_person_cannot_be_in_two_households_on_the_same_day():
    membership = MembershipFactory(valid_from=date(2022, 1, 1))
    other = HouseholdFactory()
    refused(
        "Iemand woont op één dag in één huishouden.",
        services.membership_start,
        actor=None,
        household=other,
        resident=membership.resident,
        valid_from=date(2023, 5, 1),
    )


def test_moving_house_on_a_day_ends_one_membership_and_starts_the_next_that_same_day():
    membership = MembershipFactory(valid_from=date(2022, 1, 1))
    other = HouseholdFactory()
    moved = services.resident_move(
        actor=None, resident=membership.resident, household=other, on=date(2023, 5, 1), role="head"
    )
    membership.refresh_from_db()
    assert membership.valid_to == date(2023, 5, 1)
    assert moved.valid_from == date(2023, 5, 1)


def test_moving_out_before_moving_in_is_refused():
    membership = MembershipFactory(valid_from=date(2022, 1, 1))
    refused(
        "De vertrekdatum moet na de datum van komst liggen.",
        services.membership_end,
        actor=None,
        membership=membership,
        valid_to=date(2021, 12, 31),
    )


def test_extending_a_stay_into_the_next_household_is_refused():
    first = MembershipFactory(valid_from=date(2020, 1, 1))
    services.membership_end(actor=None, membership=first, valid_to=date(2021, 1, 1))
    services.membership_start(
        actor=None, household=HouseholdFactory(), resident=first.resident, valid_from=date(2021, 1, 1)
    )
    refused(
        "Iemand woont op één dag in één huishouden.",
        services.membership_end,
        actor=None,
        membership=first,
        valid_to=date(2021, 6, 1),
    )


def test_joining_before_birth_is_refused():
    baby = ResidentFactory(birth_date=date(2024, 4, 1))
    refused(
        "vóór de geboortedatum",
        services.membership_start,
        actor=None,
        household=HouseholdFactory(),
        resident=baby,
        valid_from=date(2024, 3, 1),
    )


def test_a_household_with_the_same_person_twice_is_refused_and_no_household_is_left_behind():
    resident = ResidentFactory()
    refused(
        "Iemand staat twee keer in de lijst.",
        services.household_create,
        actor=None,
        members=[services.MemberSpec(resident), services.MemberSpec(resident)],
        valid_from=date(2024, 1, 1),
    )


def test_a_failing_second_member_rolls_back_the_whole_household():
    busy = MembershipFactory(valid_from=date(2020, 1, 1)).resident
    free = ResidentFactory()
    refused(
        "Iemand woont op één dag in één huishouden.",
        services.household_create,
        actor=None,
        members=[services.MemberSpec(free, "head"), services.MemberSpec(busy, "partner")],
        valid_from=date(2024, 1, 1),
    )


def test_an_invalid_bsn_is_refused_with_the_eleven_check_message():
    refused(
        "voldoet niet aan de elfproef",
        services.resident_register,
        actor=None,
        bsn="123456789",
        given_names="Test",
        family_name="Persoon",
        birth_date=date(1990, 1, 1),
    )


def test_a_bsn_already_registered_is_refused():
    existing = ResidentFactory()
    refused(
        "Er is al een inwoner met dit BSN.",
        services.resident_register,
        actor=None,
        bsn=existing.bsn,
        given_names="Test",
        family_name="Persoon",
        birth_date=date(1990, 1, 1),
    )


@pytest.mark.parametrize("postcode", ["123 AB", "0123 AB", "1234 A", "1234 SS", "ABCD 12"])
def test_a_postcode_not_like_1234_AB_is_refused(postcode):
    with pytest.raises(ValidationError) as error:
        services.address_ensure(actor=None, street="Dorpsstraat", house_number=1, postcode=postcode, city="X")
    assert error.value.message_dict == {"postcode": ["Vul een Nederlandse postcode in, zoals 1234 AB."]}


def test_a_postcode_is_stored_as_1234_AB_and_an_address_is_registered_once():
    first = services.address_ensure(actor=None, street="Dorpsstraat", house_number=1, postcode="1234ab", city="X")
    again = services.address_ensure(actor=None, street="Dorpsstraat", house_number=1, postcode="1234 AB", city="X")
    assert first.postcode == "1234 AB"
    assert again.pk == first.pk
    other = services.address_ensure(
        actor=None, street="Dorpsstraat", house_number=1, house_number_addition="A", postcode="1234 AB", city="X"
    )
    assert other.pk != first.pk


def test_a_household_has_one_coordinator_at_a_time():
    household = HouseholdFactory()
    first = UserFactory()
    second = UserFactory()
    team = AffiliationFactory(user=first, role=Role.COORDINATOR).organisation
    AffiliationFactory(user=second, organisation=team, role=Role.COORDINATOR)
    services.involvement_start(
        actor=first, household=household, organisation=team, user=first, kind=InvolvementKind.COORDINATOR
    )
    with pytest.raises(ValidationError, match="heeft al een regisseur"):
        services.involvement_start(
            actor=second, household=household, organisation=team, user=second, kind=InvolvementKind.COORDINATOR
        )
    assert Involvement.objects.count() == 1


def test_an_employer_adviser_is_involved_only_after_consent():
    membership = MembershipFactory(resident=ResidentFactory(birth_date=date(2000, 1, 1)))
    adviser = UserFactory()
    service = AffiliationFactory(user=adviser, role=Role.EMPLOYER_ADVISER).organisation
    with pytest.raises(ValidationError, match="toestemming"):
        services.involvement_start(
            actor=adviser,
            household=membership.household,
            organisation=service,
            user=adviser,
            kind=InvolvementKind.EMPLOYER_CANDIDATE,
        )
    services.consent_record(
        actor=None,
        household=membership.household,
        resident=membership.resident,
        organisation=service,
        domain=Domain.PARTICIPATION,
        scope="Bemiddeling naar werk",
        valid_from=date(2024, 1, 1),
    )
    involvement = services.involvement_start(
        actor=adviser,
        household=membership.household,
        organisation=service,
        user=adviser,
        kind=InvolvementKind.EMPLOYER_CANDIDATE,
    )
    assert involvement.pk


def test_a_child_under_16_cannot_give_consent_and_nothing_is_recorded():
    child = MembershipFactory(resident=ResidentFactory(birth_date=date(2015, 1, 1)))
    with pytest.raises(ValidationError, match="16 jaar"):
        services.consent_record(
            actor=None,
            household=child.household,
            resident=child.resident,
            organisation=AffiliationFactory().organisation,
            domain=Domain.YOUTH,
            scope="x",
            valid_from=date(2024, 1, 1),
        )
    assert not Consent.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only")
def test_on_postgresql_the_database_itself_refuses_overlapping_memberships():
    membership = MembershipFactory(valid_from=date(2022, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            household=HouseholdFactory(), resident=membership.resident, valid_from=date(2023, 1, 1)
        )
