from django.core.management.base import BaseCommand
from django.utils import timezone

from children.services import anonymize_closed, archive_years


class Command(BaseCommand):
    help = "Anonymize children's records whose assistance ended before the archive period."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=None,
                            help="Archive period in years (default: CHILDREN_ARCHIVE_YEARS).")

    def handle(self, *args, years, **options):
        years = archive_years() if years is None else years
        count = anonymize_closed(timezone.localdate(), years)
        self.stdout.write(f"Anonymized {count} children's records closed over {years} years ago.")
