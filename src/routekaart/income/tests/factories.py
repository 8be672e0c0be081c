"""One factory per model of the income app, and a helper that builds a benefit household the way services do."""

import datetime
from decimal import Decimal

import factory

from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.residents.models import Involvement, InvolvementKind
from routekaart.residents.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)

from ..models import (
    AnnualReview,
    CostSharerExclusion,
    HouseholdSituation,
    IncomeReport,
    RegulationUse,
    SocialAssistance,
    UseStatus,
)


class DienstFactory(OrganisationFactory):
    kind = OrganisationKind.SERVICE_ORGANISATION
    name = factory.Sequence(lambda n: f"De Dienst {n}")


def coordinator_at(organisation, **kwargs):
    """A user with the coordinator role at `organisation`."""
    user = UserFactory(**kwargs)
    AffiliationFactory(user=user, organisation=organisation, role=Role.COORDINATOR)
    return user


class SocialAssistanceFactory(factory.django.DjangoModelFactory):
    """A benefit as the grant service leaves it: the household's coordinator involvement is its fixed coordinator
    (`coordinator=` names who; by default a new coordinator of the Dienst; `coordinator=False`: none yet)."""

    class Meta:
        model = SocialAssistance
        skip_postgeneration_save = True

    household = factory.SubFactory(HouseholdFactory)
    client = factory.SubFactory(ResidentFactory)
    organisation = factory.SubFactory(DienstFactory)
    started_on = datetime.date(2022, 3, 1)

    @factory.post_generation
    def membership(self, create, extracted, **kwargs):
        if create and extracted is not False:
            MembershipFactory(
                household=self.household, resident=self.client, role="head", valid_from=datetime.date(2015, 1, 1)
            )

    @factory.post_generation
    def coordinator(self, create, extracted, **kwargs):
        """The household has one coordinator: a benefit for a household that already has one keeps it."""
        present = Involvement.objects.filter(
            household=self.household, kind=InvolvementKind.COORDINATOR, valid_to__isnull=True
        ).first()
        if present is not None and extracted not in (None, False) and present.user_id != extracted.pk:
            raise ValueError("This household already has another coordinator; hand over first.")
        if create and extracted is not False and present is None:
            InvolvementFactory(
                household=self.household,
                organisation=self.organisation,
                user=extracted or coordinator_at(self.organisation),
                kind=InvolvementKind.COORDINATOR,
                domain="P",
                valid_from=self.started_on,
            )


class HouseholdSituationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdSituation

    household = factory.SubFactory(HouseholdFactory)
    year = 2026
    monthly_income = Decimal("1407.65")
    assets = Decimal("500.00")
    low_income_since = datetime.date(2020, 1, 1)


class AnnualReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReview

    benefit = factory.SubFactory(SocialAssistanceFactory)
    household = factory.LazyAttribute(lambda o: o.benefit.household)
    year = 2026
    planned_on = datetime.date(2026, 3, 10)


class RegulationUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegulationUse

    household = factory.SubFactory(HouseholdFactory)
    status = UseStatus.GRANTED
    applied_on = datetime.date(2025, 1, 10)


class IncomeReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomeReport

    benefit = factory.SubFactory(SocialAssistanceFactory)
    month = datetime.date(2026, 2, 1)
    net_earnings = Decimal("600.00")
    source = "staff"
    reported_by = factory.LazyAttribute(lambda o: o.benefit.coordinator)


class CostSharerExclusionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostSharerExclusion

    household = factory.SubFactory(HouseholdFactory)
    resident = factory.SubFactory(ResidentFactory)
    reason = "student"
    valid_from = datetime.date(2024, 9, 1)
    recorded_by = factory.SubFactory(UserFactory)
