"""A benefit no longer stores its fixed coordinator: it reads the household's coordinator involvement (residents).

Every benefit's coordinator survives as the household's coordinator involvement before the columns go (this runs
after access 0002, so an open case's coordinator is already the household's):
- a running benefit: where the household has a coordinator today, that one stays: it is the open case's (which wins
  where a case and a benefit disagree) or the involvement the grant service linked. Where it has none, the
  benefit's coordinator is started (domain P) from the start of the benefit, or from the end of an earlier
  coordinator's involvement if that is later.
- an ended benefit: where no coordinator involvement covers its last day, one is recorded for the benefit's period
  when no other coordinator involvement overlaps it; otherwise the covering one stays, and the benefit's coordinator
  is still in its events (social_assistance.granted / coordinator_reassigned) and in CoordinatorHandover.
"""

from datetime import date, timedelta

from django.db import migrations
from django.db.models import Q


def coordinators_to_involvements(apps, schema_editor):
    SocialAssistance = apps.get_model("income", "SocialAssistance")
    Involvement = apps.get_model("residents", "Involvement")
    today = date.today()
    for benefit in SocialAssistance.objects.order_by("household_id", "started_on", "pk"):
        running = benefit.ended_on is None or benefit.ended_on > today
        on = max(today, benefit.started_on) if running else benefit.ended_on - timedelta(days=1)
        coordinators = Involvement.objects.filter(household_id=benefit.household_id, kind="coordinator")
        covering = coordinators.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        if covering.exists():
            continue
        ended = [i.valid_to for i in coordinators if i.valid_to is not None and i.valid_to <= on]
        start = max([benefit.started_on, *ended])
        if running:
            later = coordinators.filter(valid_from__gt=start).order_by("valid_from").first()
            end = later.valid_from if later is not None else None
        else:
            end = benefit.ended_on
            overlapping = coordinators.filter(valid_from__lt=end).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gt=start)
            )
            if overlapping.exists():
                continue
        Involvement.objects.create(
            household_id=benefit.household_id,
            organisation_id=benefit.organisation_id,
            user_id=benefit.coordinator_id,
            kind="coordinator",
            domain="P",
            reason="Bijstand (Participatiewet): vaste regiehouder",
            valid_from=start,
            valid_to=end,
        )


class Migration(migrations.Migration):
    # The data step runs in its own transaction (RunPython is atomic) before the columns go: on PostgreSQL a table
    # cannot be altered in the transaction that still has deferred foreign-key checks pending on its new rows.
    atomic = False

    dependencies = [
        ("income", "0002_norms_pension_age_from_residents"),
        ("access", "0002_coordinator_is_the_households"),
        ("residents", "0005_one_coordinator_per_household"),
    ]

    operations = [
        migrations.RunPython(coordinators_to_involvements, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="socialassistance",
            name="income_soci_coordin_9dc844_idx",
        ),
        migrations.RemoveField(
            model_name="socialassistance",
            name="coordinator",
        ),
        migrations.RemoveField(
            model_name="socialassistance",
            name="coordinator_involvement",
        ),
    ]
