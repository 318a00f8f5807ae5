import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('children', '0004_verbose_names'),
        ('orgs', '0004_tally_reminders'),
    ]

    # The old fields become optional first, so that the migrations can be reversed.
    operations = [
        migrations.AlterField(
            model_name='siteevent',
            name='held_on',
            field=models.DateField(null=True, verbose_name='date'),
        ),
        migrations.AlterField(
            model_name='siteevent',
            name='title',
            field=models.CharField(default='', max_length=120, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='siteevent',
            name='activity',
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='site_event', to='orgs.activity', verbose_name='activity'),
        ),
    ]
