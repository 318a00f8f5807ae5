import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('children', '0006_site_events_into_activity_log'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='siteevent',
            options={'ordering': ['-activity__starts_on', '-pk'], 'verbose_name': 'site activity', 'verbose_name_plural': 'site activities'},
        ),
        migrations.RemoveField(
            model_name='siteevent',
            name='held_on',
        ),
        migrations.RemoveField(
            model_name='siteevent',
            name='participants',
        ),
        migrations.RemoveField(
            model_name='siteevent',
            name='title',
        ),
        migrations.AlterField(
            model_name='siteevent',
            name='activity',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='site_event', to='orgs.activity', verbose_name='activity'),
        ),
    ]
