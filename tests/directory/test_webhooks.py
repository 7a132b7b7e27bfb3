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


def _signature(secret: str, headers, body: bytes, delivery_id: str | None = None) -> str:
    """What a receiver computes: HMAC-SHA256 of "<timestamp>.<delivery id>.<body>"."""
    delivery_id = headers["X-JXGE-Delivery"] if delivery_id is None else delivery_id
    message = f"{headers['X-JXGE-Timestamp']}.{delivery_id}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _suspend(certificate, capture):
    with capture(execute=True):
        advance(
            certificate.application, Action.START_SUPERVISION, Action.SUSPEND, comment="抽检不合格"
        )


def test_webhook_payload_is_the_documented_public_facts():
    # Receivers parse these keys; a status reason goes out only with a status that has one.
    from directory.services import certificate_payload

    c = issued_certificate()
    assert certificate_payload(c) == {
        "number": c.number,
        "status": "valid",
        "status_display": "有效",
        "status_changed_at": c.status_changed_at,
        "status_reason": None,
        "enterprise_name": c.enterprise_name,
        "credit_code": c.credit_code,
        "product_name": c.product_name,
        "standard_code": c.standard_code,
        "body_name": c.body_name,
        "issued_on": c.issued_on,
        "valid_until": c.valid_until,
    }


def test_webhook_is_signed_with_the_client_secret(http_allowed, django_capture_on_commit_callbacks):
    certificate = issued_certificate()
    with Receiver() as receiver:
        client = webhook_client(receiver.url, [WebhookEvent.SUSPENDED])
        _suspend(certificate, django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    assert headers["X-JXGE-Signature"] == _signature(client.secret, headers, body)
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
    assert headers["X-JXGE-Signature"] != _signature("wrong", headers, body)


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
    # The reason itself, for the admin's attempt log: not urllib's "<urlopen error …>".
    assert (attempt.status_code, attempt.error) == (None, "[Errno 111] Connection refused")


def test_backoff_grows_exponentially():
    assert [backoff(n) for n in range(1, 5)] == [30, 60, 120, 240]  # after n failed attempts


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
            next_attempt_at=timezone.now() - SWEEP_GRACE - datetime.timedelta(minutes=1)
        )
        assert requeue_lost_webhooks() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and len(receiver.requests) == 1
    assert requeue_lost_webhooks() == 0


def test_sweep_requeues_at_most_500_at_once_the_longest_waiting_first():
    import datetime

    from django.utils import timezone

    from directory import services
    from directory.tasks import SWEEP_GRACE

    # An inactive client: each requeued delivery is closed at once, without a POST.
    client = webhook_client("https://receiver.example/hook", [WebhookEvent.SUSPENDED])
    client.is_active = False
    client.save(update_fields=["is_active"])
    due = timezone.now() - SWEEP_GRACE
    # Stored in the order opposite to their waiting: the lowest id has waited least.
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            client=client,
            event=WebhookEvent.SUSPENDED,
            certificate_number=f"N{minutes}",
            body="{}",
            next_attempt_at=due - datetime.timedelta(minutes=minutes),
        )
        for minutes in range(1, 502)
    )
    requeued = services.webhooks_requeue_lost(grace=SWEEP_GRACE)
    waited_least = WebhookDelivery.objects.get(certificate_number="N1")
    assert len(requeued) == 500 and waited_least.pk not in requeued
    assert waited_least.status == DeliveryStatus.PENDING
    assert services.webhooks_requeue_lost(grace=SWEEP_GRACE) == [waited_least.pk]


# --- lost retries, concurrent sends, the delivery id -------------------------------------


def _pending_delivery(receiver_url, **fields):
    """A suspension's delivery whose task never ran, with `fields` set on it."""
    certificate = issued_certificate()
    webhook_client(receiver_url, [WebhookEvent.SUSPENDED])
    advance(certificate.application, Action.START_SUPERVISION, Action.SUSPEND)
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**fields)
    return delivery


def test_sweep_resends_a_retry_lost_with_its_worker(http_allowed):
    from django.utils import timezone

    from directory.tasks import SWEEP_GRACE, requeue_lost_webhooks

    with Receiver() as receiver:
        # Two attempts failed; the worker holding the third (an ETA task) died.
        delivery = _pending_delivery(
            receiver.url, attempts=2, next_attempt_at=timezone.now() - SWEEP_GRACE * 2
        )
        assert requeue_lost_webhooks() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 3
    assert len(receiver.requests) == 1
    assert requeue_lost_webhooks() == 0


def test_sweep_leaves_a_retry_not_yet_due(http_allowed):
    import datetime

    from django.utils import timezone

    from directory.tasks import requeue_lost_webhooks

    with Receiver() as receiver:
        _pending_delivery(
            receiver.url, attempts=3, next_attempt_at=timezone.now() + datetime.timedelta(minutes=4)
        )
        assert requeue_lost_webhooks() == 0
    assert receiver.requests == []


def test_sweep_resends_a_delivery_whose_lease_ran_out_but_not_one_in_flight(http_allowed):
    import datetime

    from django.utils import timezone

    from directory.tasks import SWEEP_GRACE, requeue_lost_webhooks

    now = timezone.now()
    with Receiver() as receiver:
        delivery = _pending_delivery(
            receiver.url,
            attempts=1,
            next_attempt_at=now - SWEEP_GRACE * 2,
            sending_until=now + datetime.timedelta(minutes=1),
        )
        assert requeue_lost_webhooks() == 0  # an attempt is in flight
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            sending_until=now - datetime.timedelta(seconds=1)
        )
        assert requeue_lost_webhooks() == 1  # its worker died mid-send
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.sending_until is None


def test_webhook_delivery_id_is_the_same_on_every_attempt_and_signed(
    http_allowed, eager_retries, django_capture_on_commit_callbacks
):
    certificate = issued_certificate()
    with Receiver(statuses=[503, 200]) as receiver:
        client = webhook_client(receiver.url, [WebhookEvent.SUSPENDED])
        _suspend(certificate, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert len(receiver.requests) == 2
    for headers, body in receiver.requests:
        assert headers["X-JXGE-Delivery"] == str(delivery.pk) == str(json.loads(body)["id"])
        assert headers["X-JXGE-Signature"] == _signature(client.secret, headers, body)
        # A replay under another delivery id does not verify.
        other = str(delivery.pk + 1)
        assert headers["X-JXGE-Signature"] != _signature(client.secret, headers, body, other)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_sends_of_one_delivery_post_once(http_allowed):
    import time

    from directory.services import webhook_deliver
    from tests.concurrency import race

    with Receiver() as receiver:
        delivery = _pending_delivery(receiver.url)
        slow = receiver.server.RequestHandlerClass.do_POST

        def do_post(handler):
            time.sleep(0.5)  # the second send starts while the first is in flight
            slow(handler)

        receiver.server.RequestHandlerClass.do_POST = do_post
        outcomes = race([lambda: webhook_deliver(delivery_id=delivery.pk)] * 2)
    assert outcomes == [None, None]
    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 1
