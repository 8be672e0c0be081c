"""The migration that drops the yearly conversation's own coordinator keeps every conversation and reminder: a held
conversation keeps who held it, a planned one reads the household's coordinator, and an open coordinator reminder of
a household with a coordinator is that coordinator's (a done one keeps its recipient)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("income", "0004_field_limits"), ("residents", "0007_journal_notes_and_documents")]
AFTER = [("income", "0005_planned_conversations_read_the_households_coordinator")]
D = datetime.date


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_every_conversation_and_reminder_is_kept_and_a_held_one_keeps_who_held_it():
    try:
        apps = _migrate(BEFORE)
        User = apps.get_model("organisations", "User")
        Organisation = apps.get_model("organisations", "Organisation")
        Household = apps.get_model("residents", "Household")
        Resident = apps.get_model("residents", "Resident")
        Involvement = apps.get_model("residents", "Involvement")
        SocialAssistance = apps.get_model("income", "SocialAssistance")
        AnnualReview = apps.get_model("income", "AnnualReview")
        Reminder = apps.get_model("income", "Reminder")

        dienst = Organisation.objects.create(kind="service_organisation", code="dienst", name="De Dienst")
        old, new = User.objects.create(username="oud"), User.objects.create(username="nieuw")
        household, alone = Household.objects.create(), Household.objects.create()
        client = Resident.objects.create(
            bsn="111222333", given_names="Noor", family_name="Hendriks", birth_date=D(1985, 3, 1)
        )
        Involvement.objects.create(
            household=household, organisation=dienst, user=new, kind="coordinator", valid_from=D(2024, 1, 1)
        )
        benefit = SocialAssistance.objects.create(
            household=household, client=client, organisation=dienst, started_on=D(2023, 6, 1)
        )
        held = AnnualReview.objects.create(
            benefit=benefit,
            household=household,
            coordinator=old,
            year=2024,
            planned_on=D(2024, 3, 1),
            status="held",
            held_on=D(2024, 3, 1),
        )
        planned = AnnualReview.objects.create(
            benefit=benefit, household=household, coordinator=new, year=2025, planned_on=D(2025, 3, 1)
        )
        common = {"audience": "coordinator", "kind": "debt_referral", "due_on": D(2025, 4, 1), "message": "Volg op"}
        open_one = Reminder.objects.create(household=household, recipient=new, **common)
        done = Reminder.objects.create(
            household=household, recipient=old, done_at=datetime.datetime(2024, 4, 1, tzinfo=datetime.UTC), **common
        )
        no_coordinator = Reminder.objects.create(household=alone, recipient=old, **common)
        counts = (AnnualReview.objects.count(), Reminder.objects.count())

        apps = _migrate(AFTER)
        AnnualReview = apps.get_model("income", "AnnualReview")
        Reminder = apps.get_model("income", "Reminder")
        assert (AnnualReview.objects.count(), Reminder.objects.count()) == counts
        assert AnnualReview.objects.get(pk=held.pk).held_by_id == old.pk
        assert AnnualReview.objects.get(pk=planned.pk).held_by_id is None
        assert Reminder.objects.get(pk=open_one.pk).recipient_id is None
        assert Reminder.objects.get(pk=done.pk).recipient_id == old.pk
        assert Reminder.objects.get(pk=no_coordinator.pk).recipient_id == old.pk
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
