"""The one access check, through the page and the API: involvement opens a household, roles and consent open a
domain, withdrawal closes it at once, break-the-glass opens it for a while, and every refusal is logged."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from routekaart.audit.models import ProcessingLogEntry, Result
from routekaart.audit.services import pseudonym
from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import OrganisationFactory

from .. import services
from ..access import AccessDenied, household_access_check
from ..models import InvolvementKind
from .factories import HouseholdFactory, InvolvementFactory, MembershipFactory, ResidentFactory

pytestmark = [pytest.mark.django_db]

YOUTH_PROVIDER = "Jeugdhulp De Vlinder"


@pytest.fixture
def household():
    """A mother and her son, with a youth-care provider involved (that involvement is youth-care data)."""
    household = HouseholdFactory()
    mother = ResidentFactory(given_names="Marieke", family_name="Oosterveld", birth_date=date(1984, 2, 2))
    son = ResidentFactory(given_names="Daan", family_name="Oosterveld", birth_date=date(2012, 5, 5))
    MembershipFactory(household=household, resident=mother, role="head", valid_from=date(2019, 1, 1))
    MembershipFactory(household=household, resident=son, role="child", valid_from=date(2019, 1, 1))
    provider = OrganisationFactory(kind=OrganisationKind.PROVIDER, name=YOUTH_PROVIDER)
    InvolvementFactory(
        household=household,
        organisation=provider,
        kind=InvolvementKind.PROVIDER_ASSIGNMENT,
        domain=Domain.YOUTH,
        reason="Ambulante jeugdhulp",
    )
    household.mother, household.son = mother, son
    return household


def organisation_of(user):
    return user.affiliations.get().organisation


def involve(user, household, kind=InvolvementKind.TEAM_MEMBER, **extra):
    return InvolvementFactory(household=household, organisation=organisation_of(user), user=user, kind=kind, **extra)


def page(household):
    return reverse("residents:household_detail", args=[household.pk])


def api(household):
    return f"/api/v1/households/{household.pk}/"


def denials(user):
    return ProcessingLogEntry.objects.filter(actor=user, result=Result.DENIED)


# --- Involvement ------------------------------------------------------------------------------------


def test_staff_without_involvement_get_403_on_the_page_and_the_attempt_is_logged(staff_client, household):
    client, user = staff_client(Role.COORDINATOR)
    response = client.get(page(household))
    assert response.status_code == 403
    assert "Oosterveld" not in response.text
    logged = denials(user)
    assert {s for e in logged for s in e.pseudonyms} == {pseudonym(household.mother.bsn), pseudonym(household.son.bsn)}
    assert {e.channel for e in logged} == {"page"}
    assert all(household.mother.bsn not in e.reason for e in logged)


def test_staff_without_involvement_get_403_from_the_api_and_the_attempt_is_logged(staff_client, household):
    client, user = staff_client(Role.COORDINATOR)
    response = client.get(api(household))
    assert response.status_code == 403
    assert response.json()["detail"] == "U bent niet betrokken bij dit huishouden."
    assert {e.channel for e in denials(user)} == {"api"}
    assert denials(user).values("data_subjects__pseudonym").count() == 2  # one refusal, naming both members

    resident = client.get(f"/api/v1/residents/{household.mother.pk}/")
    assert resident.status_code == 403
    # a refused read of one person's data is logged for that person, not for the housemates
    assert denials(user).values("data_subjects__pseudonym").count() == 3


def test_a_household_that_does_not_exist_is_refused_like_any_other(staff_client):
    client, user = staff_client(Role.COORDINATOR)
    assert client.get(reverse("residents:household_detail", args=[999999])).status_code == 403
    assert client.get("/api/v1/households/999999/").status_code == 403
    assert denials(user).count() == 2


def test_involved_staff_see_the_household_and_their_read_is_logged(staff_client, household):
    client, user = staff_client(Role.COORDINATOR)
    involve(user, household)
    response = client.get(page(household))
    assert response.status_code == 200
    assert "Marieke" in response.text and "Daan" in response.text
    reads = ProcessingLogEntry.objects.filter(actor=user, result=Result.OK, activity_id="household-file")
    assert {s for e in reads for s in e.pseudonyms} == {pseudonym(household.mother.bsn), pseudonym(household.son.bsn)}
    assert client.get(api(household)).status_code == 200


def test_an_ended_involvement_closes_the_household_from_that_day(staff_client, household):
    client, user = staff_client(Role.COORDINATOR)
    involvement = involve(user, household)
    assert client.get(page(household)).status_code == 200
    services.involvement_end(actor=user, involvement=involvement)
    assert client.get(page(household)).status_code == 403
    assert client.get(api(household)).status_code == 403


def test_an_involved_organisation_opens_the_household_to_colleagues_whose_role_grants_a_domain(staff_client, household):
    client, colleague = staff_client(Role.COORDINATOR)
    InvolvementFactory(household=household, organisation=organisation_of(colleague), user=None)
    assert client.get(page(household)).status_code == 200


def test_a_privacy_officer_of_an_involved_organisation_still_sees_no_file(staff_client, household):
    client, officer = staff_client(Role.PRIVACY_OFFICER)
    InvolvementFactory(household=household, organisation=organisation_of(officer), user=None)
    assert client.get(page(household)).status_code == 403
    assert denials(officer).exists()


def test_an_involvement_at_another_organisation_opens_nothing(staff_client, household):
    client, user = staff_client(Role.COORDINATOR)
    InvolvementFactory(household=household, organisation=OrganisationFactory(), user=user)
    assert client.get(page(household)).status_code == 403


# --- Domains and consent ----------------------------------------------------------------------------


def test_with_involvement_but_without_the_youth_domain_youth_care_data_is_not_shown(staff_client, household):
    client, coach = staff_client(Role.JOB_COACH)  # P and G, not J
    involve(coach, household, kind=InvolvementKind.JOB_COACHING, domain=Domain.PARTICIPATION)

    response = client.get(page(household))
    assert response.status_code == 200
    assert YOUTH_PROVIDER not in response.text
    assert "Ambulante jeugdhulp" not in response.text

    data = client.get(api(household)).json()
    assert Domain.YOUTH not in data["domains"]
    assert all(i["domain"] != Domain.YOUTH for i in data["involvements"])
    assert not ProcessingLogEntry.objects.filter(actor=coach, activity_id="youth-care").exists()

    with pytest.raises(AccessDenied):
        household_access_check(user=coach, household_id=household.pk, domain=Domain.YOUTH, purpose="youth-care")
    refused = denials(coach).get(data_subjects__pseudonym=pseudonym(household.son.bsn))
    assert refused.activity_id == "youth-care"


def test_a_coordinator_sees_youth_care_data_through_their_role(staff_client, household):
    client, user = staff_client(Role.COORDINATOR)
    involve(user, household)
    assert YOUTH_PROVIDER in client.get(page(household)).text
    youth_care = ProcessingLogEntry.objects.filter(actor=user, activity_id="youth-care")
    assert youth_care.values("data_subjects__pseudonym").count() == 2  # one read, naming both members


def test_a_recorded_consent_grants_the_youth_domain_of_that_person_only_and_its_withdrawal_revokes_it_at_once(
    staff_client, household
):
    client, coach = staff_client(Role.JOB_COACH)
    involve(coach, household, kind=InvolvementKind.JOB_COACHING, domain=Domain.PARTICIPATION)
    assert YOUTH_PROVIDER not in client.get(page(household)).text

    consent = services.consent_record(
        actor=coach,
        household=household,
        resident=household.mother,
        organisation=organisation_of(coach),
        domain=Domain.YOUTH,
        scope="Afstemming jeugdhulp en werk",
    )
    access = household_access_check(user=coach, household_id=household.pk, domain=Domain.YOUTH, purpose="youth-care")
    assert access.resident_ids == {household.mother.pk}
    # the household's youth-care involvements may concern a child: one adult's consent does not open them
    assert YOUTH_PROVIDER not in client.get(page(household)).text
    assert Domain.YOUTH not in client.get(api(household)).json()["domains"]

    services.consent_withdraw(actor=coach, consent=consent)
    with pytest.raises(AccessDenied) as refused:
        household_access_check(user=coach, household_id=household.pk, domain=Domain.YOUTH, purpose="youth-care")
    assert str(refused.value) == "U hebt geen toegang tot dit deel van het dossier."


def test_withdrawing_consent_on_the_page_closes_the_domain_for_the_next_request(staff_client, household):
    client, coach = staff_client(Role.JOB_COACH)
    involve(coach, household, kind=InvolvementKind.JOB_COACHING)
    consent = services.consent_record(
        actor=coach,
        household=household,
        resident=household.mother,
        organisation=organisation_of(coach),
        domain=Domain.YOUTH,
        scope="Afstemming",
    )
    url = reverse("residents:consent_withdraw", args=[household.pk, consent.pk])
    assert client.post(url).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert YOUTH_PROVIDER not in client.get(page(household)).text


def test_consent_recorded_on_the_page_grants_the_domain(staff_client, household):
    client, coach = staff_client(Role.JOB_COACH)
    involve(coach, household, kind=InvolvementKind.JOB_COACHING)
    url = reverse("residents:consent_create", args=[household.pk])
    form = client.get(url)
    givers = form.text.split('name="given_by"')[1].split("</select>")[0]
    assert "Daan" not in givers  # a 12-year-old does not consent alone
    bad = client.post(url, {"resident": household.mother.pk, "domain": "J", "scope": ""})
    assert bad.status_code == 400
    assert "Vul waarvoor in." in bad.text
    child = client.post(
        url,
        {"resident": household.son.pk, "organisation": organisation_of(coach).code, "domain": "J", "scope": "x"},
    )
    assert child.status_code == 400
    assert "Voor een kind onder 16 jaar geeft een ouder of voogd toestemming" in child.text
    done = client.post(
        url,
        {
            "resident": household.mother.pk,
            "organisation": organisation_of(coach).code,
            "domain": "J",
            "scope": "Afstemming",
        },
    )
    assert done.status_code == 302
    access = household_access_check(user=coach, household_id=household.pk, domain=Domain.YOUTH, purpose="youth-care")
    assert access.resident_ids == {household.mother.pk}


def test_consent_to_another_organisation_grants_this_one_nothing(staff_client, household):
    client, coach = staff_client(Role.JOB_COACH)
    involve(coach, household, kind=InvolvementKind.JOB_COACHING)
    services.consent_record(
        actor=None,
        household=household,
        resident=household.mother,
        organisation=OrganisationFactory(),
        domain=Domain.YOUTH,
        scope="Alleen voor de school",
    )
    assert YOUTH_PROVIDER not in client.get(page(household)).text


def test_an_employer_adviser_sees_a_candidate_only_with_consent(staff_client, household):
    client, adviser = staff_client(Role.EMPLOYER_ADVISER)  # no domains by role
    services.consent_record(
        actor=None,
        household=household,
        resident=household.mother,
        organisation=organisation_of(adviser),
        domain=Domain.GENERAL,
        scope="Bemiddeling naar werk",
    )
    involvement = involve(adviser, household, kind=InvolvementKind.EMPLOYER_CANDIDATE)
    response = client.get(page(household))
    assert response.status_code == 200
    assert YOUTH_PROVIDER not in response.text
    services.consent_withdraw(actor=None, consent=household.consents.get())
    assert client.get(page(household)).status_code == 403
    assert involvement.pk


# --- Break the glass -----------------------------------------------------------------------------------


def test_break_the_glass_needs_a_written_reason_then_opens_the_household_and_is_logged(staff_client, household):
    client, user = staff_client(Role.COORDINATOR)
    denied = client.get(page(household))
    assert denied.status_code == 403
    assert 'href="noodtoegang/"' in denied.text  # relative: the 403 page never prints the number in the address

    url = reverse("residents:break_glass", args=[household.pk])
    short = client.post(url, {"reason": "spoed"})
    assert short.status_code == 400
    assert "ten minste 20 tekens" in short.text
    assert client.get(page(household)).status_code == 403

    reason = "Melding acute onveiligheid, regisseur onbereikbaar"
    assert client.post(url, {"reason": reason}).status_code == 302
    response = client.get(page(household))
    assert response.status_code == 200
    assert "noodtoegang" in response.text
    glass = ProcessingLogEntry.objects.filter(actor=user, result=Result.BREAK_GLASS)
    # One entry per processing action, naming both members.
    assert glass.filter(activity_id="break-the-glass", reason=reason).values("data_subjects__pseudonym").count() == 2
    assert glass.filter(activity_id="household-file").values("data_subjects__pseudonym").count() == 2

    officer_client, _ = staff_client(Role.PRIVACY_OFFICER)
    report = officer_client.get(reverse("audit:break_glass_report"))
    assert reason in report.text


def test_break_the_glass_lasts_four_hours(staff_client, household):
    client, user = staff_client(Role.COORDINATOR)
    services.break_glass_start(user=user, household_id=household.pk, reason="Acute zorgen, collega niet bereikbaar")
    assert client.get(page(household)).status_code == 200
    with freeze_time(timezone.now() + timedelta(hours=4, minutes=1)):
        client.force_login(user)
        assert client.get(page(household)).status_code == 403


def test_roles_without_file_access_cannot_break_the_glass(staff_client, household):
    client, _ = staff_client(Role.POLICY)
    url = reverse("residents:break_glass", args=[household.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "Ik wil graag even kijken in dit dossier"}).status_code == 403


# --- The resident ------------------------------------------------------------------------------------


def test_a_resident_sees_their_own_household_and_no_other(staff_client, household):
    client, user = staff_client(Role.RESIDENT)
    household.mother.user = user
    household.mother.save()
    assert client.get(api(household)).status_code == 200
    other = MembershipFactory().household
    assert client.get(api(other)).status_code == 403
