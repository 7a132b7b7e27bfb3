"""Load the pilot counties and the provincial key tasks from the data files."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pilots.loading import DATA_DIR, PilotDataError, load_pilot_data


class Command(BaseCommand):
    help = (
        "Load the pilot counties (寻乌县) and the provincial key-task list from "
        "pilots/data/*.yaml. Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="Folder of YAML files.")

    def handle(self, *args, data_dir: Path, **options):
        try:
            stats = load_pilot_data(data_dir)
        except (PilotDataError, ValidationError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Pilot data loaded: {stats.summary()}."))
