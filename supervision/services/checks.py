"""Spot-check results, evidence, rectification and the sanctions that may follow."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.rules import can
from brandportal.dates import check_dates, date_errors
from brandportal.files import validate_upload
from certificates.models import Certificate
from certification.enums import Action

from ..enums import CheckResult, PlanStatus, SanctionAction, SanctionReason
from ..models import Sanction, SpotCheck, SpotCheckEvidence
from .errors import ActionRefused

SANCTION_TRANSITIONS = {
    SanctionAction.SUSPEND: Action.SUSPEND,
    SanctionAction.REVOKE: Action.REVOKE,
}


def _locked_check(check: SpotCheck, user) -> SpotCheck:
    locked = SpotCheck.objects.select_for_update().select_related("plan").get(pk=check.pk)
    if not can(user, "supervision.change_spotcheck", locked):
        if locked.plan.status == PlanStatus.CLOSED and can(
            user, "supervision.view_spotcheck", locked
        ):
            raise ActionRefused(_("计划已结束，检查记录不能再修改。"), status_code=409)
        raise PermissionDenied
    return locked


def check_record_result(
    *,
    check: SpotCheck,
    user,
    result: str,
    checked_on: datetime.date,
    findings: str = "",
    rectification_deadline: datetime.date | None = None,
) -> SpotCheck:
    """Record what the inspectors found; 限期整改 needs a deadline after the check."""
    result = CheckResult(result)
    errors = date_errors(
        SpotCheck, checked_on=checked_on, rectification_deadline=rectification_deadline
    )
    if result == CheckResult.PENDING:
        errors["result"] = _("请选择检查结果。")
    if checked_on is None:
        errors["checked_on"] = _("请填写检查日期。")
    if result == CheckResult.RECTIFY:
        if rectification_deadline is None:
            errors["rectification_deadline"] = _("限期整改须填写整改期限。")
        elif checked_on and rectification_deadline <= checked_on and "checked_on" not in errors:
            errors["rectification_deadline"] = _("整改期限须晚于检查日期。")
    if result in (CheckResult.FAILED, CheckResult.RECTIFY) and not findings.strip():
        errors["findings"] = _("不合格或限期整改须填写检查发现。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_check(check, user)
        locked.result = result
        locked.checked_on = checked_on
        locked.findings = findings.strip()
        locked.rectification_deadline = (
            rectification_deadline if result == CheckResult.RECTIFY else None
        )
        if result != CheckResult.RECTIFY:
            locked.rectified_on = None
        locked.recorded_by = user
        locked.save()
    return locked


def check_mark_rectified(*, check: SpotCheck, user, rectified_on: datetime.date) -> SpotCheck:
    check_dates(SpotCheck, rectified_on=rectified_on)
    with transaction.atomic():
        locked = _locked_check(check, user)
        if locked.result != CheckResult.RECTIFY:
            raise ActionRefused(_("只有限期整改的检查才能登记整改完成。"), status_code=409)
        if rectified_on and locked.checked_on and rectified_on < locked.checked_on:
            raise ValidationError({"rectified_on": _("整改完成日期不能早于检查日期。")})
        locked.rectified_on = rectified_on
        locked.save(update_fields=["rectified_on", "updated_at"])
    return locked


def check_add_evidence(*, check: SpotCheck, user, upload) -> SpotCheckEvidence:
    """Attach an evidence file (PDF, JPEG, PNG by content; size-limited) to a check."""
    try:
        kind = validate_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    with transaction.atomic():
        locked = _locked_check(check, user)
        return SpotCheckEvidence.objects.create(
            check_record=locked,
            file=upload,
            kind=kind,
            original_name=getattr(upload, "name", "")[:255],
            uploaded_by=user,
        )


def check_sanction(
    *,
    check: SpotCheck,
    certificate: Certificate,
    user,
    action: str,
    reason_code: str,
    reason_text: str,
) -> Sanction:
    """Suspend or revoke a certificate of a failed check, through the application's
    state machine; the reason (code and text) becomes the certificate's public reason.

    Allowed after 不合格, or after 限期整改 whose deadline passed unrectified.
    """
    if not can(user, "supervision.sanction_spotcheck", check):
        raise PermissionDenied
    action, reason_code = SanctionAction(action), SanctionReason(reason_code)
    reason_text = (reason_text or "").strip()
    if not reason_text:
        raise ValidationError({"reason_text": _("请填写原因说明，它将向社会公开。")})
    check = SpotCheck.objects.get(pk=check.pk)
    if not (check.result == CheckResult.FAILED or check.rectification_overdue()):
        raise ActionRefused(
            _("只有检查结果为不合格或逾期未整改时才能暂停或撤销证书。"), status_code=409
        )
    if not check.certificates.filter(pk=certificate.pk).exists():
        raise ValidationError({"certificate": _("该证书不属于本次抽查。")})
    return sanction_certificate(
        certificate=certificate,
        user=user,
        action=action,
        reason_code=reason_code,
        reason_text=reason_text,
        spot_check=check,
    )


def sanction_certificate(
    *, certificate, user, action, reason_code, reason_text, spot_check=None
) -> Sanction:
    """Move the certificate's application (suspend/revoke) and record the sanction."""
    from certification.services import application_transition

    reason_code = SanctionReason(reason_code)
    comment = f"{reason_code.label}：{reason_text}"
    with transaction.atomic():
        application_transition(
            application=certificate.application,
            action=SANCTION_TRANSITIONS[SanctionAction(action)],
            user=user,
            comment=comment,
        )
        return Sanction.objects.create(
            certificate=certificate,
            spot_check=spot_check,
            action=action,
            reason_code=reason_code,
            reason_text=reason_text,
            decided_by=user,
        )
