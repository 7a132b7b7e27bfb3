"""Webhooks: signed POSTs on certificate status changes, retried with backoff, logged.

The receiver is a real HTTP server on 127.0.0.1 in a thread (no other network).
"""

import hashlib
import hmac
import http.server
import json
import threading

import pytest
from django.core.exceptions import ValidationError

from certification.enums import Action
from directory.enums import DeliveryStatus, WebhookEvent
from directory.models import WebhookClient, WebhookDelivery
from directory.tasks import MAX_RETRIES, backoff
from tests.factories.certificates import certified_application, issued_certificate
from tests.factories.certification import advance
from tests.factories.directory import webhook_client

pytestmark = pytest.mark.django_db


class Receiver:
    """A local HTTP server that records requests and answers with queued statuses."""

    def __init__(self, statuses=(200,)):
        self.requests = []
        self.statuses = list(statuses)
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((self.headers, body))
                status = (
                    receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                )
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def http_allowed(settings):
    settings.WEBHOOK_ALLOW_HTTP = True


@pytest.fixture
def eager_retries():
    """Eager tasks follow their retries in-process (propagating would stop at the first)."""
    from brandportal.celery import app

    saved = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = saved


def _suspend(certificate, capture):
    with capture(execute=True):
        advance(
            certificate.application, Action.START_SUPERVISION, Action.SUSPEND, comment="抽检不合格"
        )


def test_webhook_is_signed_with_the_client_secret(http_allowed, django_capture_on_commit_callbacks):
    certificate = issued_certificate()
    with Receiver() as receiver:
        client = webhook_client(receiver.url, [WebhookEvent.SUSPENDED])
        _suspend(certificate, django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    timestamp = headers["X-JXGE-Timestamp"]
    expected = hmac.new(
        client.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-JXGE-Signature"] == f"sha256={expected}"
    assert headers["X-JXGE-Event"] == "certificate.suspended"
    payload = json.loads(body)
    assert payload["event"] == "certificate.suspended"
    assert payload["certificate"]["number"] == certificate.number
    assert payload["certificate"]["status"] == "suspended"
    assert payload["certificate"]["status_reason"] == "抽检不合格"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 1
    assert list(delivery.attempt_log.values_list("status_code", flat=True)) == [200]


def test_webhook_signature_does_not_verify_with_another_secret(
    http_allowed, django_capture_on_commit_callbacks
):
    certificate = issued_certificate()
    with Receiver() as receiver:
        webhook_client(receiver.url, [WebhookEvent.SUSPENDED])
        _suspend(certificate, django_capture_on_commit_callbacks)
    headers, body = receiver.requests[0]
    forged = hmac.new(b"wrong", headers["X-JXGE-Timestamp"].encode() + b"." + body, hashlib.sha256)
    assert headers["X-JXGE-Signature"] != f"sha256={forged.hexdigest()}"


def test_webhook_is_retried_until_the_receiver_accepts(
    http_allowed, eager_retries, django_capture_on_commit_callbacks
):
    certificate = issued_certificate()
    with Receiver(statuses=[500, 503, 200]) as receiver:
        webhook_client(receiver.url, [WebhookEvent.SUSPENDED])
        _suspend(certificate, django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 3
    bodies = {body for _headers, body in receiver.requests}
    assert len(bodies) == 1  # every attempt sends the same event
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 3
    assert list(delivery.attempt_log.values_list("number", "status_code")) == [
        (1, 500),
        (2, 503),
        (3, 200),
    ]


def test_webhook_gives_up_after_the_last_retry_and_logs_errors(
    http_allowed, eager_retries, django_capture_on_commit_callbacks
):
    certificate = issued_certificate()
    with Receiver() as receiver:
        url = receiver.url
    # The server is closed: every attempt fails to connect.
    webhook_client(url, [WebhookEvent.SUSPENDED])
    _suspend(certificate, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == MAX_RETRIES + 1
    attempt = delivery.attempt_log.first()
    assert attempt.status_code is None and attempt.error


def test_backoff_grows_exponentially():
    assert [backoff(n) for n in range(4)] == [30, 60, 120, 240]


def test_webhook_only_for_subscribed_events_and_active_clients(
    http_allowed, django_capture_on_commit_callbacks
):
    certificate = issued_certificate()
    with Receiver() as receiver:
        webhook_client(receiver.url, [WebhookEvent.REVOKED])
        webhook_client(receiver.url, [WebhookEvent.SUSPENDED], is_active=False)
        _suspend(certificate, django_capture_on_commit_callbacks)
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_webhooks_for_revocation_and_renewal(http_allowed, django_capture_on_commit_callbacks):
    certificate = issued_certificate()
    with Receiver() as receiver:
        webhook_client(receiver.url, list(WebhookEvent))
        with django_capture_on_commit_callbacks(execute=True):
            advance(certificate.application, Action.START_SUPERVISION)
            renewal = certified_application(
                product=certificate.application.product,
                renewal_of=certificate.application,
                certification_body=certificate.application.certification_body,
            )
            new = issued_certificate(renewal)
    events = [json.loads(body)["event"] for _headers, body in receiver.requests]
    assert sorted(events) == ["certificate.expired", "certificate.renewed"]
    renewed = next(json.loads(body) for _h, body in receiver.requests if b"renewed" in body)
    assert renewed["certificate"]["number"] == new.number
    assert renewed["replaces"] == certificate.number


def test_webhook_url_must_be_https(settings):
    settings.WEBHOOK_ALLOW_HTTP = False
    client = WebhookClient(
        name="x",
        url="http://example.com/hook",
        events=["certificate.revoked"],
        owner=webhook_client("https://example.com/h", ["certificate.revoked"]).owner,
    )
    with pytest.raises(ValidationError) as error:
        client.full_clean()
    assert "url" in error.value.message_dict


def test_webhook_events_must_be_known():
    client = webhook_client("https://example.com/h", ["certificate.revoked"])
    client.events = ["certificate.stolen"]
    with pytest.raises(ValidationError) as error:
        client.full_clean()
    assert "events" in error.value.message_dict


def test_sweep_requeues_deliveries_whose_task_was_lost(http_allowed):
    import datetime

    from django.utils import timezone

    from directory.tasks import SWEEP_GRACE, requeue_lost_webhooks

    certificate = issued_certificate()
    with Receiver() as receiver:
        webhook_client(receiver.url, [WebhookEvent.SUSPENDED])
        # Without capturing on-commit callbacks, the delivery's task never runs: lost.
        advance(certificate.application, Action.START_SUPERVISION, Action.SUSPEND)
        delivery = WebhookDelivery.objects.get()
        assert requeue_lost_webhooks() == 0  # too recent: its task may still come
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            created_at=timezone.now() - SWEEP_GRACE - datetime.timedelta(minutes=1)
        )
        assert requeue_lost_webhooks() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and len(receiver.requests) == 1
    assert requeue_lost_webhooks() == 0
