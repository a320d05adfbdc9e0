"""SharedComparison now lives in the compare app (compare/migrations/0001_initial.py takes it
over with its table); here it only leaves this app's state."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("calculator", "0001_initial"),
        ("compare", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SharedComparison")],
            database_operations=[],
        ),
    ]
