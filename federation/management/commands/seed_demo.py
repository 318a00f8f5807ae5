import random
import time

from auditlog.context import disable_auditlog
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from federation.kernel.db import analyze
from federation.kernel.demo import DEMO_PASSWORD, SCALES, DemoContext
from federation.portal.hooks import app_hooks


class Command(BaseCommand):
    help = "Load deterministic, fictitious demo data (organizations, people, work records)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="district")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when the database already has organizations.")

    def handle(self, *args, scale, seed, if_empty, **options):
        from orgs.models import Organization

        if if_empty and Organization.objects.exists():
            self.stdout.write("Demo data already loaded; nothing to do.")
        else:
            ctx = DemoContext(scale=scale, rng=random.Random(seed), today=timezone.localdate(),
                              out=self.stdout, factor=SCALES[scale])
            # Each app's `demo.py` seeds it, in INSTALLED_APPS order (orgs first).
            for module in app_hooks("demo"):
                app = module.__name__.rpartition(".")[0]
                started = time.monotonic()
                # Made-up data, not users' work: kept out of the audit trail (and faster).
                with transaction.atomic(), disable_auditlog():
                    module.seed(ctx)
                seconds = time.monotonic() - started
                self.stdout.write(f"  {app}: seeded in {seconds:.1f} s")
            # The cross-app layer's own (work plan items), once every app's data is there.
            from federation.portal import demo as portal_demo

            with transaction.atomic(), disable_auditlog():
                portal_demo.seed(ctx)
            analyze()  # a bulk load: fresh planner statistics, or PostgreSQL plans for empty tables
        self.print_logins()

    def print_logins(self):
        from orgs.models import Role

        self.stdout.write(self.style.SUCCESS(f"Demo logins (demo-only password: {DEMO_PASSWORD}):"))
        for role in Role:
            self.stdout.write(f"  {role.value:<16} {role.label}")
