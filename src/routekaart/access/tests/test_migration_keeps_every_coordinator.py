"""The migration that drops the cases' and benefits' own coordinator keeps every one as the household's coordinator
involvement: created where missing, the open case's where case and benefit disagreed, a closed case's for its period."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("access", "0001_initial"),
    ("income", "0002_norms_pension_age_from_residents"),
    ("residents", "0004_consent_is_per_person"),
]
AFTER = [
    ("access", "0002_coordinator_is_the_households"),
    ("income", "0003_coordinator_is_the_households"),
    ("residents", "0005_one_coordinator_per_household"),
]
D = datetime.date


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_every_case_and_benefit_coordinator_becomes_the_households_involvement():
    try:
        apps = _migrate(BEFORE)
        User = apps.get_model("organisations", "User")
        Organisation = apps.get_model("organisations", "Organisation")
        Affiliation = apps.get_model("organisations", "Affiliation")
        Household = apps.get_model("residents", "Household")
        Resident = apps.get_model("residents", "Resident")
        Involvement = apps.get_model("residents", "Involvement")
        Case = apps.get_model("access", "Case")
        SocialAssistance = apps.get_model("income", "SocialAssistance")

        team = Organisation.objects.create(kind="neighbourhood", code="wijkteam", name="Wijkteam")
        dienst = Organisation.objects.create(kind="service_organisation", code="dienst", name="De Dienst")
        a, b = User.objects.create(username="a"), User.objects.create(username="b")
        Affiliation.objects.create(user=a, organisation=team, role="coordinator")
        Affiliation.objects.create(user=b, organisation=dienst, role="coordinator")
        h1, h2, h3, h4 = (Household.objects.create() for _ in range(4))
        client = Resident.objects.create(
            bsn="111222333", given_names="Noor", family_name="Hendriks", birth_date=D(1985, 3, 1)
        )
        # h1: an open case, no involvement
        Case.objects.create(household=h1, status="intake", opened_on=D(2025, 1, 10), coordinator=a)
        # h2: the open case says a, the benefit and the involvement say b: the open case wins
        Case.objects.create(
            household=h2, status="intake", opened_on=D(2025, 2, 1), coordinator=a, coordinator_organisation=team
        )
        drifted = Involvement.objects.create(
            household=h2, organisation=dienst, user=b, kind="coordinator", domain="P", valid_from=D(2024, 1, 1)
        )
        SocialAssistance.objects.create(
            household=h2, client=client, organisation=dienst, coordinator=b, started_on=D(2024, 1, 1)
        )
        # h3: a running benefit, no involvement
        SocialAssistance.objects.create(
            household=h3, client=client, organisation=dienst, coordinator=b, started_on=D(2023, 6, 1)
        )
        # h4: a closed case, no involvement
        Case.objects.create(
            household=h4,
            status="closed",
            opened_on=D(2024, 1, 1),
            closed_on=D(2024, 5, 1),
            closure_reason="goals_reached",
            coordinator=a,
            coordinator_organisation=team,
        )
        cases, benefits = Case.objects.count(), SocialAssistance.objects.count()

        apps = _migrate(AFTER)
        Involvement = apps.get_model("residents", "Involvement")
        today = datetime.date.today()

        def rows(household):
            return list(
                Involvement.objects.filter(household_id=household.pk, kind="coordinator")
                .order_by("valid_from", "pk")
                .values_list("user_id", "organisation_id", "valid_from", "valid_to")
            )

        assert rows(h1) == [(a.pk, team.pk, D(2025, 1, 10), None)]
        assert rows(h2) == [(b.pk, dienst.pk, D(2024, 1, 1), today), (a.pk, team.pk, today, None)]
        assert Involvement.objects.get(pk=drifted.pk).valid_to == today
        assert rows(h3) == [(b.pk, dienst.pk, D(2023, 6, 1), None)]
        assert rows(h4) == [(a.pk, team.pk, D(2024, 1, 1), D(2024, 5, 2))]
        assert apps.get_model("access", "Case").objects.count() == cases
        assert apps.get_model("income", "SocialAssistance").objects.count() == benefits
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
