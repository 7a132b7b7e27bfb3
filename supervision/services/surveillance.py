"""Recording yearly surveillance audits, and suspending for an overdue one."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import can
from brandportal.files import validate_upload
from certificates.models import Certificate

from ..enums import SanctionAction, SanctionReason, SurveillanceResult
from ..models import Sanction, SurveillanceAudit
from ..surveillance import audit_years, next_due
from .checks import sanction_certificate
from .errors import ActionRefused


def surveillance_record(
    *,
    certificate: Certificate,
    user,
    year_number: int,
    audited_on: datetime.date,
    result: str,
    notes: str = "",
    upload=None,
) -> SurveillanceAudit:
    """The certification body's reviewer records the n-th year's surveillance audit."""
    if not can(user, "supervision.add_surveillanceaudit", certificate):
        raise PermissionDenied
    errors = {}
    if year_number not in audit_years(certificate.issued_on, certificate.valid_until):
        errors["year_number"] = _("该证书在有效期内没有第 %(n)s 年的监督审核。") % {
            "n": year_number
        }
    if audited_on and audited_on > timezone.localdate():
        errors["audited_on"] = _("审核日期不能晚于今天。")
    elif audited_on and audited_on < certificate.issued_on:
        errors["audited_on"] = _("审核日期不能早于发证日期。")
    kind = ""
    if upload:
        try:
            kind = validate_upload(upload)
        except ValidationError as error:
            errors["file"] = error.messages
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return SurveillanceAudit.objects.create(
                certificate=certificate,
                year_number=year_number,
                audited_on=audited_on,
                result=SurveillanceResult(result),
                notes=notes,
                file=upload or "",
                file_kind=kind,
                recorded_by=user,
            )
    except IntegrityError:
        raise ValidationError(
            {"year_number": _("第 %(n)s 年的监督审核已记录。") % {"n": year_number}}
        ) from None


def surveillance_suspend(
    *, certificate: Certificate, user, reason_text: str, today: datetime.date | None = None
) -> Sanction:
    """Suspend a certificate whose surveillance audit is overdue (a supervisor's decision)."""
    if not can(user, "supervision.suspend_for_surveillance", certificate):
        raise PermissionDenied
    today = today or timezone.localdate()
    done = set(certificate.surveillance_audits.values_list("year_number", flat=True))
    due = next_due(certificate, done, today)
    if due is None or not due.overdue:
        raise ActionRefused(_("该证书没有逾期的年度监督审核。"), status_code=409)
    reason_text = (reason_text or "").strip() or _("第 %(n)s 年监督审核应于 %(date)s 前完成。") % {
        "n": due.year_number,
        "date": due.due_on.isoformat(),
    }
    return sanction_certificate(
        certificate=certificate,
        user=user,
        action=SanctionAction.SUSPEND,
        reason_code=SanctionReason.SURVEILLANCE_OVERDUE,
        reason_text=reason_text,
    )
