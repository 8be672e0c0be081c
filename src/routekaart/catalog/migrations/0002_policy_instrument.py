"""The catalog's instrument is named `PolicyInstrument`: the instrument as the walking maps name it.

Participation's `Instrument` (the form in which one is put in, with its rules) keeps its name and links here, so
no two models share a name. A rename only: every row, and every link to its building blocks, stays.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="Instrument", new_name="PolicyInstrument"),
    ]
