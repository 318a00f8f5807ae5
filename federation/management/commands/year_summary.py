from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from federation.kernel.periods import CHOICES, Period
from federation.portal.summary.build import build_files
from federation.portal.summary.data import SummaryContext
from orgs.models import Organization


class Command(BaseCommand):
    help = ("Build the work summary workbook (and narrative draft) of a year, half-year or "
            "quarter, without Celery.")

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--org", help="Organization code (default: the district)")
        parser.add_argument("-o", "--output", required=True, help="Workbook file (.xlsx)")
        parser.add_argument("--docx", help="Narrative draft file (.docx)")
        parser.add_argument("--language", default="zh-hans")
        parser.add_argument("--period", default="Y", type=str.upper,
                            choices=[code for code, _label in CHOICES],
                            help="Y (the year, default), H1, H2, Q1-Q4 or YTD")

    def handle(self, *args, year, org, output, docx, language, period, **options):
        orgs = Organization.objects.all()
        root = orgs.filter(code=org).first() if org else orgs.filter(depth=1).first()
        if root is None:
            raise CommandError(f"No organization {org!r}" if org else "No district in the tree")
        with translation.override(language):
            try:
                reporting = Period.parse(year, period, today=timezone.localdate())
            except ValueError as error:
                raise CommandError(str(error)) from error
            build_files(SummaryContext(year, root, reporting), Path(output),
                        Path(docx) if docx else None,
                        progress=lambda stage, percent: self.stdout.write(
                            f"{percent:3d}% {stage}"))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}" + (f" and {docx}" if docx else "")))
