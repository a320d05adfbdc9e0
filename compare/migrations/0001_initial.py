"""SharedComparison moves here from the calculator app, with its table and every link in it.

The model is taken over as it stands (state only: the table ``calculator_sharedcomparison``
already exists), then its table is renamed to this app's, and its content type (with the
permissions the sales group holds) is handed over, so nobody loses access and no link is lost.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def hand_over_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="calculator", model="sharedcomparison").first()
    if old is None:
        return
    new = ContentType.objects.filter(app_label="compare", model="sharedcomparison").first()
    if new is not None:  # made by an earlier run of post_migrate: keep the one groups point at
        Permission = apps.get_model("auth", "Permission")
        Permission.objects.filter(content_type=new).delete()
        new.delete()
    old.app_label = "compare"
    old.save(update_fields=["app_label"])


def take_back_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="compare", model="sharedcomparison").update(
        app_label="calculator"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("calculator", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SharedComparison',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(editable=False, max_length=32, unique=True, verbose_name='code')),
                        ('products', models.JSONField(default=list, help_text='Slugs, in column order.', verbose_name='products')),
                        ('profile', models.TextField(blank=True, help_text='As a query string (the link format).', verbose_name='merchant profile')),
                        ('snapshot', models.JSONField(help_text='The products, plan terms and profile the figures came from.', verbose_name='snapshot')),
                        ('fees_on', models.DateField(verbose_name='fees in force on')),
                        ('created', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created')),
                        ('view_count', models.PositiveIntegerField(default=0, verbose_name='views')),
                        ('creator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='shared_comparisons', to=settings.AUTH_USER_MODEL, verbose_name='made by')),
                    ],
                    options={
                        'db_table': 'calculator_sharedcomparison',
                        'verbose_name': 'shared comparison',
                        'verbose_name_plural': 'shared comparisons',
                        'ordering': ['-created', '-pk'],
                        'indexes': [models.Index(fields=['creator', '-created'], name='shared_creator_created')],
                        'constraints': [models.CheckConstraint(condition=django.db.models.lookups.GreaterThanOrEqual(django.db.models.functions.text.Length('code'), 8), name='shared_code_min_length')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="sharedcomparison", table=None),
        migrations.RunPython(hand_over_content_type, take_back_content_type),
    ]
