"""An instrument's `catalog_instrument` becomes a real link to the catalog's `PolicyInstrument`, not a copied code.

Every instrument row stays. Its code is looked up in the catalog; where the catalog is not loaded in this database
the link stays empty and the next `load_configuration` (catalog first) makes it.
"""

import django.db.models.deletion
from django.db import migrations, models


def link(apps, schema_editor):
    Instrument = apps.get_model("participation", "Instrument")
    catalog = {i.code: i for i in apps.get_model("catalog", "PolicyInstrument").objects.all()}
    for instrument in Instrument.objects.exclude(catalog_instrument_code=""):
        instrument.catalog_instrument = catalog.get(instrument.catalog_instrument_code)
        instrument.save(update_fields=["catalog_instrument"])


def unlink(apps, schema_editor):
    Instrument = apps.get_model("participation", "Instrument")
    for instrument in Instrument.objects.select_related("catalog_instrument").exclude(catalog_instrument=None):
        instrument.catalog_instrument_code = instrument.catalog_instrument.code
        instrument.save(update_fields=["catalog_instrument_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_policy_instrument"),
        ("participation", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="instrument", old_name="catalog_instrument", new_name="catalog_instrument_code"
        ),
        migrations.AddField(
            model_name="instrument",
            name="catalog_instrument",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "Het instrument van de wandelkaarten waarvan dit een vorm is; leeg als de kaarten het niet noemen."
                ),
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="participation_instruments",
                to="catalog.policyinstrument",
                verbose_name="instrument in de catalogus",
            ),
        ),
        migrations.RunPython(link, unlink),
        migrations.RemoveField(model_name="instrument", name="catalog_instrument_code"),
    ]
