"""Factories for conduct complaints and satisfaction surveys."""

import datetime

import factory

from ...core.complaint_terms import decision_term_end
from ...organisations.models import OrganisationKind
from ...organisations.roles import Role
from ...organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from ...residents.tests.factories import HouseholdFactory, ResidentFactory
from ..models import StaffComplaint, StaffComplaintStatus, Survey, SurveyOccasion, SurveyStatus


def legal_user(**kwargs):
    """A klantbeheer (legal) staff member at their own Dienst."""
    user = UserFactory(**kwargs)
    AffiliationFactory(user=user, role=Role.LEGAL, organisation=OrganisationFactory(kind=OrganisationKind.MUNICIPALITY))
    return user


class StaffComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffComplaint

    reference = factory.Sequence(lambda n: f"KB-2026-{n:06d}")
    complainant_name = "J. de Klager"
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.MUNICIPALITY)
    about_team = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.TEAM, team_kind="neighbourhood")
    received_on = datetime.date(2026, 9, 7)
    subject = "De medewerker was onbeleefd aan de balie."
    status = StaffComplaintStatus.RECEIVED
    committee = False
    decision_due_on = factory.LazyAttribute(
        lambda o: decision_term_end(received_on=o.received_on, committee=o.committee, extended=False)
    )


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    household = factory.SubFactory(HouseholdFactory)
    resident = factory.SubFactory(ResidentFactory)
    occasion = SurveyOccasion.DECISION
    occasion_id = factory.Sequence(lambda n: n + 1)
    law = "W"
    building_block_code = "W-HH"
    questionnaire_version = 1
    status = SurveyStatus.SENT
    sent_on = datetime.date(2026, 11, 2)
    expires_on = datetime.date(2026, 12, 14)
