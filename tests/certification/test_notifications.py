"""Notices about transitions: e-mails with a subject per event, reviewers told of new
work (but not conflicted ones), reruns that send nothing twice (through the outbox), the
certificate task queued once on commit, and the in-app notification list."""

import datetime

import pytest
from celery.signals import task_prerun
from django.core import mail
from django.db import transaction
from django.urls import reverse

from accounts.models import Notification
from accounts.roles import Role
from certification import services
from certification.enums import Action, ApplicationState
from certification.models import TransitionLog
from certification.notifications import ENTERPRISE_SUBJECTS, REVIEWER_SUBJECTS, notices_queue
from certification.tasks import issue_certificate, notify_transition
from outbox.models import Message
from outbox.services import outbox_sweep
from outbox.tasks import send_message
from tests.factories import UserFactory, user_with_role
from tests.factories.certification import (
    ApplicationFactory,
    add_required_documents,
    advance,
    passing_review,
    reviewer_for,
    supervisor,
)

pytestmark = pytest.mark.django_db
A = Action

# The actions leading to each action's source state.
BEFORE = {
    A.SUBMIT: [],
    A.WITHDRAW: [],
    A.ACCEPT: [A.SUBMIT],
    A.REQUEST_CHANGES: [A.SUBMIT, A.ACCEPT],
    A.RESUBMIT: [A.SUBMIT, A.ACCEPT, A.REQUEST_CHANGES],
    A.REJECT: [A.SUBMIT, A.ACCEPT],
    A.CERTIFY: [A.SUBMIT, A.ACCEPT],
    A.START_SUPERVISION: [A.SUBMIT, A.ACCEPT, A.CERTIFY],
    A.SUSPEND: [A.SUBMIT, A.ACCEPT, A.CERTIFY, A.START_SUPERVISION],
    A.RESTORE: [A.SUBMIT, A.ACCEPT, A.CERTIFY, A.START_SUPERVISION, A.SUSPEND],
    A.REVOKE: [A.SUBMIT, A.ACCEPT, A.CERTIFY, A.START_SUPERVISION],
    A.EXPIRE: [A.SUBMIT, A.ACCEPT, A.CERTIFY, A.START_SUPERVISION],
}


def _actor(action, application, reviewer):
    if action in (A.SUBMIT, A.RESUBMIT, A.WITHDRAW):
        return application.created_by
    if action in (A.ACCEPT, A.REQUEST_CHANGES, A.REJECT, A.CERTIFY):
        return reviewer
    if action in (A.START_SUPERVISION, A.EXPIRE):
        return None
    return supervisor()


def _prepare(action):
    application = ApplicationFactory()
    reviewer = reviewer_for(application)
    application = advance(application, *BEFORE[action], reviewer=reviewer)
    if application.state in (ApplicationState.DRAFT, ApplicationState.NEEDS_CHANGES):
        add_required_documents(application)
    if action == A.CERTIFY:
        passing_review(application, reviewer)
    return application, reviewer


def test_every_event_has_its_own_enterprise_subject():
    assert set(ENTERPRISE_SUBJECTS) == set(Action)
    assert len(set(ENTERPRISE_SUBJECTS.values())) == len(Action)


@pytest.mark.parametrize("action", list(Action))
def test_each_transition_emails_the_enterprise_with_its_subject(
    action, django_capture_on_commit_callbacks
):
    application, reviewer = _prepare(action)
    colleague = UserFactory(enterprise=application.enterprise)
    colleague.add_role(Role.ENTERPRISE_USER)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(
            application=application,
            action=action,
            user=_actor(action, application, reviewer),
            comment="说明文字",
        )
    owner_mail = [m for m in mail.outbox if m.to == [application.created_by.email]]
    subjects = [m.subject for m in owner_mail]
    assert ENTERPRISE_SUBJECTS[action] in subjects
    message = owner_mail[subjects.index(ENTERPRISE_SUBJECTS[action])]
    assert application.reference in message.body
    assert "说明文字" in message.body
    assert reverse("certification:application_detail", args=[application.pk]) in message.body
    # Every user of the enterprise is told, and sees it in the portal too.
    assert any(m.to == [colleague.email] for m in mail.outbox)
    assert Notification.objects.filter(
        recipient=colleague, title=ENTERPRISE_SUBJECTS[action]
    ).exists()


