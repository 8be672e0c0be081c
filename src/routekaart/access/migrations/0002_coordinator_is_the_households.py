"""A case no longer stores its coordinator: it reads the household's coordinator involvement (residents).

Every case's coordinator survives as the household's coordinator involvement before the columns go:
- an open case: its coordinator is the household's coordinator from today. Where the household has none, one is
  started on the day the case opened (or, if an earlier coordinator ended later than that, on that day). Where the
  household's present coordinator is someone else (a drift the old columns allowed), the open case wins: the present
  involvement ends today and the case's coordinator starts today. Income 0003 runs after this and keeps what is
  here, so where a case and a benefit disagree, the open case's coordinator is the one kept.
- a closed case: the screens read the involvement covering its closing day (who coordinated when is the periods of
  the involvements). Where no coordinator involvement covers that day, one is recorded for the case's period
  [opened_on, closed_on] when no other coordinator involvement overlaps it. Where another coordinator's involvement
  covers the closing day, that one stays (the household's involvements are the access record and are not
  rewritten); the case's own coordinator is still in its events (case.opened / coordinator.transferred).
"""

from datetime import date, timedelta

from django.db import migrations
from django.db.models import Q


def _organisation_id(apps, user_id, organisation_id):
    if organisation_id:
        return organisation_id
    Affiliation = apps.get_model("organisations", "Affiliation")
    affiliations = Affiliation.objects.filter(user_id=user_id).order_by("pk")
    first = affiliations.filter(role="coordinator").first() or affiliations.first()
    return first.organisation_id if first else None


def coordinators_to_involvements(apps, schema_editor):
    Case = apps.get_model("access", "Case")
    Involvement = apps.get_model("residents", "Involvement")
    today = date.today()
    for case in Case.objects.filter(coordinator__isnull=False).order_by("household_id", "opened_on", "pk"):
        is_open = case.status != "closed"
        on = today if is_open else case.closed_on
        coordinators = Involvement.objects.filter(household_id=case.household_id, kind="coordinator")
        covering = coordinators.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on)).first()
        if covering is not None and covering.user_id == case.coordinator_id:
            continue
        organisation_id = _organisation_id(apps, case.coordinator_id, case.coordinator_organisation_id)
        if organisation_id is None:
            continue  # a coordinator without any organisation cannot be involved; the events keep who it was
        if is_open:
            if covering is not None:
                covering.valid_to = max(today, covering.valid_from)
                covering.save(update_fields=["valid_to"])
                start = covering.valid_to
            else:
                ended = [i.valid_to for i in coordinators if i.valid_to is not None and i.valid_to <= today]
                start = max([min(case.opened_on, today), *ended])
            later = coordinators.filter(valid_from__gt=start).order_by("valid_from").first()
            end = later.valid_from if later is not None else None
        else:
            if covering is not None:
                continue
            end = case.closed_on + timedelta(days=1)
            ended = [i.valid_to for i in coordinators if i.valid_to is not None and i.valid_to <= case.closed_on]
            start = max([case.opened_on, *ended])
            overlapping = coordinators.filter(valid_from__lt=end).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gt=start)
            )
            if overlapping.exists():
                continue
        Involvement.objects.create(
            household_id=case.household_id,
            organisation_id=organisation_id,
            user_id=case.coordinator_id,
            kind="coordinator",
            domain="G",
            reason="Regisseur van de casus",
            valid_from=start,
            valid_to=end,
        )


class Migration(migrations.Migration):
    # The data step runs in its own transaction (RunPython is atomic) before the columns go: on PostgreSQL a table
    # cannot be altered in the transaction that still has deferred foreign-key checks pending on its new rows.
    atomic = False

    dependencies = [
        ("access", "0001_initial"),
        ("organisations", "0001_initial"),
        ("residents", "0005_one_coordinator_per_household"),
    ]

    operations = [
        migrations.RunPython(coordinators_to_involvements, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="case",
            name="open_case_has_a_coordinator",
        ),
        migrations.RemoveIndex(
            model_name="case",
            name="access_case_coordin_f2138f_idx",
        ),
        migrations.RemoveField(
            model_name="case",
            name="coordinator",
        ),
        migrations.RemoveField(
            model_name="case",
            name="coordinator_organisation",
        ),
    ]
