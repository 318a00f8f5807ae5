"""The assistance registry's tally indicators on their lines of work. The registry records the
same things, so the work summary states the registry's figures (its items' source) and the
reconciliation annex lists where a tally says otherwise."""

from django.db import migrations

INDICATORS = {  # code: (line, registry figure)
    "two_cancer_aided": ("care", "rights.assistance.two_cancer"),
    "two_cancer_relief": ("care", "rights.assistance.two_cancer"),
    "loan_women": ("merit", "rights.assistance.micro_loan"),
    "loan_amount": ("merit", "rights.assistance.micro_loan"),
}


def seed(apps, schema_editor):
    lines = {line.code: line for line in apps.get_model("federation", "LineOfWork").objects.all()}
    model = apps.get_model("orgs", "Indicator")
    for code, (line, registry) in INDICATORS.items():
        model.objects.filter(code=code).update(line=lines.get(line), registry=registry)


def unseed(apps, schema_editor):
    apps.get_model("orgs", "Indicator").objects.filter(code__in=INDICATORS).update(
        line=None, registry="")


class Migration(migrations.Migration):
    dependencies = [
        ("rights", "0006_assistance_reference_data"),
        ("orgs", "0010_lines_and_phrases"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
