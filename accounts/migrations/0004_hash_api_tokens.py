"""API tokens move from DRF's authtoken (stored in clear) to django-rest-knox (a digest).

Each existing token is stored again as knox stores it - a SHA-512 digest and the
15-character prefix used for the lookup - so clients keep working with the token they
have, and the clear tokens are deleted. `rest_framework.authtoken` is no longer
installed: its table is read with plain SQL where it exists (it is left empty).
"""

import datetime

from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from knox.crypto import hash_token
from knox.settings import CONSTANTS

LEGACY_TABLE = "authtoken_token"


def hash_legacy_tokens(apps, schema_editor):
    hash_tokens_in(apps, schema_editor.connection)


def hash_tokens_in(apps, connection) -> None:
    """Store each clear token of the legacy table as knox does, then empty the table."""
    if LEGACY_TABLE not in connection.introspection.table_names():
        return
    AuthToken = apps.get_model("knox", "AuthToken")
    table = connection.ops.quote_name(LEGACY_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name('key')}, user_id, created FROM {table}")
        rows = cursor.fetchall()
    for key, user_id, created in rows:
        # Read without the model, a timestamp may come as text or naive (SQLite: UTC).
        if isinstance(created, str):
            created = parse_datetime(created)
        if created is not None and timezone.is_naive(created):
            created = timezone.make_aware(created, datetime.timezone.utc)
        digest = hash_token(key)
        AuthToken.objects.update_or_create(
            digest=digest,
            defaults={"token_key": key[: CONSTANTS.TOKEN_KEY_LENGTH], "user_id": user_id},
        )
        AuthToken.objects.filter(digest=digest).update(
            created=created or timezone.now(), expiry=None
        )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_notification"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[],
            options={
                "verbose_name": "API 令牌",
                "verbose_name_plural": "API 令牌",
                "ordering": ["-created"],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("knox.authtoken",),
        ),
        migrations.RunPython(hash_legacy_tokens, migrations.RunPython.noop),
    ]
