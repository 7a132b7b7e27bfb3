"""Every write of the directory: keeping listings in step, queueing and sending webhooks."""

import datetime
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from brandportal.queue import enqueue_on_commit
from certificates.enums import STATUSES_WITH_REASON, CertificateStatus
from certificates.models import Certificate
from certification.models import Application

from .enums import DeliveryStatus, WebhookEvent
from .models import DeliveryAttempt, Listing, WebhookClient, WebhookDelivery

logger = logging.getLogger(__name__)

EVENT_FOR_STATUS = {
    CertificateStatus.SUSPENDED: WebhookEvent.SUSPENDED,
    CertificateStatus.REVOKED: WebhookEvent.REVOKED,
    CertificateStatus.EXPIRED: WebhookEvent.EXPIRED,
}
SIGNATURE_HEADER = "X-JXGE-Signature"
TIMESTAMP_HEADER = "X-JXGE-Timestamp"
EVENT_HEADER = "X-JXGE-Event"
DELIVERY_HEADER = "X-JXGE-Delivery"
TIMEOUT_SECONDS = 10
MAX_ATTEMPTS = 7  # the first and six retries: 30 s, 1, 2, 4, 8, 16 min later
# Longer than one attempt can take (TIMEOUT_SECONDS per connect and read, and recording).
SEND_LEASE = datetime.timedelta(minutes=2)


# --- listings --------------------------------------------------------------------------


def listing_sync(*, certificate: Certificate) -> Listing:
    """Write the listing of `certificate` from its snapshot and move its `updated_at`."""
    application = Application.objects.select_related("enterprise", "product").get(
        pk=certificate.application_id
    )
    listing, _created = Listing.objects.update_or_create(
        certificate=certificate,
        defaults={
            "product_id": application.product_id,
            "enterprise_id": application.enterprise_id,
            "category_id": application.product.category_id,
            "division_id": application.enterprise.division_id,
            "standard_id": application.standard_id,
            "certification_body_id": application.certification_body_id,
            "number": certificate.number,
            "product_name": certificate.product_name,
            "enterprise_name": certificate.enterprise_name,
            "credit_code": certificate.credit_code,
            "standard_code": certificate.standard_code,
            "standard_title": certificate.standard_title,
            "body_name": certificate.body_name,
            "status": certificate.status,
            "issued_on": certificate.issued_on,
            "valid_until": certificate.valid_until,
            "updated_at": timezone.now(),
        },
    )
    return listing


def listings_follow_product(*, product) -> int:
    """A product moved to another category: its listings follow (and count as updated)."""
    return (
        Listing.objects.filter(product=product)
        .exclude(category_id=product.category_id)
        .update(category_id=product.category_id, updated_at=timezone.now())
    )


# --- webhooks: queueing ----------------------------------------------------------------


def certificate_payload(certificate: Certificate) -> dict:
    """The public facts of a certificate, as webhook bodies carry them."""
    return {
        "number": certificate.number,
        "status": certificate.status,
        "status_display": str(certificate.get_status_display()),
        "status_changed_at": certificate.status_changed_at,
        "status_reason": (
            certificate.status_reason if certificate.status in STATUSES_WITH_REASON else None
        ),
        "enterprise_name": certificate.enterprise_name,
        "credit_code": certificate.credit_code,
        "product_name": certificate.product_name,
        "standard_code": certificate.standard_code,
        "body_name": certificate.body_name,
        "issued_on": certificate.issued_on,
        "valid_until": certificate.valid_until,
    }


def webhooks_queue(*, event: WebhookEvent, certificate: Certificate, replaces=None) -> list:
    """Record one delivery per active subscriber and send each after the commit."""
    from .tasks import deliver_webhook

    clients = [
        client
        for client in WebhookClient.objects.filter(is_active=True)
        if event.value in client.events
    ]
    deliveries = []
    for client in clients:
        delivery = WebhookDelivery.objects.create(
            client=client, event=event, certificate_number=certificate.number, body=""
        )
        data = {
            "id": delivery.pk,
            "event": event.value,
            "occurred_at": timezone.now(),
            "certificate": certificate_payload(certificate),
        }
        if replaces is not None:
            data["replaces"] = replaces.number
        delivery.body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
        delivery.save(update_fields=["body"])
        enqueue_on_commit(deliver_webhook, delivery.pk)
        deliveries.append(delivery)
    return deliveries


