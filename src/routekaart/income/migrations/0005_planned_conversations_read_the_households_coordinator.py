"""Planned yearly conversations and open coordinator reminders no longer store a coordinator: they read the
household's one coordinator involvement (residents), so a warm handover moves them without a copy to keep in step.

Every row stays. Before the column goes:
- a held conversation keeps who held it: `held_by` takes its coordinator;
- a planned or cancelled conversation reads the household's coordinator from now on (the listener kept the column
  equal to it for running benefits; the old value remains in the events of the plan and the handovers);
- an open coordinator reminder of a household that has a coordinator today names no one any more (it is that
  coordinator's); a done reminder, or one of a household without a coordinator, keeps its recipient.
"""

from datetime import date

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q


def held_by_from_coordinator(apps, schema_editor):
    AnnualReview = apps.get_model("income", "AnnualReview")
    AnnualReview.objects.filter(status="held").update(held_by_id=models.F("coordinator_id"))


def reminders_follow_the_household(apps, schema_editor):
    Reminder = apps.get_model("income", "Reminder")
    Involvement = apps.get_model("residents", "Involvement")
    today = date.today()
    coordinated = Involvement.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=today), kind="coordinator", valid_from__lte=today
    ).values("household_id")
    Reminder.objects.filter(
        audience="coordinator", done_at__isnull=True, household_id__in=coordinated
    ).update(recipient=None)


def coordinator_from_held_by(apps, schema_editor):
    """Backwards: a held conversation's coordinator is who held it; another one's is the household's today."""
    AnnualReview = apps.get_model("income", "AnnualReview")
    Involvement = apps.get_model("residents", "Involvement")
    today = date.today()
    AnnualReview.objects.filter(held_by__isnull=False).update(coordinator_id=models.F("held_by_id"))
    for review in AnnualReview.objects.filter(held_by__isnull=True):
        involvement = (
            Involvement.objects.filter(household_id=review.household_id, kind="coordinator", valid_from__lte=today)
            .order_by("-valid_from", "-pk")
            .first()
        )
        if involvement is not None:
            AnnualReview.objects.filter(pk=review.pk).update(coordinator_id=involvement.user_id)


class Migration(migrations.Migration):
    # The data steps run in their own transactions (RunPython is atomic) around the schema changes, as in 0003.
    atomic = False

    dependencies = [
        ("income", "0004_field_limits"),
        ("residents", "0007_journal_notes_and_documents"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="annualreview",
            name="held_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="gehouden door",
            ),
        ),
        migrations.AlterField(  # nullable while the data moves, so the step back can fill it again
            model_name="annualreview",
            name="coordinator",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.RunPython(held_by_from_coordinator, coordinator_from_held_by),
        migrations.RunPython(reminders_follow_the_household, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="annualreview",
            name="income_annu_coordin_9bc6ae_idx",
        ),
        migrations.RemoveField(
            model_name="annualreview",
            name="coordinator",
        ),
        migrations.AddIndex(
            model_name="annualreview",
            index=models.Index(fields=["household", "status", "planned_on"], name="income_annu_househo_362062_idx"),
        ),
        migrations.AddIndex(
            model_name="reminder",
            index=models.Index(fields=["household", "done_at", "due_on"], name="income_remi_househo_0cfcff_idx"),
        ),
    ]
