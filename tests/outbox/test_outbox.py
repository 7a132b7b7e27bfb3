"""The outbox: every notice is recorded with its change, sent once, retried on transient
errors with backoff, and swept when its task was lost or its worker died."""

import contextlib
import datetime
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from accounts.models import Notification
from accounts.roles import Role
from certification import services as certification
from certification.enums import Action
from outbox.enums import MessageState
from outbox.models import Message
from outbox.services import MAX_ATTEMPTS, message_queue, message_send, outbox_sweep
from outbox.tasks import send_message, sweep_outbox
from tests.certificates.test_broker_outage import broker_down
from tests.factories import UserFactory, user_with_role
from tests.factories.certification import ApplicationFactory, add_required_documents
from tests.factories.outbox import MessageFactory

pytestmark = pytest.mark.django_db
NO_GRACE = datetime.timedelta(0)
LONG_AGO = datetime.timedelta(hours=1)


@pytest.fixture
def eager_retries():
    """Eager tasks follow their retries in-process (propagating would stop at the first)."""
    from brandportal.celery import app

    saved = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = saved


@contextlib.contextmanager
def database_fails_once(table: str):
    """The first INSERT into `table` fails as if the database had gone away."""
    failed = []

    def wrapper(execute, sql, params, many, context):
        if not failed and sql.startswith(f'INSERT INTO "{table}"'):
            failed.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield failed


def smtp_fails(times: int):
    """The mail server refuses the first `times` messages (it crosses the network)."""
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages
    calls = []

    def send_messages(self, messages):
        calls.append(messages)
        if len(calls) <= times:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real(self, messages)

    return mock.patch.object(EmailBackend, "send_messages", send_messages)


def _submitted_while_broker_down(capture):
    application = ApplicationFactory()
    add_required_documents(application)
    with broker_down(), capture(execute=True) as callbacks:
        certification.application_transition(
            application=application, action=Action.SUBMIT, user=application.created_by
        )
    assert callbacks, "the send task is queued on commit"
    return application


def test_notice_lost_with_the_broker_is_sent_once_by_the_sweep(
    django_capture_on_commit_callbacks,
):
    mail.outbox.clear()
    application = _submitted_while_broker_down(django_capture_on_commit_callbacks)
    owner = application.created_by
    message = Message.objects.get(recipient=owner)
    assert message.state == MessageState.PENDING and not mail.outbox
    assert not Notification.objects.filter(recipient=owner).exists()

    assert outbox_sweep(grace=NO_GRACE) == [message.pk]
    assert [m.to for m in mail.outbox if m.to == [owner.email]] == [[owner.email]]
    assert Notification.objects.filter(recipient=owner, key=message.key).count() == 1
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.attempts == 1

    sent = len(mail.outbox)
    assert sweep_outbox.delay(grace_seconds=0).get() == 0
    assert len(mail.outbox) == sent


def test_sweep_leaves_recent_pending_messages_to_their_own_task():
    MessageFactory()
    assert sweep_outbox.delay().get() == 0
    assert not mail.outbox


def test_message_database_error_while_sending_is_retried_and_arrives_once(eager_retries):
    message = MessageFactory()
    with database_fails_once("accounts_notification") as failed:
        send_message.delay(message.pk)
    assert failed, "the in-app notification's INSERT failed once"
    assert Notification.objects.filter(recipient=message.recipient, key=message.key).count() == 1
    assert [m.subject for m in mail.outbox] == [message.email_subject]
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.attempts == 2


def test_message_database_error_puts_it_back_to_pending_with_backoff():
    message = MessageFactory()
    with database_fails_once("accounts_notification"):
        assert message_send(message_id=message.pk) == 30
    message.refresh_from_db()
    assert message.state == MessageState.PENDING
    assert "OperationalError" in message.last_error
    assert message.next_attempt_at > timezone.now() + datetime.timedelta(seconds=25)
    assert not mail.outbox and not Notification.objects.exists()


def test_message_mail_server_error_is_retried_and_arrives_once(eager_retries):
    message = MessageFactory()
    with smtp_fails(times=2):
        send_message.delay(message.pk)
    assert [m.to for m in mail.outbox] == [[message.recipient.email]]
    assert Notification.objects.filter(recipient=message.recipient).count() == 1
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.attempts == 3


def test_message_backoff_grows_until_it_fails_for_good():
    message = MessageFactory()
    delays = []
    with smtp_fails(times=MAX_ATTEMPTS):
        for _ in range(MAX_ATTEMPTS):
            delays.append(message_send(message_id=message.pk))
    assert delays[:4] == [30, 60, 120, 240] and delays[-1] is None
    message.refresh_from_db()
    assert message.state == MessageState.FAILED and message.attempts == MAX_ATTEMPTS
    assert "SMTPServerDisconnected" in message.last_error
    assert not mail.outbox
    assert outbox_sweep(grace=NO_GRACE) == []  # failed is left to the administrators