def certificate_changed(*, certificate: Certificate, created: bool, previous_status) -> None:
    """Called on every save of a certificate: listing first, then the subscribers."""
    if not created and previous_status == certificate.status:
        return
    listing_sync(certificate=certificate)
    if created:
        renewal_of = Application.objects.filter(pk=certificate.application_id).values_list(
            "renewal_of_id", flat=True
        )[0]
        if renewal_of is not None:
            old = Certificate.objects.filter(application_id=renewal_of).first()
            webhooks_queue(event=WebhookEvent.RENEWED, certificate=certificate, replaces=old)
        return
    event = EVENT_FOR_STATUS.get(certificate.status)
    if event is not None:
        webhooks_queue(event=event, certificate=certificate)


def webhooks_requeue_lost(*, grace: datetime.timedelta) -> list[int]:
    """Pending deliveries `grace` past their next attempt and not being sent: their
    task was lost (the broker was down at commit time), or the worker running it or its
    retry died. Queueing one again is safe: claiming lets only one attempt run at once,
    and receivers dedupe on the X-JXGE-Delivery id should a POST go out twice."""
    from .tasks import deliver_webhook

    now = timezone.now()
    ids = list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now - grace
        )
        .exclude(sending_until__gt=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:500]
    )
    for delivery_id in ids:
        deliver_webhook.delay(delivery_id)
    return ids


# --- webhooks: sending -----------------------------------------------------------------


def sign(secret: str, timestamp: str, delivery_id: str, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>.<delivery id>.<body>" with the client's secret, hex.

    Receivers recompute it and compare in constant time, refuse timestamps too far from
    their clock (a captured request cannot be replayed later), and keep the delivery ids
    they have processed: the id is the same on every attempt of a delivery and signed,
    so a repeated POST (at-least-once delivery) is recognised and ignored.
    """
    message = f"{timestamp}.{delivery_id}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def backoff(attempts: int) -> int:
    """Seconds before the next attempt after `attempts` failed ones: 30 s, 1, 2, 4 … min."""
    return 30 * 2 ** max(attempts - 1, 0)


def _post(url: str, body: bytes, headers: dict) -> tuple[int | None, str]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, str(getattr(error, "reason", error))[:500]


def _claim(delivery_id: int) -> bool:
    """Take the lease of a pending delivery no other attempt holds; one winner at once."""
    now = timezone.now()
    return bool(
        WebhookDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .exclude(sending_until__gt=now)
        .update(sending_until=now + SEND_LEASE)
    )


def webhook_deliver(*, delivery_id: int) -> int | None:
    """POST the delivery once; returns the seconds until the next attempt is due, or None
    when there is nothing more to do (sent, given up, or another attempt holds it).

    At least once: a worker that dies after the POST and before recording it leaves the
    lease to run out, and the sweep sends the delivery again with the same id.
    """
    if not _claim(delivery_id):
        return None
    delivery = WebhookDelivery.objects.select_related("client").get(pk=delivery_id)
    client = delivery.client
    if not client.is_active:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED, sending_until=None
        )
        return None
    body = delivery.body.encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "jxge-brandportal-webhooks/1",
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: "sha256=" + sign(client.secret, timestamp, str(delivery.pk), body),
    }
    status_code, error = _post(client.url, body, headers)
    succeeded = status_code is not None and 200 <= status_code < 300
    with transaction.atomic():
        locked = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        locked.attempts += 1
        DeliveryAttempt.objects.create(
            delivery=locked, number=locked.attempts, status_code=status_code, error=error
        )
        retry_in = None
        if succeeded:
            locked.status = DeliveryStatus.SUCCEEDED
            locked.delivered_at = timezone.now()
        elif locked.attempts >= MAX_ATTEMPTS:
            locked.status = DeliveryStatus.FAILED
        else:
            retry_in = backoff(locked.attempts)
            locked.next_attempt_at = timezone.now() + datetime.timedelta(seconds=retry_in)
        locked.sending_until = None
        locked.save(
            update_fields=["attempts", "status", "delivered_at", "next_attempt_at", "sending_until"]
        )
    if not succeeded:
        logger.info("Webhook delivery %s failed: %s %s", delivery.pk, status_code, error)
    return retry_in
