"""The pension (AOW) age is no longer a norm of each version: income reads it from residents (data/aow_age.yaml).

Every norm version row stays; only its copy of the AOW age goes, which the by-year table in residents replaces.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("income", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="normversion", name="pension_age_months"),
        migrations.RemoveField(model_name="normversion", name="pension_age_years"),
    ]
