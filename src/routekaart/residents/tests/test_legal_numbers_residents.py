"""The residents app's legal numbers are data with a source, and each rule turns at the number itself.

Each boundary is tested at N-1, N and N+1 completed years, N read from data/legal_numbers.yaml and the birth
date derived from it by date arithmetic, so the test follows the data and fails when the rule is changed.
"""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from routekaart.organisations.roles import Role

from .. import rules_data, services
from ..models import Consent, InvolvementKind, RelationKind
from .factories import HouseholdFactory, InvolvementFactory, MembershipFactory, RelationFactory, ResidentFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)
CONSENT_MIN_AGE = rules_data.value("consent_min_age")


def born_aged(years: int) -> date:
    """A birth date on which someone has exactly `years` completed years on TODAY (their birthday is today)."""
    return TODAY - relativedelta(years=years)


def test_every_number_has_a_value_and_a_source_and_the_file_a_version():
    assert rules_data.NUMBERS.version
    assert isinstance(rules_data.NUMBERS.effective_from, date)
    assert rules_data.NUMBERS.names() == ["consent_min_age"]
    assert "AVG art. 8" in rules_data.NUMBERS.source("consent_min_age")
    assert "UAVG art. 5" in rules_data.NUMBERS.source("consent_min_age")


@pytest.fixture
def family():
    household = HouseholdFactory()
    parent = ResidentFactory(birth_date=date(1984, 2, 2))
    child = ResidentFactory(birth_date=date(2014, 5, 5))
    for resident, role in ((parent, "head"), (child, "child")):
        MembershipFactory(household=household, resident=resident, role=role, valid_from=date(2019, 1, 1))
    RelationFactory(resident=parent, related=child, kind=RelationKind.PARENT)
    household.parent, household.child = parent, child
    return household


def consent(family, *, given_by=None):
    organisation = InvolvementFactory(household=family).organisation
    return services.consent_record(
        actor=None,
        household=family,
        resident=family.child,
        organisation=organisation,
        domain="J",
        scope="Overleg",
        given_by=given_by,
    )


@freeze_time(TODAY)
@pytest.mark.parametrize("years", [CONSENT_MIN_AGE - 1, CONSENT_MIN_AGE, CONSENT_MIN_AGE + 1])
def test_a_person_consents_alone_from_the_consent_age(family, years):
    family.child.birth_date = born_aged(years)
    family.child.save()
    if years >= CONSENT_MIN_AGE:
        with pytest.raises(ValidationError) as refused:
            consent(family, given_by=family.parent)
        assert refused.value.message_dict["given_by"] == [
            f"Vanaf {CONSENT_MIN_AGE} jaar geeft iemand zelf toestemming voor de eigen gegevens."
        ]
        assert not Consent.objects.exists()
        assert consent(family).given_by is None
    else:
        with pytest.raises(ValidationError) as refused:
            consent(family)
        assert refused.value.message_dict["given_by"] == [
            f"Voor een kind onder {CONSENT_MIN_AGE} jaar geeft een ouder of voogd toestemming, niet het kind zelf."
        ]
        assert not Consent.objects.exists()


@freeze_time(TODAY)
def test_one_day_before_the_birthday_a_person_still_needs_a_parent(family):
    family.child.birth_date = born_aged(CONSENT_MIN_AGE) + relativedelta(days=1)
    family.child.save()
    with pytest.raises(ValidationError):
        consent(family)
    assert not Consent.objects.exists()
    assert consent(family, given_by=family.parent).given_by == family.parent


@freeze_time(TODAY)
@pytest.mark.parametrize("years", [CONSENT_MIN_AGE - 1, CONSENT_MIN_AGE, CONSENT_MIN_AGE + 1])
def test_a_parent_consents_for_a_child_only_from_the_consent_age(family, years):
    family.child.birth_date = born_aged(CONSENT_MIN_AGE - 5)
    family.child.save()
    family.parent.birth_date = born_aged(years)
    family.parent.save()
    if years >= CONSENT_MIN_AGE:
        assert consent(family, given_by=family.parent).given_by == family.parent
    else:
        with pytest.raises(ValidationError) as refused:
            consent(family, given_by=family.parent)
        assert "given_by" in refused.value.message_dict
        assert not Consent.objects.exists()


@freeze_time(TODAY)
def test_the_rule_reads_the_age_from_the_data(family, monkeypatch):
    family.child.birth_date = born_aged(CONSENT_MIN_AGE)
    family.child.save()
    monkeypatch.setattr(rules_data, "value", lambda name: {"consent_min_age": CONSENT_MIN_AGE + 1}[name])
    with pytest.raises(ValidationError):
        consent(family)
    assert not Consent.objects.exists()


@freeze_time(TODAY)
def test_the_consent_form_offers_as_giver_only_members_of_the_consent_age(staff_client, family):
    client, coach = staff_client(Role.JOB_COACH)
    organisation = coach.affiliations.get().organisation
    InvolvementFactory(household=family, organisation=organisation, user=coach, kind=InvolvementKind.JOB_COACHING)
    members = {}
    for years in (CONSENT_MIN_AGE - 1, CONSENT_MIN_AGE, CONSENT_MIN_AGE + 1):
        member = ResidentFactory(given_names=f"Lid{years}", birth_date=born_aged(years))
        MembershipFactory(household=family, resident=member, role="child", valid_from=date(2019, 1, 1))
        members[years] = member
    form = client.get(reverse("residents:consent_create", args=[family.pk]))
    givers = form.text.split('name="given_by"')[1].split("</select>")[0]
    for years, member in members.items():
        assert (f">{member.full_name}<" in givers) is (years >= CONSENT_MIN_AGE)
