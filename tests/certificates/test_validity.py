"""Expiry at the end of validity, reminders to renew, and renewal replacing the old one."""

import datetime

import pytest
from django.core import mail

from accounts.models import Notification
from certificates.enums import CertificateStatus
from certificates.models import Certificate, ExpiryReminder
from certificates.services import certificates_expire_due, expiry_reminders_send
from certificates.tasks import expire_due_certificates, send_expiry_reminders
from certification import services as certification_services
from certification.enums import Action, ApplicationState
from tests.factories.certificates import issued_certificate
from tests.factories.certification import advance

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _state(application):
    application.refresh_from_db()
    return application.state


# --- expiry ----------------------------------------------------------------------------


def test_expire_due_expires_certificates_past_their_last_day():
    certificate = issued_certificate()
    assert certificates_expire_due(today=certificate.valid_until) == 0
    assert certificates_expire_due(today=certificate.valid_until + DAY) == 1
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.EXPIRED
    assert _state(certificate.application) == ApplicationState.EXPIRED
    entry = certificate.application.log_entries.get(action=Action.EXPIRE)
    assert entry.actor is None
    assert entry.comment == "证书有效期已届满。"


def test_expire_due_twice_changes_nothing():
    certificate = issued_certificate()
    later = certificate.valid_until + DAY
    certificates_expire_due(today=later)
    assert certificates_expire_due(today=later) == 0
    assert certificate.application.log_entries.filter(action=Action.EXPIRE).count() == 1


def test_expire_due_includes_suspended_leaves_revoked():
    suspended = issued_certificate()
    advance(suspended.application, Action.SUSPEND, comment="整改中")
    revoked = issued_certificate()
    advance(revoked.application, Action.SUSPEND, Action.REVOKE, comment="撤销")
    assert certificates_expire_due(today=suspended.valid_until + DAY) == 1
    assert Certificate.objects.get(pk=suspended.pk).status == CertificateStatus.EXPIRED
    assert Certificate.objects.get(pk=revoked.pk).status == CertificateStatus.REVOKED


def test_expire_task_runs_the_service_for_today():
    certificate = issued_certificate()
    assert expire_due_certificates.delay().get() == 0
    assert Certificate.objects.get(pk=certificate.pk).status == CertificateStatus.VALID


# --- reminders -------------------------------------------------------------------------


def test_reminders_sent_90_and_30_days_before_each_once(django_capture_on_commit_callbacks):
    certificate = issued_certificate()
    enterprise_user = certificate.application.created_by
    end = certificate.valid_until
    # The outbox sends what the service records once it commits.
    with django_capture_on_commit_callbacks(execute=True):
        assert expiry_reminders_send(today=end - 91 * DAY) == 0
        assert expiry_reminders_send(today=end - 90 * DAY) == 1
        assert expiry_reminders_send(today=end - 89 * DAY) == 0
        assert expiry_reminders_send(today=end - 30 * DAY) == 1
        assert expiry_reminders_send(today=end - 10 * DAY) == 0
    assert sorted(certificate.expiry_reminders.values_list("days_before", flat=True)) == [30, 90]
    assert [m.to for m in mail.outbox] == [[enterprise_user.email]] * 2
    first = mail.outbox[0]
    assert certificate.number in first.subject and "90" in first.subject
    assert f"/applications/new/?renewal_of={certificate.application_id}" in first.body
    assert Notification.objects.filter(recipient=enterprise_user).count() >= 2


def test_reminders_late_run_sends_one_mail_and_records_both(django_capture_on_commit_callbacks):
    certificate = issued_certificate()
    with django_capture_on_commit_callbacks(execute=True):
        assert expiry_reminders_send(today=certificate.valid_until - 20 * DAY) == 1
    assert len(mail.outbox) == 1
    assert ExpiryReminder.objects.filter(certificate=certificate).count() == 2


def test_reminders_skip_suspended_and_renewing():
    suspended = issued_certificate()
    advance(suspended.application, Action.SUSPEND, comment="整改")
    renewing = issued_certificate()
    old = renewing.application
    certification_services.application_create(
        user=old.created_by,
        product=old.product,
        standard=old.standard,
        certification_body=old.certification_body,
        renewal_of=old,
    )
    assert expiry_reminders_send(today=renewing.valid_until - 30 * DAY) == 0
    assert not mail.outbox


def test_reminder_task_runs_the_service_for_today():
    issued_certificate()
    assert send_expiry_reminders.delay().get() == 0


# --- renewal ---------------------------------------------------------------------------


def test_renewal_prefilled_from_the_old_application(client):
    certificate = issued_certificate()
    old = certificate.application
    client.force_login(old.created_by)
    response = client.get("/applications/new/", {"renewal_of": old.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["product"] == old.product_id
    assert form.initial["standard"] == old.standard_id
    assert form.initial["certification_body"] == old.certification_body_id


def test_renewal_certificate_replaces_the_old_one():
    old_certificate = issued_certificate()
    old = old_certificate.application
    renewal = certification_services.application_create(
        user=old.created_by,
        product=old.product,
        standard=old.standard,
        certification_body=old.certification_body,
        renewal_of=old,
    )
    renewal = advance(renewal, Action.SUBMIT, Action.ACCEPT, Action.CERTIFY)
    new_certificate = issued_certificate(renewal)

    old_certificate.refresh_from_db()
    assert new_certificate.number != old_certificate.number
    assert new_certificate.status == CertificateStatus.VALID
    assert old_certificate.status == CertificateStatus.EXPIRED
    assert old_certificate.replaced_by == new_certificate
    assert _state(old) == ApplicationState.EXPIRED
    assert new_certificate.number in old.log_entries.get(action=Action.EXPIRE).comment
    assert _state(renewal) == ApplicationState.SUPERVISED


def test_renewal_replacement_shown_on_the_verify_page(client):
    old_certificate = issued_certificate()
    old = old_certificate.application
    renewal = certification_services.application_create(
        user=old.created_by,
        product=old.product,
        standard=old.standard,
        certification_body=old.certification_body,
        renewal_of=old,
    )
    new_certificate = issued_certificate(
        advance(renewal, Action.SUBMIT, Action.ACCEPT, Action.CERTIFY)
    )
    html = client.get(f"/verify/{old_certificate.number}/").content.decode()
    assert "已由续期证书替代" in html and new_certificate.number in html
    assert (
        client.get(f"/api/v1/certificates/{old_certificate.number}/").json()["replaced_by"]
        == new_certificate.number
    )
