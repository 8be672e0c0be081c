"""Factories for bezwaar en beroep: a decision of the toegang to object to (with its provisions), a legal team
member, an objection as the register service leaves it, a hearing and an appeal."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from ...access.models import Case, Decision, ProvisionOutcome, ProvisionUnit, TailoredProvision
from ...catalog.tests.factories import BuildingBlockFactory
from ...organisations.models import OrganisationKind
from ...organisations.roles import Role
from ...organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from ...residents.tests.factories import HouseholdFactory, MembershipFactory, ResidentFactory
from .. import terms
from ..models import Appeal, Hearing, Objection, ObjectionChannel, ObjectionStatus


class DienstFactory(OrganisationFactory):
    kind = OrganisationKind.SERVICE_ORGANISATION
    name = factory.Sequence(lambda n: f"Dienst {n}")


def staff_at(organisation, role: str, **kwargs):
    """A user with `role` at `organisation`."""
    user = UserFactory(**kwargs)
    AffiliationFactory(user=user, organisation=organisation, role=role)
    return user


def jurist_at(organisation, **kwargs):
    return staff_at(organisation, Role.LEGAL, **kwargs)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    household = factory.SubFactory(HouseholdFactory)
    opened_on = datetime.date(2025, 1, 6)


class DecisionFactory(factory.django.DjangoModelFactory):
    """A Wmo decision (urgent, so no plan needed) for the household's head, decided by a coordinator of
    `decided_by__organisation`; `DecisionFactory(household=...)` with a head member named `addressee`."""

    class Meta:
        model = Decision
        skip_postgeneration_save = True

    household = factory.SubFactory(HouseholdFactory)
    case = factory.SubFactory(CaseFactory, household=factory.SelfAttribute("..household"))
    reference = factory.Sequence(lambda n: f"BS-2026-{n:06d}")
    addressee = factory.SubFactory(ResidentFactory)
    law = "W"
    decided_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    urgent = True
    decided_by = factory.LazyFunction(lambda: staff_at(DienstFactory(), Role.COORDINATOR))
    objection_weeks = 6
    objection_basis = "Awb art. 6:7"

    @factory.post_generation
    def membership(self, create, extracted, **kwargs):
        if create and extracted is not False:
            MembershipFactory(
                household=self.household, resident=self.addressee, role="head", valid_from=datetime.date(2015, 1, 1)
            )


class ProvisionFactory(factory.django.DjangoModelFactory):
    """A granted provision of a year from the decision, two day parts a week, without a provider."""

    class Meta:
        model = TailoredProvision

    decision = factory.SubFactory(DecisionFactory)
    building_block = factory.SubFactory(BuildingBlockFactory)
    name = "Begeleiding"
    cluster_code = "care_and_support"
    outcome = ProvisionOutcome.GRANTED
    law = "W"
    legal_basis = "Wmo 2015 art. 2.3.5"
    starts_on = factory.LazyAttribute(lambda o: o.decision.decided_on)
    ends_on = factory.LazyAttribute(lambda o: o.decision.decided_on + datetime.timedelta(days=365))
    volume = Decimal("4")
    unit = ProvisionUnit.DAY_PARTS_PER_WEEK
    reasoning = "Hulp bij de dag."


class RefusedProvisionFactory(ProvisionFactory):
    outcome = ProvisionOutcome.REFUSED
    starts_on = None
    ends_on = None
    volume = None
    unit = ""


class ObjectionFactory(factory.django.DjangoModelFactory):
    """An objection as `objection_register` leaves it (in time, received today), against a new decision; its
    organisation is the legal desk (`organisation=` the jurist's)."""

    class Meta:
        model = Objection

    class Params:
        decision = factory.SubFactory(DecisionFactory)

    reference = factory.Sequence(lambda n: f"BZ-2026-{n + 900000:06d}")
    household = factory.LazyAttribute(lambda o: o.decision.household)
    objector = factory.LazyAttribute(lambda o: o.decision.addressee)
    decision_kind = "access"
    decision_id = factory.LazyAttribute(lambda o: o.decision.pk)
    decision_reference = factory.LazyAttribute(lambda o: o.decision.reference)
    decision_law = factory.LazyAttribute(lambda o: o.decision.law)
    decision_sent_on = factory.LazyAttribute(lambda o: o.decision.decided_on)
    channel = ObjectionChannel.LETTER
    received_on = factory.LazyFunction(timezone.localdate)
    objection_term_ends_on = factory.LazyAttribute(lambda o: terms.objection_term_end(o.decision_sent_on))
    grounds = "Ik heb meer hulp nodig dan twee dagdelen."
    status = ObjectionStatus.RECEIVED
    decision_due_on = factory.LazyAttribute(
        lambda o: terms.decision_term_end(
            objection_term_ends_on=o.objection_term_ends_on, received_on=o.received_on, committee=o.committee
        )
    )
    committee = False
    organisation = factory.SubFactory(DienstFactory)


class HearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hearing

    objection = factory.SubFactory(ObjectionFactory)
    invited_on = factory.LazyFunction(timezone.localdate)
    scheduled_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    location = "Stadskantoor, kamer 3"
    recorded_by = factory.SubFactory(UserFactory)


class AppealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appeal

    objection = factory.SubFactory(
        ObjectionFactory,
        status=ObjectionStatus.DECIDED,
        outcome="dismissed",
        effect="keep",
        decided_on=factory.LazyFunction(timezone.localdate),
    )
    court = "Rechtbank Gelderland"
    lodged_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SubFactory(UserFactory)