@pytest.mark.parametrize("action", [A.SUBMIT, A.RESUBMIT])
def test_submit_and_resubmit_email_the_bodys_reviewers_but_not_conflicted_ones(
    action, django_capture_on_commit_callbacks
):
    application, reviewer = _prepare(action)
    colleague = reviewer_for(application)
    conflicted = reviewer_for(application)
    conflicted.conflicts.create(enterprise=application.enterprise, reason="亲属任职")
    outsider = user_with_role(Role.REVIEWER)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(
            application=application, action=action, user=application.created_by
        )
    to_reviewers = {m.to[0] for m in mail.outbox if m.subject == REVIEWER_SUBJECTS[action]}
    assert to_reviewers == {reviewer.email, colleague.email}
    assert conflicted.email not in {m.to[0] for m in mail.outbox}
    assert outsider.email not in {m.to[0] for m in mail.outbox}
    message = next(m for m in mail.outbox if m.to == [reviewer.email])
    assert reverse("admin:certification_application_change", args=[application.pk]) in (
        message.body
    )
    assert application.enterprise.name in message.body


@pytest.mark.parametrize("action", [A.ACCEPT, A.REQUEST_CHANGES, A.WITHDRAW])
def test_other_events_do_not_email_reviewers(action, django_capture_on_commit_callbacks):
    application, reviewer = _prepare(action)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(
            application=application,
            action=action,
            user=_actor(action, application, reviewer),
            comment="说明文字",
        )
    assert reviewer.email not in {m.to[0] for m in mail.outbox}


def test_rerunning_the_notices_sends_nothing_the_second_time(django_capture_on_commit_callbacks):
    application, _reviewer = _prepare(A.SUBMIT)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(
            application=application, action=A.SUBMIT, user=application.created_by
        )
    entry = TransitionLog.objects.filter(application=application).latest("pk")
    sent = len(mail.outbox)
    assert sent >= 2  # the owner and the reviewer
    with django_capture_on_commit_callbacks(execute=True):
        assert notices_queue(entry) == 0
        assert notify_transition(entry.pk) == 0
    for message in Message.objects.all():
        send_message.delay(message.pk)
    assert outbox_sweep(grace=datetime.timedelta(0)) == []
    assert len(mail.outbox) == sent
    assert Notification.objects.filter(key=f"transition:{entry.pk}").count() == sent


def test_task_queued_before_the_outbox_still_notifies_once(django_capture_on_commit_callbacks):
    application, _reviewer = _prepare(A.SUBMIT)
    with django_capture_on_commit_callbacks(execute=False):
        services.application_transition(
            application=application, action=A.SUBMIT, user=application.created_by
        )
    entry = TransitionLog.objects.filter(application=application).latest("pk")
    Message.objects.all().delete()  # as a transition made before the outbox existed
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        queued = notify_transition(entry.pk)
    assert queued == len(mail.outbox) >= 2
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_transition(entry.pk) == 0
    assert len(mail.outbox) == queued


@pytest.fixture
def issued():
    """The applications issue_certificate ran for (eagerly, in tests)."""
    ran = []

    def record(sender=None, args=None, **kwargs):
        if sender is not None and sender.name == issue_certificate.name:
            ran.append(args[0])

    task_prerun.connect(record, weak=False)
    yield ran
    task_prerun.disconnect(record)


def test_certify_queues_the_certificate_once_on_commit(issued, django_capture_on_commit_callbacks):
    application, reviewer = _prepare(A.CERTIFY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.application_transition(application=application, action=A.CERTIFY, user=reviewer)
    assert issued == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert issued == [application.pk]


def test_certify_rolled_back_queues_no_certificate(issued, django_capture_on_commit_callbacks):
    application, reviewer = _prepare(A.CERTIFY)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.application_transition(application=application, action=A.CERTIFY, user=reviewer)
        raise RuntimeError("the surrounding work failed")
    assert issued == []
    application.refresh_from_db()
    assert application.state == ApplicationState.UNDER_REVIEW
    assert not application.log_entries.filter(action=A.CERTIFY).exists()


# --- the in-app list -----------------------------------------------------------------


def test_notification_list_shows_own_and_marks_read(client):
    user = user_with_role(Role.REVIEWER)
    mine = Notification.objects.create(recipient=user, key="k1", title="我的通知", body="内容")
    Notification.objects.create(recipient=UserFactory(), key="k1", title="别人的通知")
    client.force_login(user)
    html = client.get(reverse("accounts:notifications")).content.decode()
    assert "我的通知" in html and "别人的通知" not in html
    assert "通知（1）" in client.get(reverse("accounts:dashboard")).content.decode()
    response = client.post(reverse("accounts:notifications"), {"id": mine.pk})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert "通知（1）" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_notification_list_needs_login(client):
    response = client.get(reverse("accounts:notifications"))
    assert response.status_code == 302
