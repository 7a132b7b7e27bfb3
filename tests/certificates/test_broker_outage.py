"""Nothing is lost when the broker is down: certification commits, the sweep issues later."""

import contextlib
import logging
import os

import pytest

from brandportal.celery import app
from certificates.models import Certificate
from certificates.tasks import sweep_unissued_certificates
from certification.enums import Action, ApplicationState
from tests.factories.certification import ApplicationFactory, advance

pytestmark = pytest.mark.django_db

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


def _reset_connections():
    # Forget cached connections so the next publish connects to the current broker_url.
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def broker_down():
    """Point the Celery app at a closed port and stop running tasks in-process."""
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    # Celery reads CELERY_BROKER_URL from the environment before its own setting (CI
    # sets it to the real Redis), so the variable is pointed at the closed port too.
    saved_env = os.environ.get("CELERY_BROKER_URL")
    _reset_connections()
    os.environ["CELERY_BROKER_URL"] = CLOSED_PORT_BROKER
    app.conf.broker_url = CLOSED_PORT_BROKER
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        if saved_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_env
        app.conf.broker_url, app.conf.task_always_eager = saved
        _reset_connections()


def test_broker_outage_certification_commits_and_sweep_issues_later(
    django_capture_on_commit_callbacks, caplog
):
    application = advance(ApplicationFactory(), Action.SUBMIT, Action.ACCEPT)
    with broker_down(), caplog.at_level(logging.ERROR, logger="brandportal.queue"):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            advance(application, Action.CERTIFY)
        assert callbacks, "the issuing task is queued on commit"

    assert any("issue_certificate" in r.getMessage() for r in caplog.records)
    application.refresh_from_db()
    assert application.state == ApplicationState.CERTIFIED
    assert not Certificate.objects.exists()

    # The broker is back: the periodic sweep finds the application and issues once.
    assert sweep_unissued_certificates.delay(grace_seconds=0).get() == 1
    certificate = Certificate.objects.get(application=application)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUPERVISED
    assert certificate.pdf

    assert sweep_unissued_certificates.delay(grace_seconds=0).get() == 0
    assert Certificate.objects.count() == 1


def test_sweep_leaves_recent_certifications_to_their_own_task():
    advance(ApplicationFactory(), Action.SUBMIT, Action.ACCEPT, Action.CERTIFY)
    assert sweep_unissued_certificates.delay().get() == 0
    assert not Certificate.objects.exists()
