"""Honour workflows by type: full steps, a list with one approval, standing titles with
revocation (issue 14)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


WORKFLOWS = {"five-good-family": "list", "civilised-post": "standing"}


def seed(apps, schema_editor):
    """五好文明家庭 is awarded by the thousand, by list; 巾帼文明岗 is a standing title."""
    model = apps.get_model("families", "HonourType")
    for code, workflow in WORKFLOWS.items():
        model.objects.filter(code=code).update(workflow=workflow)


class Migration(migrations.Migration):

    dependencies = [
        ('families', '0006_more_honour_types'),
        ('orgs', '0010_lines_and_phrases'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='honour',
            name='revocation_reason',
            field=models.TextField(blank=True, verbose_name='reason for revocation'),
        ),
        migrations.AddField(
            model_name='honour',
            name='revoked_on',
            field=models.DateField(blank=True, help_text='A standing title stops counting from this day.', null=True, verbose_name='revoked on'),
        ),
        migrations.AddField(
            model_name='honourtype',
            name='workflow',
            field=models.CharField(choices=[('full', 'Six steps with a public notice'), ('list', 'A list and one approval (mass honour)'), ('standing', 'Standing title, counted cumulatively until revoked')], default='full', max_length=10, verbose_name='workflow'),
        ),
        migrations.AlterField(
            model_name='honourstep',
            name='action',
            field=models.CharField(choices=[('nominate', 'Nominate'), ('list_award', 'Awarded on a list'), ('review', 'Pass community review'), ('publish', 'Start the public notice'), ('recommend', 'Recommend to the district'), ('district_review', 'Pass district review'), ('award', 'Award'), ('reject', 'Reject'), ('disqualify', 'Disqualify'), ('revoke', 'Revoke the title')], max_length=20, verbose_name='action'),
        ),
        migrations.CreateModel(
            name='AwardList',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('status', models.CharField(choices=[('pending', 'Awaiting approval'), ('approved', 'Approved and awarded'), ('withdrawn', 'Withdrawn')], default='pending', max_length=10, verbose_name='status')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('decided_on', models.DateField(blank=True, null=True, verbose_name='decided on')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                ('honour_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='families.honourtype', verbose_name='honour type')),
                ('level', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='families.honourlevel', verbose_name='level')),
                ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.organization', verbose_name='awarding organization')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'award list',
                'verbose_name_plural': 'award lists',
                'ordering': ['-year', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='honour',
            name='award_list',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='honours', to='families.awardlist', verbose_name='award list'),
        ),
        migrations.CreateModel(
            name='AwardListEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('row', models.PositiveIntegerField(verbose_name='row')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('citation', models.CharField(blank=True, max_length=300, verbose_name='citation')),
                ('award_list', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='families.awardlist')),
                ('household', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='families.household', verbose_name='household')),
                ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.organization', verbose_name='community/village')),
            ],
            options={
                'verbose_name': 'award-list entry',
                'verbose_name_plural': 'award-list entries',
                'ordering': ['row', 'pk'],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
