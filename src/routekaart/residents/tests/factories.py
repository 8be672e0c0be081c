import datetime

import factory

from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Domain
from routekaart.organisations.tests.factories import OrganisationFactory

from ..models import (
    Address,
    BreakGlass,
    Consent,
    District,
    Household,
    Involvement,
    InvolvementKind,
    Membership,
    MembershipRole,
    Relation,
    RelationKind,
    Resident,
)
from ..validators import BSN_WEIGHTS


def bsn_for(seed: int) -> str:
    """A BSN that passes the 11-check, unique per seed (1 … 9,999,999): seed n only uses the bodies 10n … 10n+9."""
    for body in range(seed * 10, seed * 10 + 10):
        digits = f"{body % 100_000_000:08d}"
        check = sum(int(d) * w for d, w in zip(digits, BSN_WEIGHTS[:8], strict=True)) % 11
        if check < 10:
            return digits + str(check)
    raise AssertionError("unreachable: ten consecutive bodies always give a check digit below 10")


class MunicipalityFactory(OrganisationFactory):
    kind = OrganisationKind.MUNICIPALITY


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.Sequence(lambda n: f"WK{n:06d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    street = "Lindelaan"
    house_number = factory.Sequence(lambda n: n + 1)
    postcode = "1234 AB"
    city = "Weidebeek"
    district = factory.SubFactory(DistrictFactory)


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident
        skip_postgeneration_save = True

    bsn = factory.Sequence(lambda n: bsn_for(n + 1000))
    given_names = factory.Sequence(lambda n: f"Voornaam{n}")
    family_name = factory.Sequence(lambda n: f"Achternaam{n}")
    birth_date = datetime.date(1985, 6, 15)
    address = factory.SubFactory(AddressFactory)

    @factory.post_generation
    def registered_by(resident, create, actor, **kwargs):
        """`ResidentFactory(registered_by=user)`: the user registered this person (a ground to house them)."""
        if create and actor is not None:
            from routekaart.audit import services as audit

            audit.action_record(actor=actor, action="resident.registered", subject=("resident", resident.pk))


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    household = factory.SubFactory(HouseholdFactory)
    resident = factory.SubFactory(ResidentFactory)
    role = MembershipRole.HEAD
    valid_from = datetime.date(2020, 1, 1)


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    resident = factory.SubFactory(ResidentFactory)
    related = factory.SubFactory(ResidentFactory)
    kind = RelationKind.PARTNER


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    household = factory.SubFactory(HouseholdFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.TEAM, team_kind="neighbourhood")
    kind = InvolvementKind.TEAM_MEMBER
    domain = Domain.GENERAL
    valid_from = datetime.date(2020, 1, 1)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    household = factory.SubFactory(HouseholdFactory)
    resident = factory.SubFactory(ResidentFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    domain = Domain.YOUTH
    scope = "Warme overdracht"
    valid_from = datetime.date(2020, 1, 1)


class BreakGlassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BreakGlass

    household = factory.SubFactory(HouseholdFactory)
    reason = "Acute zorgen over de veiligheid van een kind"
    started_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    expires_at = factory.LazyAttribute(lambda o: o.started_at + datetime.timedelta(hours=4))
