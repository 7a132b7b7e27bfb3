"""Choices of the certificates app, importable from anywhere without the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from certification.enums import ApplicationState


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("有效")
    SUSPENDED = "suspended", _("暂停")
    REVOKED = "revoked", _("撤销")
    EXPIRED = "expired", _("过期")


# A certificate's status follows its application's state; states not listed leave it as is.
STATUS_FOR_STATE = {
    ApplicationState.CERTIFIED: CertificateStatus.VALID,
    ApplicationState.SUPERVISED: CertificateStatus.VALID,
    ApplicationState.SUSPENDED: CertificateStatus.SUSPENDED,
    ApplicationState.REVOKED: CertificateStatus.REVOKED,
    ApplicationState.EXPIRED: CertificateStatus.EXPIRED,
}
# Statuses whose reason (the transition's comment) is shown to the public.
STATUSES_WITH_REASON = frozenset({CertificateStatus.SUSPENDED, CertificateStatus.REVOKED})
# Days before expiry on which the enterprise is reminded to renew, each once.
REMINDER_DAYS = (90, 30)


class SignatureCheck(models.TextChoices):
    """What the verification page found about the signature of a QR code."""

    ABSENT = "absent", _("未携带签名（手工输入编号查询）")
    VALID = "valid", _("二维码签名有效")
    INVALID = "invalid", _("二维码签名无效")
