"""The real services: the suite on PostgreSQL, and a Celery worker consuming from Redis."""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from celery import Celery
from django.db import connection
from kombu import Exchange, Queue

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
# A Redis database of its own, so the test never meets tasks of a developer's worker.
SPARE_REDIS_DB = 14


@pytest.mark.postgres
@pytest.mark.django_db
def test_database_is_postgresql_when_configured():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        (version,) = cursor.fetchone()
    assert version.startswith("PostgreSQL")


def _spare_redis_url() -> str:
    broker = urlparse(os.environ["CELERY_BROKER_URL"])
    return broker._replace(path=f"/{SPARE_REDIS_DB}").geturl()


def _stop(process: subprocess.Popen) -> None:
    """Warm shutdown of the worker's process group, killed if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.mark.redis
def test_worker_runs_task_sent_through_redis(tmp_path, monkeypatch):
    url = _spare_redis_url()
    # Celery lets the CELERY_BROKER_URL variable override any app's configured broker.
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    monkeypatch.delenv("CELERY_RESULT_BACKEND", raising=False)
    queue = f"brandportal-test-{uuid.uuid4().hex}"
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "SECRET_KEY"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "brandportal.settings",
        # The worker never touches the test database.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        # The portal stores no results by default; this test reads one.
        "CELERY_RESULT_BACKEND": url,
    }
    log = (tmp_path / "worker.log").open("w+")
    worker = subprocess.Popen(
        [
            str(CELERY),
            "-A",
            "brandportal",
            "worker",
            "--pool=solo",
            "--loglevel=warning",
            f"--queues={queue}",
            f"--hostname=test-{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, stopped as a whole below
    )
    # A client of its own: the test process's Celery app is eager by design.
    client = Celery("brandportal-test-client", broker=url, backend=url)
    connection_ = client.connection_for_write()
    # Declared before sending: Redis drops a message routed to a queue nobody declared
    # yet, and the worker may still be starting.
    task_queue = Queue(queue, Exchange(queue, type="direct"), routing_key=queue)(
        connection_.default_channel
    )
    task_queue.declare()
    try:
        result = client.send_task("brandportal.ping", args=["江西"], queue=queue)
        try:
            value = result.get(timeout=30)
        except Exception:
            log.seek(0)
            pytest.fail(f"no result from the worker; its log:\n{log.read()}")
        assert value == {"pong": "江西"}
        assert result.status == "SUCCESS"
        result.forget()
    finally:
        _stop(worker)
        task_queue.delete()
        connection_.release()
        client.close()
        log.close()
    assert worker.returncode is not None
