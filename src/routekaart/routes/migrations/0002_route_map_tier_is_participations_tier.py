"""A route map's tier points at participation's `ParticipationTier` instead of copying it (one source of the tier).

Every row stays: each map version's tier is linked by its code to participation's tier (created from the row where
participation's configuration was not loaded yet), keeping the map's destinations; the copied code, order, name,
text and labour distance go. The model is renamed `RouteMapTier`, as it is the tier's place on one map.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_to_participation(apps, schema_editor):
    Tier = apps.get_model("participation", "ParticipationTier")
    MapTier = apps.get_model("routes", "ParticipationTier")
    for row in MapTier.objects.all():
        tier = Tier.objects.filter(code=row.code).first()
        if tier is None:
            tier = Tier.objects.create(
                code=row.code,
                order=row.order,
                name=row.name,
                text=row.text,
                labour_distance=row.labour_distance,
                source="001",
            )
        row.tier = tier
        row.save(update_fields=["tier"])


def copy_back(apps, schema_editor):
    MapTier = apps.get_model("routes", "ParticipationTier")
    for row in MapTier.objects.select_related("tier"):
        row.code, row.order, row.name = row.tier.code, row.tier.order, row.tier.name
        row.text, row.labour_distance = row.tier.text, row.tier.labour_distance
        row.save(update_fields=["code", "order", "name", "text", "labour_distance"])


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("routes", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="participationtier", name="unique_tier_per_map"),
        migrations.AddField(
            model_name="participationtier",
            name="tier",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="on_route_maps",
                to="participation.participationtier",
                verbose_name="participatietrede",
            ),
        ),
        migrations.RunPython(link_to_participation, copy_back),
        migrations.AlterModelOptions(
            name="participationtier",
            options={
                "ordering": ["route_map", "tier__order"],
                "verbose_name": "participatietrede op de routekaart",
                "verbose_name_plural": "participatietreden op de routekaart",
            },
        ),
        migrations.RemoveField(model_name="participationtier", name="code"),
        migrations.RemoveField(model_name="participationtier", name="order"),
        migrations.RemoveField(model_name="participationtier", name="name"),
        migrations.RemoveField(model_name="participationtier", name="text"),
        migrations.RemoveField(model_name="participationtier", name="labour_distance"),
        migrations.AlterField(
            model_name="participationtier",
            name="tier",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="on_route_maps",
                to="participation.participationtier",
                verbose_name="participatietrede",
            ),
        ),
        migrations.RenameModel(old_name="ParticipationTier", new_name="RouteMapTier"),
        migrations.AddConstraint(
            model_name="routemaptier",
            constraint=models.UniqueConstraint(fields=("route_map", "tier"), name="unique_tier_per_map"),
        ),
    ]
