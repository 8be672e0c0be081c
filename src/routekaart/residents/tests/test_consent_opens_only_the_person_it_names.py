"""One adult's consent opens that adult's data only: never the children's BSN or address (AVG art. 8, UAVG art. 5)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.audit.services import pseudonym
from routekaart.organisations.roles import Domain, Role

from .. import services
from ..access import household_access_check
from ..models import Consent, InvolvementKind, RelationKind
from .factories import HouseholdFactory, InvolvementFactory, MembershipFactory, RelationFactory, ResidentFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


@pytest.fixture
def family():
    household = HouseholdFactory()
    mother = ResidentFactory(given_names="Marieke", family_name="Oosterveld", birth_date=date(1984, 2, 2))
    son = ResidentFactory(given_names="Daan", family_name="Oosterveld", birth_date=date(2014, 5, 5))
    for resident, role in ((mother, "head"), (son, "child")):
        MembershipFactory(household=household, resident=resident, role=role, valid_from=date(2019, 1, 1))
    RelationFactory(resident=mother, related=son, kind=RelationKind.PARENT)
    household.mother, household.son = mother, son
    return household


def organisation_of(user):
    return user.affiliations.get().organisation


@freeze_time(TODAY)
def test_an_employer_adviser_with_the_mothers_consent_never_sees_her_childs_name_or_bsn(staff_client, family):
    client, adviser = staff_client(Role.EMPLOYER_ADVISER)
    services.consent_record(
        actor=None,
        household=family,
        resident=family.mother,
        organisation=organisation_of(adviser),
        domain=Domain.GENERAL,
        scope="Bemiddeling naar werk",
    )
    InvolvementFactory(
        household=family, organisation=organisation_of(adviser), user=adviser, kind=InvolvementKind.EMPLOYER_CANDIDATE
    )

    page = client.get(f"/huishoudens/{family.pk}/")
    assert page.status_code == 200
    assert "Marieke" in page.text
    assert "Daan" not in page.text
    assert family.son.bsn not in page.text

    api = client.get(f"/api/v1/households/{family.pk}/")
    assert api.status_code == 200
    assert "Daan" not in api.text and family.son.bsn not in api.text

    listed = client.get("/api/v1/households/")
    assert "Daan" not in listed.text and family.son.bsn not in listed.text
    assert "Marieke" in listed.text

    son = client.get(f"/api/v1/residents/{family.son.pk}/")
    assert son.status_code == 403
    assert son.json()["detail"] == "U bent niet betrokken bij deze inwoner."
    refused = ProcessingLogEntry.objects.filter(actor=adviser, result=Result.DENIED)
    assert list(refused.values_list("data_subjects__pseudonym", "channel")) == [(pseudonym(family.son.bsn), "api")]


@freeze_time(TODAY)
def test_a_parents_consent_for_a_child_under_16_opens_the_child_and_not_the_parent(staff_client, family):
    _, coach = staff_client(Role.JOB_COACH)
    services.consent_record(
        actor=None,
        household=family,
        resident=family.son,
        given_by=family.mother,
        organisation=organisation_of(coach),
        domain=Domain.YOUTH,
        scope="Afstemming school en jeugdhulp",
    )
    access = household_access_check(user=coach, household_id=family.pk, domain=Domain.YOUTH, purpose="youth-care")
    assert access.resident_ids == {family.son.pk}
    assert not access.sees_person(family.mother.pk, Domain.YOUTH)


@freeze_time(TODAY)
@pytest.mark.parametrize(
    ("born", "alone_allowed"),
    [
        (date(2010, 6, 2), False),  # 15, one day before the 16th birthday
        (date(2010, 6, 1), True),  # 16 today
        (date(2009, 6, 1), True),  # 17
    ],
)
def test_consenting_alone_starts_at_16(family, born, alone_allowed):
    family.son.birth_date = born
    family.son.save()
    organisation = InvolvementFactory(household=family).organisation
    arguments = dict(
        actor=None, household=family, resident=family.son, organisation=organisation, domain="J", scope="Overleg"
    )
    if alone_allowed:
        consent = services.consent_record(**arguments)
        assert consent.given_by is None
        with pytest.raises(ValidationError) as refused:
            services.consent_record(**arguments, given_by=family.mother)
        assert refused.value.message_dict["given_by"] == [
            "Vanaf 16 jaar geeft iemand zelf toestemming voor de eigen gegevens."
        ]
        assert Consent.objects.count() == 1
    else:
        with pytest.raises(ValidationError) as refused:
            services.consent_record(**arguments)
        assert refused.value.message_dict["given_by"] == [
            "Voor een kind onder 16 jaar geeft een ouder of voogd toestemming, niet het kind zelf."
        ]
        assert not Consent.objects.exists()
        consent = services.consent_record(**arguments, given_by=family.mother)
        assert consent.given_by == family.mother


@freeze_time(TODAY)
def test_only_a_parent_consents_for_a_child(family):
    stranger = ResidentFactory(birth_date=date(1980, 1, 1))
    MembershipFactory(household=family, resident=stranger, valid_from=date(2019, 1, 1))
    organisation = InvolvementFactory(household=family).organisation
    with pytest.raises(ValidationError) as refused:
        services.consent_record(
            actor=None,
            household=family,
            resident=family.son,
            given_by=stranger,
            organisation=organisation,
            domain="J",
            scope="Overleg",
        )
    assert "given_by" in refused.value.message_dict
    assert not Consent.objects.exists()
