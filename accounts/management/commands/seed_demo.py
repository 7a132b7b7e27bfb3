"""Load the demo data: users for every role, example enterprises, and each app's demo set.

Idempotent: existing records are left as they are, so a second run changes nothing.
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Order matters: later loaders use what earlier ones created.
DEMO_LOADERS = [
    "enterprises.demo",
    "accounts.demo",
    "standards.demo",
    "pilots.demo",
    "certificates.demo",
    "supervision.demo",
]


class Command(BaseCommand):
    help = "Load demo data for local use (refused in production mode unless --force)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data carries known passwords; refusing with DEBUG off.")
        with transaction.atomic():
            for module in DEMO_LOADERS:
                import_module(module).load()
                self.stdout.write(f"loaded {module}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
