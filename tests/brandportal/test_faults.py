"""Fault tests against real services: a Redis of the test's own that it stops and starts,
the CI PostgreSQL and a real Celery worker (README, "Operations").

The test Redis runs without persistence, as a restarted or replaced Redis may: whatever
it held is gone after a restart, so these tests also show that no work depends on it.
Skipped locally without PostgreSQL, Redis or `redis-server`; CI must run them.
"""

import contextlib
import http.client
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import yaml
from celery import Celery
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from accounts.models import Notification
from accounts.roles import Role
from brandportal.celery import app
from certificates.models import Certificate
from certificates.tasks import sweep_unissued_certificates
from certification.enums import Action, ApplicationState
from certification.models import Application
from outbox.enums import MessageState
from outbox.models import Message
from outbox.tasks import sweep_outbox
from tests.brandportal.test_settings_env import read_settings
from tests.conftest import IN_CI
from tests.factories.accounts import user_with_role
from tests.factories.certificates import issued_certificate
from tests.factories.certification import (
    ApplicationFactory,
    advance,
    passing_review,
    reviewer_for,
)

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
# The issue's acceptance criterion: with Redis stopped, certifying answers within 2 s.
CERTIFY_WITH_REDIS_DOWN_BUDGET_SECONDS = 2.0

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until(predicate, seconds: float, what: str, log=None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    details = ""
    if log is not None:
        log.seek(0)
        details = "\n" + log.read()
    pytest.fail(f"timed out waiting for {what}{details}")


class RedisServer:
    """A `redis-server` on a free port, without persistence, that a test stops and starts."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = _free_port()
        self.process = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), 0.2) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _wait_until(self._answers, 10, "redis-server to answer")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def command(self, *words: str) -> str:
        result = subprocess.run(
            ["redis-cli", "-p", str(self.port), *words],
            capture_output=True, text=True, timeout=10, check=True,
        )  # fmt: skip
        return result.stdout.strip()


@pytest.fixture
def redis_server(tmp_path):
    if not shutil.which("redis-server"):
        message = "needs redis-server (apt-get install redis-server)"
        pytest.fail(f"CI must run this test, but it {message}") if IN_CI else pytest.skip(message)
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def _reset_app_connections() -> None:
    # Forget cached connections so the next publish connects to the current broker_url.
    app._pool = None
    app.amqp._producer_pool = None


def _reset_app_backend() -> None:
    app._local.__dict__.pop("backend", None)


@contextlib.contextmanager
def app_broker(url: str):
    """Point this process's Celery app at `url` as production settings would, and queue
    tasks instead of running them."""
    # The result backend the settings choose for this broker URL (in production the
    # broker's Redis, if any): the test process's own settings saw another broker.
    backend = read_settings("CELERY_RESULT_BACKEND", CELERY_BROKER_URL=url)
    saved = (app.conf.broker_url, app.conf.result_backend, app.conf.task_always_eager)
    # Celery reads CELERY_BROKER_URL from the environment before its own setting.
    saved_env = os.environ.get("CELERY_BROKER_URL")
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url, app.conf.task_always_eager = url, False
    app.conf.result_backend = backend["CELERY_RESULT_BACKEND"]
    _reset_app_connections()
    _reset_app_backend()
    try:
        yield
    finally:
        if saved_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_env
        app.conf.broker_url, app.conf.result_backend, app.conf.task_always_eager = saved
        _reset_app_connections()
        _reset_app_backend()


def _test_database_url() -> str:
    s = connection.settings_dict
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{host}:{port}/{s['NAME']}"


def _compose_worker_command() -> list[str]:
    """The worker command of docker-compose.yml: the tests run production's flags."""
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))
    command = compose["services"]["worker"]["command"]
    return shlex.split(command) if isinstance(command, str) else [str(w) for w in command]


