"""Every write on the outbox: recording a notice, sending it once, sweeping the stuck.

Recording (`message_queue`) happens in the caller's transaction; the send task is queued
on commit. Sending runs in steps that each commit:

1. claim: pending → sending under a row lock (`skip_locked`), attempts + 1, lease set —
   a second task, or the sweep, finds nothing to claim;
2. the in-app notification (idempotent by its key) and, for an in-app-only notice,
   the mark "sent" in one transaction: exactly once;
3. for a notice with an e-mail: `email_started_at` is committed with step 2, then the
   e-mail goes to the mail server, then the mark "sent".

A transient error (database, mail server, network) in step 2 or 3 puts the message back
to pending with a backoff, or to failed after MAX_ATTEMPTS. If the worker dies (or the
database goes away) after the mail server took the e-mail and before the mark, nothing
can tell whether it went out: the sweep then marks it failed rather than send it again.
E-mail is at most once (a duplicate is never sent; that rare case is visible as failed
in the admin), the in-app notification exactly once.
"""

import datetime
import logging
import smtplib

from django.core.mail import send_mail
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Notification
from brandportal.queue import enqueue_on_commit

from .enums import MessageState
from .models import Message

logger = logging.getLogger(__name__)

# Errors worth another try later: the database, the mail server or the network.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, smtplib.SMTPException, OSError)
MAX_ATTEMPTS = 8
# Longer than one send can take (settings.EMAIL_TIMEOUT per mail-server operation).
LEASE = datetime.timedelta(minutes=5)


# Below Redis' visibility timeout (settings), or a retry waiting for its countdown would be
# handed out twice.
MAX_BACKOFF_SECONDS = 15 * 60


def backoff(attempts: int) -> int:
    """Seconds before the next try after `attempts` tries: 30 s, 1, 2, 4 … up to 15 min."""
    return min(30 * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS)


def message_queue(
    *,
    recipient_id: int,
    key: str,
    title: str,
    body: str = "",
    url: str = "",
    email_subject: str = "",
    email_body: str = "",
) -> Message | None:
    """Record a notice in the caller's transaction and send it after the commit.

    Returns None when the recipient already has a notice under `key` (a rerun, or one
    delivered before the outbox existed): nothing is sent twice.
    """
    from .tasks import send_message

    if Notification.objects.filter(recipient_id=recipient_id, key=key).exists():
        return None
    try:
        with transaction.atomic():
            message, created = Message.objects.get_or_create(
                recipient_id=recipient_id,
                key=key,
                defaults={
                    "title": title[:200],
                    "body": body,
                    "url": url[:300],
                    "email_subject": email_subject[:200],
                    "email_body": email_body,
                },
            )
    except IntegrityError:  # a concurrent run recorded it first
        return None
    if not created:
        return None
    enqueue_on_commit(send_message, message.pk)
    return message


def message_send(*, message_id: int) -> int | None:
    """Send one pending message; returns the seconds until a retry is due, or None when
    nothing is left for this call to do (sent, failed for good, or not pending)."""
    message = _claim(message_id)
    if message is None:
        return None
    try:
        _deliver(message)
    except TRANSIENT_ERRORS as error:
        return _release(message, error)
    if message.email_subject:
        # Not in the try: once the mail server has the e-mail, no error may make the
        # message pending again. A sweep that gave up on a slow worker (failed, the
        # e-mail started) is corrected here: it did go out.
        Message.objects.filter(
            pk=message.pk,
            state__in=[MessageState.SENDING, MessageState.FAILED],
            email_started_at__isnull=False,
        ).update(state=MessageState.SENT, sent_at=timezone.now(), last_error="")
    return None


def _claim(message_id: int) -> Message | None:
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=message_id, state=MessageState.PENDING)
            .first()
        )
        if message is None:
            return None
        message.state = MessageState.SENDING
        message.attempts += 1
        message.next_attempt_at = timezone.now() + LEASE
        message.email_started_at = None
        message.save(update_fields=["state", "attempts", "next_attempt_at", "email_started_at"])
    return message


def _deliver(message: Message) -> None:
    with transaction.atomic():
        Notification.objects.get_or_create(
            recipient_id=message.recipient_id,
            key=message.key,
            defaults={"title": message.title, "body": message.body, "url": message.url},
        )
        if message.email_subject:
            Message.objects.filter(pk=message.pk).update(email_started_at=timezone.now())
        else:
            Message.objects.filter(pk=message.pk).update(
                state=MessageState.SENT, sent_at=timezone.now(), last_error=""
            )
    if message.email_subject:
        send_mail(
            subject=message.email_subject,
            message=message.email_body,
            from_email=None,
            recipient_list=[message.recipient.email],
        )


def _release(message: Message, error: Exception) -> int | None:
    """Back to pending with a backoff, or failed after the last attempt."""
    retry_in = backoff(message.attempts)
    gave_up = message.attempts >= MAX_ATTEMPTS
    Message.objects.filter(pk=message.pk, state=MessageState.SENDING).update(
        state=MessageState.FAILED if gave_up else MessageState.PENDING,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=retry_in),
        email_started_at=None,
    )
    logger.warning(
        "Outbox message %s, attempt %s, failed: %r%s",
        message.pk,
        message.attempts,
        error,
        "; giving up" if gave_up else f"; retrying in {retry_in} s",
    )
    return None if gave_up else retry_in


def outbox_sweep(*, grace: datetime.timedelta) -> list[int]:
    """Queue again what is pending `grace` past its due time (its task was lost, or its
    retry never came), after settling messages stuck in sending past their lease (the
    worker died): back to pending if no e-mail was started, failed if one may be out."""
    from .tasks import send_message

    now = timezone.now()
    stuck = Message.objects.filter(state=MessageState.SENDING, next_attempt_at__lte=now)
    released = list(stuck.filter(email_started_at__isnull=True).values_list("pk", flat=True))
    Message.objects.filter(pk__in=released, state=MessageState.SENDING).update(
        state=MessageState.PENDING, next_attempt_at=now
    )
    stuck.filter(email_started_at__isnull=False).update(
        state=MessageState.FAILED,
        last_error=_("发送中断：邮件可能已发出，但结果未记录；为避免重复，不会自动重发。"),
    )
    due = Message.objects.filter(
        state=MessageState.PENDING, next_attempt_at__lte=now - grace
    ).values_list("pk", flat=True)
    ids = sorted({*released, *due[:500]})
    for message_id in ids:
        send_message.delay(message_id)
    return ids
