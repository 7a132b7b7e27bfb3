"""End to end through a real Celery worker: certify, Redis, worker, certificate issued.

Needs PostgreSQL (the worker, a separate process, reads the test database) and Redis;
skipped locally without them, run by CI.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.db import connection
from kombu import Exchange, Queue

from brandportal.celery import app
from certificates.models import Certificate
from certification.enums import Action, ApplicationState
from certification.models import Application
from tests.factories.certification import ApplicationFactory, advance

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
SPARE_REDIS_DB = 12  # not the developer's broker database


def _test_database_url() -> str:
    s = connection.settings_dict
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{host}:{port}/{s['NAME']}"


def _stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_issues_certificate_after_certification(settings, tmp_path, monkeypatch):
    broker = urlparse(os.environ["CELERY_BROKER_URL"])._replace(path=f"/{SPARE_REDIS_DB}").geturl()
    # Celery lets the CELERY_BROKER_URL variable override any app's configured broker.
    monkeypatch.setenv("CELERY_BROKER_URL", broker)
    # The default queue, in a Redis database of its own: the on-commit `.delay()` is routed
    # there like in production.
    queue = "celery"
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "SECRET_KEY"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "brandportal.settings",
        "DATABASE_URL": _test_database_url(),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    log = (tmp_path / "worker.log").open("w+")
    worker = subprocess.Popen(
        [str(CELERY), "-A", "brandportal", "worker", "--pool=solo", "--loglevel=warning",
         f"--queues={queue}", f"--hostname=test-{uuid.uuid4().hex}@%h",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=broker, result_backend=broker, task_always_eager=False)
    app._pool = None
    app.amqp._producer_pool = None
    channel = app.connection_for_write()
    # Declared before sending: Redis drops a message routed to a queue nobody declared yet.
    task_queue = Queue(queue, Exchange(queue, type="direct"), routing_key=queue)(
        channel.default_channel
    )
    task_queue.declare()
    task_queue.purge()
    try:
        application = advance(ApplicationFactory(), Action.SUBMIT, Action.ACCEPT, Action.CERTIFY)
        deadline = time.monotonic() + 60
        state = None
        while time.monotonic() < deadline:
            state = Application.objects.filter(pk=application.pk).values_list("state", flat=True)[0]
            if state == ApplicationState.SUPERVISED:
                break
            time.sleep(0.2)
        log.seek(0)
        assert state == ApplicationState.SUPERVISED, log.read()
        certificate = Certificate.objects.get(application=application)
        assert (settings.PRIVATE_MEDIA_ROOT / certificate.pdf.name).read_bytes()[:5] == b"%PDF-"
    finally:
        app.conf.update(saved)
        app._pool = None
        app.amqp._producer_pool = None
        _stop(worker)
        task_queue.purge()
        channel.release()
        log.close()
