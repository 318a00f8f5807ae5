from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from federation.portal.summary.build import build_files
from federation.portal.summary.data import SummaryContext
from orgs.models import Organization


class Command(BaseCommand):
    help = "Build the year-end summary workbook (and narrative draft) without Celery."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--org", help="Organization code (default: the district)")
        parser.add_argument("-o", "--output", required=True, help="Workbook file (.xlsx)")
        parser.add_argument("--docx", help="Narrative draft file (.docx)")
        parser.add_argument("--language", default="zh-hans")

    def handle(self, *args, year, org, output, docx, language, **options):
        orgs = Organization.objects.all()
        root = orgs.filter(code=org).first() if org else orgs.filter(depth=1).first()
        if root is None:
            raise CommandError(f"No organization {org!r}" if org else "No district in the tree")
        with translation.override(language):
            build_files(SummaryContext(year, root), Path(output), Path(docx) if docx else None,
                        progress=lambda stage, percent: self.stdout.write(
                            f"{percent:3d}% {stage}"))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}" + (f" and {docx}" if docx else "")))