@contextlib.contextmanager
def real_worker(broker: str, tmp_path: Path, settings):
    """The compose worker command, run against `broker` and the test database."""
    words = _compose_worker_command()
    assert words[:4] == ["celery", "-A", "brandportal", "worker"]
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "SECRET_KEY"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "brandportal.settings",
        "DATABASE_URL": _test_database_url(),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "CELERY_BROKER_URL": broker,
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    env.pop("CELERY_RESULT_BACKEND", None)
    log = (tmp_path / f"worker-{uuid.uuid4().hex[:6]}.log").open("w+")
    worker = subprocess.Popen(
        [str(CELERY), *words[1:], "--include=tests.brandportal.fault_tasks",
         f"--hostname=fault-{uuid.uuid4().hex}@%h"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        yield worker, log
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)
        log.close()


def _worker_consumes(redis: RedisServer) -> bool:
    # The worker declares its queue's binding on (re)connecting; Redis drops messages
    # routed to a queue nobody bound, and a restarted Redis without persistence has none.
    try:
        return redis.command("EXISTS", "_kombu.binding.celery") == "1"
    except subprocess.CalledProcessError:
        return False


def _state(application) -> str:
    return Application.objects.filter(pk=application.pk).values_list("state", flat=True)[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_certify_with_redis_stopped_answers_fast_and_sweep_issues_once(
    client, settings, redis_server, tmp_path
):
    application = advance(ApplicationFactory(), Action.SUBMIT, Action.ACCEPT)
    # Someone to notify: the enterprise's user hears of the certification and the issue.
    enterprise_user = user_with_role(Role.ENTERPRISE_USER, enterprise=application.enterprise)
    reviewer = reviewer_for(application)
    passing_review(application, reviewer)
    client.force_login(reviewer)
    redis_server.stop()

    with app_broker(redis_server.url()):
        started = time.monotonic()
        response = client.post(
            reverse("admin:certification_application_transition", args=[application.pk]),
            {"action": Action.CERTIFY.value},
        )
        elapsed = time.monotonic() - started
        assert response.status_code == 302
        assert [str(m) for m in get_messages(response.wsgi_request)] == ["已批准认证。"]
        assert elapsed < CERTIFY_WITH_REDIS_DOWN_BUDGET_SECONDS, f"{elapsed:.1f} s"
        assert _state(application) == ApplicationState.CERTIFIED

        # Redis is back, empty: the sweep queues the issue again, twice (a duplicate
        # delivery), and the worker issues exactly one certificate.
        redis_server.start()
        with real_worker(redis_server.url(), tmp_path, settings) as (worker, log):
            _wait_until(lambda: _worker_consumes(redis_server), 60, "the worker", log)
            assert sweep_unissued_certificates.apply(kwargs={"grace_seconds": 0}).get() == 1
            assert sweep_unissued_certificates.apply(kwargs={"grace_seconds": 0}).get() == 1
            _wait_until(
                lambda: _state(application) == ApplicationState.SUPERVISED,
                60,
                "the certificate",
                log,
            )
            _wait_until(lambda: redis_server.command("LLEN", "celery") == "0", 30, "the queue")
            assert sweep_unissued_certificates.apply(kwargs={"grace_seconds": 0}).get() == 0

            # The notices written while Redis was down (certified, then supervised) went
            # nowhere; the outbox sweep hands them to the worker, each sent once even when
            # the sweep runs twice.
            notices = Message.objects.filter(recipient=enterprise_user)
            assert notices.count() == 2
            sweep_outbox.apply(kwargs={"grace_seconds": 0}).get()
            sweep_outbox.apply(kwargs={"grace_seconds": 0}).get()
            _wait_until(
                lambda: set(notices.values_list("state", flat=True)) == {MessageState.SENT},
                60,
                "the notices",
                log,
            )
            _wait_until(lambda: redis_server.command("LLEN", "celery") == "0", 30, "the queue")
            assert worker.poll() is None

    inbox = Notification.objects.filter(recipient=enterprise_user)
    assert sorted(inbox.values_list("key", flat=True)) == sorted(
        notices.values_list("key", flat=True)
    )
    assert all(notice.attempts == 1 for notice in notices)

    certificate = Certificate.objects.get(application=application)
    assert (settings.PRIVATE_MEDIA_ROOT / certificate.pdf.name).read_bytes()[:5] == b"%PDF-"


@pytest.mark.django_db
def test_public_pages_and_api_with_cache_redis_stopped_answer_200(client, settings, redis_server):
    certificate = issued_certificate()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url(1),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.API_ANON_RATE = "2/min"
    redis_server.stop()
    address = {"REMOTE_ADDR": "198.51.100.23"}

    verify = client.get(reverse("certificates:verify", args=[certificate.number]), **address)
    assert verify.status_code == 200
    assert certificate.number in verify.content.decode()
    assert client.get(f"/api/v1/certificates/{certificate.number}/", **address).status_code == 200
    assert client.get("/api/v1/certified-products/", **address).status_code == 200
    assert client.get("/api/v1/standards/", **address).status_code == 200
    # Degraded, not open: the limit still holds within this process.
    assert client.get("/api/v1/standards/", **address).status_code == 429

    alive, ready = client.get("/healthz/"), client.get("/healthz/ready")
    assert alive.status_code == 200
    assert ready.status_code == 503
    assert ready.json()["status"] == "degraded"
    assert ready.json()["cache"].startswith("error: ")


def _send(broker: str, name: str, *args) -> None:
    """Publish like the portal does, through a client of its own (this app is eager)."""
    client = Celery("fault-client", broker=broker)
    try:
        client.send_task(name, args=args, queue="celery")
    finally:
        client.close()


def test_worker_survives_broker_restart_during_long_task(
    settings, redis_server, tmp_path, monkeypatch
):
    # Celery lets the CELERY_BROKER_URL variable override any app's configured broker.
    monkeypatch.setenv("CELERY_BROKER_URL", redis_server.url())
    long_task, new_task = tmp_path / "long", tmp_path / "new"
    with real_worker(redis_server.url(), tmp_path, settings) as (worker, log):
        _wait_until(lambda: _worker_consumes(redis_server), 60, "the worker", log)
        _send(redis_server.url(), "tests.fault_sleep", 4, str(long_task))
        _wait_until(long_task.with_suffix(".started").exists, 30, "the long task", log)
        would_end = time.monotonic() + 4

        redis_server.stop()
        time.sleep(1)
        redis_server.start()

        _wait_until(lambda: _worker_consumes(redis_server), 30, "the worker to reconnect", log)
        # Past the moment the long task ends (or is terminated) and its message is settled.
        time.sleep(max(0, would_end - time.monotonic()) + 1)
        assert worker.poll() is None, "the worker died"
        _send(redis_server.url(), "tests.fault_sleep", 0, str(new_task))
        _wait_until(new_task.exists, 30, "a new task after the restart", log)
        assert worker.poll() is None, "the worker died"
        log.seek(0)
        assert "Unrecoverable error" not in log.read()


def _database_connections() -> int:
    with connection.cursor() as cursor:
        # Statistics are a snapshot per transaction, and the test runs in one.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_runserver_with_persistent_connections_configured_keeps_no_connection_per_request(
    tmp_path,
):
    # DATABASE_CONN_MAX_AGE as compose sets it: runserver must still close each request's
    # connection, since every request runs in a thread of its own.
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "SECRET_KEY"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "brandportal.settings",
        "DATABASE_URL": _test_database_url(),
        "DATABASE_CONN_MAX_AGE": "60",
    }
    log = (tmp_path / "runserver.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_until(lambda: _answers_http(port), 60, "runserver", log)
        before = _database_connections()
        # Clients that keep their HTTP connection open (browsers, load tools) each hold a
        # runserver thread, and with it that thread's database connection.
        clients = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(12)]
        for http_client in clients:
            http_client.request("GET", "/healthz/")
            assert http_client.getresponse().read()
        time.sleep(0.5)
        held = _database_connections() - before
        for http_client in clients:
            http_client.close()
        assert held <= 1, f"{held} database connections held by 12 idle HTTP clients"
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()


def _answers_http(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2).read()
    except OSError:
        return False
    return True
