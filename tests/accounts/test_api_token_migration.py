"""Tokens stored in clear by DRF's authtoken are hashed by the migration and keep working."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from knox.models import AuthToken

from accounts.roles import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

migration = importlib.import_module("accounts.migrations.0004_hash_api_tokens")
LEGACY_KEY = "0123456789abcdef0123456789abcdef01234567"


def _legacy_table_with(user) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            'CREATE TABLE authtoken_token ("key" varchar(40) PRIMARY KEY, '
            "created timestamp with time zone NOT NULL, user_id integer NOT NULL)"
            if connection.vendor == "postgresql"
            else 'CREATE TABLE authtoken_token ("key" varchar(40) PRIMARY KEY, '
            "created datetime NOT NULL, user_id integer NOT NULL)"
        )
        cursor.execute(
            'INSERT INTO authtoken_token ("key", created, user_id) VALUES (%s, %s, %s)',
            [LEGACY_KEY, "2026-01-02 03:04:05+00:00", user.pk],
        )


def test_hash_tokens_in_keeps_the_token_working_and_drops_the_clear_key(client):
    owner = user_with_role(Role.ENTERPRISE_USER)
    _legacy_table_with(owner)
    migration.hash_tokens_in(apps, connection)

    stored = AuthToken.objects.get(user=owner)
    assert stored.token_key == LEGACY_KEY[:15]
    assert LEGACY_KEY not in str(list(AuthToken.objects.values_list()))
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0
    response = client.get("/api/v1/applications/", HTTP_AUTHORIZATION=f"Token {LEGACY_KEY}")
    assert response.status_code == 200


def test_hash_tokens_in_without_the_legacy_table_does_nothing():
    migration.hash_tokens_in(apps, connection)
    assert not AuthToken.objects.exists()
