"""The certificate's status follows its application, in the same transaction."""

import pytest
from django.db import transaction

from certificates.enums import CertificateStatus
from certificates.models import Certificate
from certification import services
from certification.enums import Action
from tests.factories.certificates import issued_certificate
from tests.factories.certification import advance, supervisor

pytestmark = pytest.mark.django_db


def _status(certificate):
    certificate.refresh_from_db()
    return certificate.status


def test_certificate_status_suspended_with_date_and_reason():
    certificate = issued_certificate()
    advance(certificate.application, Action.SUSPEND, comment="抽检不合格，限期整改")
    certificate.refresh_from_db()
    entry = certificate.application.log_entries.get(action=Action.SUSPEND)
    assert certificate.status == CertificateStatus.SUSPENDED
    assert certificate.status_changed_at == entry.at
    assert certificate.status_reason == "抽检不合格，限期整改"


def test_certificate_status_restored_to_valid_without_reason():
    certificate = issued_certificate()
    advance(certificate.application, Action.SUSPEND, Action.RESTORE, comment="整改合格")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
    assert certificate.status_reason == ""


def test_certificate_status_revoked_with_reason():
    certificate = issued_certificate()
    advance(certificate.application, Action.SUSPEND, comment="暂停")
    advance(certificate.application, Action.REVOKE, comment="冒用标识，情节严重")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.status_reason == "冒用标识，情节严重"


def test_certificate_status_expired_by_the_expire_transition():
    certificate = issued_certificate()
    advance(certificate.application, Action.EXPIRE, comment="到期")
    assert _status(certificate) == CertificateStatus.EXPIRED


def test_certificate_status_rolls_back_with_the_transition():
    certificate = issued_certificate()
    official = supervisor()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.application_transition(
            application=certificate.application,
            action=Action.SUSPEND,
            user=official,
            comment="原因",
        )
        assert Certificate.objects.get(pk=certificate.pk).status == CertificateStatus.SUSPENDED
        raise RuntimeError("the surrounding transaction fails")
    assert _status(certificate) == CertificateStatus.VALID
