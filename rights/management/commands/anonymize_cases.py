from django.conf import settings
from django.core.management.base import BaseCommand

from rights.services import anonymize_closed_cases


class Command(BaseCommand):
    help = ("Erase the personal data of rights cases closed more than --years years ago "
            "(names, ID numbers, phones, addresses, narratives); counts are kept.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--years", type=int, default=getattr(settings, "RIGHTS_RETENTION_YEARS", 5),
            help="archive period after closure, in years (default: the RIGHTS_RETENTION_YEARS "
                 "setting, else 5)")

    def handle(self, *args, years: int, **options):
        if years < 1:
            self.stderr.write("--years must be at least 1")
            return
        count = anonymize_closed_cases(years)
        self.stdout.write(f"{count} closed cases anonymized")
