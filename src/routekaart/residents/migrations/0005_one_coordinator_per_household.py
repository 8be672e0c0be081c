"""One household, one coordinator: at most one open-ended coordinator involvement per household (a partial unique
index). Cases and benefits read the coordinator from this row from now on (access 0002, income 0003).

The services never let two coordinator involvements overlap, so no row should need it; should a household still
have several open-ended ones, the newest stays and each older one ends the day the newest begins (no row is deleted).
"""

from django.db import migrations, models
from django.db.models import Count


def end_all_but_the_newest(apps, schema_editor):
    Involvement = apps.get_model("residents", "Involvement")
    open_ended = Involvement.objects.filter(kind="coordinator", valid_to__isnull=True)
    doubled = open_ended.values("household_id").annotate(n=Count("pk")).filter(n__gt=1).values_list("household_id")
    for household_id in {h for (h,) in doubled}:
        newest, *older = open_ended.filter(household_id=household_id).order_by("-valid_from", "-pk")
        for involvement in older:
            involvement.valid_to = max(newest.valid_from, involvement.valid_from)
            involvement.save(update_fields=["valid_to"])


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0004_consent_is_per_person"),
    ]

    operations = [
        migrations.RunPython(end_all_but_the_newest, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="involvement",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "coordinator"), ("valid_to__isnull", True)),
                fields=("household",),
                name="one_coordinator_per_household",
                violation_error_message="Dit huishouden heeft al een regisseur. Beëindig eerst die betrokkenheid.",
            ),
        ),
    ]
