"""/healthz/ (liveness) and /healthz/ready: the database, the broker and the shared cache."""

import os
import time

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_embedded_mode_reports_database_ok_and_no_broker(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "not configured",
        "cache": "not configured",
    }


def test_healthz_is_never_cached(client):
    response = client.get("/healthz/")
    assert "no-cache" in response["Cache-Control"]


def test_healthz_unreachable_broker_is_degraded_but_alive_quickly(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    started = time.monotonic()
    response = client.get("/healthz/")
    elapsed = time.monotonic() - started
    # The portal still serves pages without its broker: liveness stays 200.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"] == "ok"
    assert body["broker"].startswith("error: ")
    assert elapsed < 5, f"a down broker must not stall the probe ({elapsed:.1f} s)"


def test_healthz_ready_unreachable_broker_returns_503_degraded(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["broker"].startswith("error: ")


def test_healthz_ready_unreachable_cache_returns_503_degraded(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/1",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    ready = client.get("/healthz/ready")
    alive = client.get("/healthz/")
    assert (ready.status_code, alive.status_code) == (503, 200)
    assert ready.json()["status"] == alive.json()["status"] == "degraded"
    assert ready.json()["cache"].startswith("error: ")


def test_healthz_ready_embedded_mode_is_ok(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.redis
def test_healthz_real_redis_reports_broker_ok(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "cache": "not configured",
    }