def test_message_sent_twice_sends_nothing_the_second_time():
    message = MessageFactory()
    assert message_send(message_id=message.pk) is None
    assert message_send(message_id=message.pk) is None
    send_message.delay(message.pk)
    assert outbox_sweep(grace=NO_GRACE) == []
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=message.recipient).count() == 1


def test_message_in_app_only_sends_no_email():
    message = MessageFactory(email_subject="", email_body="")
    message_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.email_started_at is None
    assert not mail.outbox
    assert Notification.objects.get(recipient=message.recipient).title == message.title


def test_sweep_sends_a_message_whose_worker_died_before_the_email():
    message = MessageFactory(
        state=MessageState.SENDING, attempts=1, next_attempt_at=timezone.now() - LONG_AGO
    )
    assert outbox_sweep(grace=NO_GRACE) == [message.pk]
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.attempts == 2
    assert len(mail.outbox) == 1


def test_sweep_does_not_resend_a_message_whose_worker_died_after_starting_the_email():
    message = MessageFactory(
        state=MessageState.SENDING,
        attempts=1,
        next_attempt_at=timezone.now() - LONG_AGO,
        email_started_at=timezone.now() - LONG_AGO,
    )
    assert outbox_sweep(grace=NO_GRACE) == []
    message.refresh_from_db()
    assert message.state == MessageState.FAILED and "可能已发出" in message.last_error
    assert not mail.outbox


def test_sweep_leaves_a_message_being_sent_within_its_lease():
    message = MessageFactory(
        state=MessageState.SENDING,
        attempts=1,
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=4),
    )
    assert outbox_sweep(grace=NO_GRACE) == []
    message.refresh_from_db()
    assert message.state == MessageState.SENDING and not mail.outbox


def test_message_queue_records_each_key_once():
    user = UserFactory()
    first = message_queue(recipient_id=user.pk, key="k", title="标题", email_subject="主题")
    assert first is not None
    assert message_queue(recipient_id=user.pk, key="k", title="标题") is None
    assert Message.objects.filter(recipient=user).count() == 1


def test_message_queue_skips_a_notice_delivered_before_the_outbox():
    user = UserFactory()
    Notification.objects.create(recipient=user, key="transition:1", title="旧通知")
    assert message_queue(recipient_id=user.pk, key="transition:1", title="旧通知") is None
    assert not Message.objects.exists()


def test_transition_rolled_back_records_no_message(django_capture_on_commit_callbacks):
    from django.db import transaction

    application = ApplicationFactory()
    add_required_documents(application)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        certification.application_transition(
            application=application, action=Action.SUBMIT, user=application.created_by
        )
        assert Message.objects.filter(recipient=application.created_by).exists()
        raise RuntimeError("the surrounding work failed")
    assert not Message.objects.exists() and not mail.outbox


def test_sweep_scheduled_every_minute():
    task = PeriodicTask.objects.get(task="outbox.tasks.sweep_outbox", enabled=True)
    assert (task.interval.every, task.interval.period) == (1, "minutes")


def test_outbox_admin_shows_failed_messages_to_provincial_admins_read_only(client):
    failed = MessageFactory(state=MessageState.FAILED, last_error="SMTPException: 拒收")
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    response = client.get(reverse("admin:outbox_message_changelist"), {"state": "failed"})
    assert response.status_code == 200
    assert failed.title in response.content.decode()
    assert "拒收" in response.content.decode()
    page = client.get(reverse("admin:outbox_message_change", args=[failed.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:outbox_message_add")).status_code == 403


@pytest.mark.parametrize("role", [Role.ENTERPRISE_USER, Role.REVIEWER, Role.SUPERVISOR])
def test_outbox_admin_hidden_from_other_roles(client, role):
    client.force_login(user_with_role(role))
    response = client.get(reverse("admin:outbox_message_changelist"))
    assert response.status_code in (302, 403)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_message_sent_by_two_tasks_at_once_goes_out_once():
    from django.core.mail.backends.locmem import EmailBackend

    from tests.concurrency import race

    message = MessageFactory()
    real = EmailBackend.send_messages

    def slow_mail_server(self, messages):
        import time

        time.sleep(0.5)  # the second task starts while the first is sending
        return real(self, messages)

    with mock.patch.object(EmailBackend, "send_messages", slow_mail_server):
        outcomes = race([lambda: message_send(message_id=message.pk)] * 2)
    assert outcomes == [None, None]
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=message.recipient).count() == 1
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.attempts == 1


def test_transition_made_in_english_records_chinese_notices(
    django_capture_on_commit_callbacks,
):
    from django.utils import translation

    application = ApplicationFactory()
    add_required_documents(application)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        certification.application_transition(
            application=application, action=Action.SUBMIT, user=application.created_by
        )
    message = Message.objects.get(recipient=application.created_by)
    assert "查看申请详情" in message.email_body
    assert "查看申请详情" in mail.outbox[0].body
