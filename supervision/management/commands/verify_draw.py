"""Re-run a plan's draw from its recorded pool and revealed seed: `verify_draw <plan id>`."""

from django.core.management.base import BaseCommand, CommandError

from supervision.models import SpotCheckPlan
from supervision.services import plan_verify


class Command(BaseCommand):
    help = "Re-run a spot-check plan's draw from its pool and seed and compare the result."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)

    def handle(self, *args, plan_id, **options):
        plan = SpotCheckPlan.objects.filter(pk=plan_id).first()
        if plan is None:
            raise CommandError(f"No spot-check plan {plan_id}.")
        verification = plan_verify(plan)
        self.stdout.write(f"plan {plan.pk}: {plan.title}")
        self.stdout.write(f"seed sha256: {plan.seed_hash}")
        self.stdout.write(f"pool sha256: {plan.pool_hash or '-'}")
        if verification.matches:
            self.stdout.write(
                self.style.SUCCESS("MATCH: the draw reproduces from its pool and seed")
            )
            return
        for problem in verification.problems:
            self.stderr.write(str(problem))
        raise CommandError("MISMATCH: the recorded draw does not reproduce")
