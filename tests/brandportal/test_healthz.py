"""/healthz/: the database and, when one is configured, the Celery broker."""

import os
import time

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_embedded_mode_reports_database_ok_and_no_broker(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "broker": "not configured"}


def test_healthz_is_never_cached(client):
    response = client.get("/healthz/")
    assert "no-cache" in response["Cache-Control"]


def test_healthz_unreachable_broker_returns_503_quickly(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    started = time.monotonic()
    response = client.get("/healthz/")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["broker"].startswith("error: ")
    assert elapsed < 5, f"a down broker must not stall the probe ({elapsed:.1f} s)"


@pytest.mark.redis
def test_healthz_real_redis_reports_broker_ok(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
