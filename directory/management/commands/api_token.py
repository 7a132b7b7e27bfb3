"""Issue an API token for a user and print it: `manage.py api_token <email>`.

Tokens are stored hashed, so this is the only time the new token is shown. `--rotate`
revokes the user's existing tokens first. Users can also obtain one by POSTing their
e-mail and password to /api/v1/auth/token/.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import services


class Command(BaseCommand):
    help = "Issue an API token for a user and print it (shown this once)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--rotate", action="store_true", help="revoke the user's existing tokens first"
        )

    def handle(self, *args, email, rotate, **options):
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with e-mail {email}.")
        if rotate:
            services.api_tokens_revoke(user=user)
        self.stdout.write(services.api_token_issue(user=user))
