"""Spot-check results, evidence, rectification deadlines and sanctions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from certificates.enums import CertificateStatus
from certification.enums import ApplicationState
from supervision.enums import CheckResult, SanctionAction, SanctionReason
from supervision.models import Sanction
from supervision.selectors import overdue_rectifications
from supervision.services import (
    ActionRefused,
    check_add_evidence,
    check_mark_rectified,
    check_record_result,
    check_sanction,
    plan_close,
    plan_draw,
)
from tests.factories import user_with_role
from tests.factories.certification import pdf_upload
from tests.factories.supervision import certificates_in_scope, inspector, plan

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 5, 1)


@pytest.fixture
def drawn_check():
    certificates_in_scope(1)
    official = inspector()
    inspector()
    drawn = plan_draw(plan=plan(user=official, enterprise_count=1), user=official)
    return drawn.checks.get(), official


def record(check, user, result, **fields):
    fields.setdefault("checked_on", DAY)
    if result != CheckResult.PASSED:
        fields.setdefault("findings", "标识使用超出认证产品范围。")
    return check_record_result(check=check, user=user, result=result, **fields)


def test_check_record_result_passed(drawn_check):
    check, official = drawn_check
    saved = record(check, official, CheckResult.PASSED)
    assert saved.result == CheckResult.PASSED and saved.recorded_by == official


def test_check_record_rectify_needs_a_deadline(drawn_check):
    check, official = drawn_check
    with pytest.raises(ValidationError) as error:
        record(check, official, CheckResult.RECTIFY)
    assert "rectification_deadline" in error.value.message_dict


def test_check_record_failed_needs_findings(drawn_check):
    check, official = drawn_check
    with pytest.raises(ValidationError) as error:
        record(check, official, CheckResult.FAILED, findings="  ")
    assert "findings" in error.value.message_dict


@pytest.mark.parametrize(
    ("field", "fields"),
    [
        ("checked_on", {"checked_on": datetime.date(1, 1, 1)}),
        ("checked_on", {"checked_on": datetime.date(2999, 1, 1)}),
        ("rectification_deadline", {"rectification_deadline": datetime.date(2999, 1, 1)}),
    ],
)
def test_check_record_on_an_implausible_date_is_a_field_error(drawn_check, field, fields):
    check, official = drawn_check
    with pytest.raises(ValidationError) as error:
        record(check, official, CheckResult.RECTIFY, **fields)
    assert "日期不合理" in error.value.message_dict[field][0]
    check.refresh_from_db()
    assert check.result == CheckResult.PENDING


def test_check_rectified_before_the_check_is_a_field_error(drawn_check):
    check, official = drawn_check
    saved = record(
        check, official, CheckResult.RECTIFY, rectification_deadline=DAY + datetime.timedelta(30)
    )
    for rectified_on in (DAY - datetime.timedelta(1), datetime.date(1, 1, 1)):
        with pytest.raises(ValidationError) as error:
            check_mark_rectified(check=saved, user=official, rectified_on=rectified_on)
        assert "rectified_on" in error.value.message_dict
    saved.refresh_from_db()
    assert saved.rectified_on is None


@pytest.mark.parametrize("role", [Role.ENTERPRISE_USER, Role.REVIEWER, Role.COUNTY_OFFICIAL])
def test_check_record_refused_to_role(drawn_check, role):
    check, _official = drawn_check
    with pytest.raises(PermissionDenied):
        record(check, user_with_role(role), CheckResult.PASSED)


def test_check_record_refused_once_the_plan_is_closed(drawn_check):
    check, official = drawn_check
    record(check, official, CheckResult.PASSED)
    plan_close(plan=check.plan, user=official)
    with pytest.raises(ActionRefused):
        record(check, official, CheckResult.FAILED)


def test_check_failed_lets_the_supervisor_suspend_with_a_public_reason(drawn_check):
    check, official = drawn_check
    record(check, official, CheckResult.FAILED)
    certificate = check.certificates.get()
    sanction = check_sanction(
        check=check,
        certificate=certificate,
        user=official,
        action=SanctionAction.SUSPEND,
        reason_code=SanctionReason.QUALITY,
        reason_text="抽检硒含量低于标准要求。",
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUSPENDED
    assert certificate.status_reason == "产品质量不符合标准要求：抽检硒含量低于标准要求。"
    assert certificate.application.state == ApplicationState.SUSPENDED
    log = certificate.application.log_entries.last()
    assert log.action == "suspend" and log.actor == official
    assert sanction.public_reason == certificate.status_reason


def test_check_failed_lets_the_supervisor_revoke(drawn_check):
    check, official = drawn_check
    record(check, official, CheckResult.FAILED)
    certificate = check.certificates.get()
    check_sanction(
        check=check,
        certificate=certificate,
        user=official,
        action=SanctionAction.REVOKE,
        reason_code=SanctionReason.MARK_MISUSE,
        reason_text="在未认证产品上使用标识。",
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED


def test_check_sanction_refused_when_the_check_passed(drawn_check):
    check, official = drawn_check
    record(check, official, CheckResult.PASSED)
    with pytest.raises(ActionRefused):
        check_sanction(
            check=check,
            certificate=check.certificates.get(),
            user=official,
            action=SanctionAction.SUSPEND,
            reason_code=SanctionReason.QUALITY,
            reason_text="原因",
        )
    assert not Sanction.objects.exists()


def test_check_sanction_needs_a_reason_text(drawn_check):
    check, official = drawn_check
    record(check, official, CheckResult.FAILED)
    with pytest.raises(ValidationError):
        check_sanction(
            check=check,
            certificate=check.certificates.get(),
            user=official,
            action=SanctionAction.SUSPEND,
            reason_code=SanctionReason.QUALITY,
            reason_text=" ",
        )


def test_check_sanction_refused_for_a_certificate_outside_the_check(drawn_check):
    check, official = drawn_check
    record(check, official, CheckResult.FAILED)
    (other,) = certificates_in_scope(1)
    with pytest.raises(ValidationError):
        check_sanction(
            check=check,
            certificate=other,
            user=official,
            action=SanctionAction.SUSPEND,
            reason_code=SanctionReason.QUALITY,
            reason_text="原因",
        )


def test_check_sanction_refused_to_enterprise_user(drawn_check):
    check, official = drawn_check
    record(check, official, CheckResult.FAILED)
    with pytest.raises(PermissionDenied):
        check_sanction(
            check=check,
            certificate=check.certificates.get(),
            user=user_with_role(Role.ENTERPRISE_USER),
            action=SanctionAction.SUSPEND,
            reason_code=SanctionReason.QUALITY,
            reason_text="原因",
        )


def test_check_rectification_missed_deadline_is_flagged(drawn_check):
    check, official = drawn_check
    saved = record(
        check, official, CheckResult.RECTIFY, rectification_deadline=DAY + datetime.timedelta(30)
    )
    assert not saved.rectification_overdue(today=DAY + datetime.timedelta(30))
    assert saved.rectification_overdue(today=DAY + datetime.timedelta(31))
    assert list(overdue_rectifications(today=DAY + datetime.timedelta(31))) == [saved]
    assert list(overdue_rectifications(today=DAY + datetime.timedelta(30))) == []


def test_check_rectified_in_time_is_not_flagged(drawn_check):
    check, official = drawn_check
    saved = record(
        check, official, CheckResult.RECTIFY, rectification_deadline=DAY + datetime.timedelta(30)
    )
    check_mark_rectified(check=saved, user=official, rectified_on=DAY + datetime.timedelta(20))
    assert list(overdue_rectifications(today=DAY + datetime.timedelta(60))) == []


def test_check_rectification_overdue_allows_suspension(drawn_check):
    check, official = drawn_check
    record(
        check,
        official,
        CheckResult.RECTIFY,
        checked_on=datetime.date(2025, 12, 1),
        rectification_deadline=datetime.date(2026, 1, 1),
    )
    check_sanction(
        check=check,
        certificate=check.certificates.get(),
        user=official,
        action=SanctionAction.SUSPEND,
        reason_code=SanctionReason.RECTIFY_MISSED,
        reason_text="逾期未整改。",
    )
    assert check.certificates.get().status == CertificateStatus.SUSPENDED


def test_check_rectification_not_yet_due_refuses_suspension(drawn_check):
    check, official = drawn_check
    # Not yet due: ahead of today, within the year a rectification deadline may be set.
    not_due = timezone.localdate() + datetime.timedelta(days=90)
    record(check, official, CheckResult.RECTIFY, rectification_deadline=not_due)
    with pytest.raises(ActionRefused):
        check_sanction(
            check=check,
            certificate=check.certificates.get(),
            user=official,
            action=SanctionAction.SUSPEND,
            reason_code=SanctionReason.RECTIFY_MISSED,
            reason_text="逾期未整改。",
        )


def test_check_evidence_is_stored_privately(drawn_check, settings):
    check, official = drawn_check
    evidence = check_add_evidence(check=check, user=official, upload=pdf_upload("现场照片.pdf"))
    assert evidence.kind == "pdf" and evidence.original_name == "现场照片.pdf"
    assert str(settings.PRIVATE_MEDIA_ROOT) in evidence.file.path
    assert "现场照片" not in evidence.file.name


def test_check_evidence_of_the_wrong_type_is_a_field_error(drawn_check):
    check, official = drawn_check
    upload = SimpleUploadedFile(
        "photo.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as error:
        check_add_evidence(check=check, user=official, upload=upload)
    assert "file" in error.value.message_dict


def test_check_evidence_too_large_is_a_field_error(drawn_check, monkeypatch):
    check, official = drawn_check
    upload = pdf_upload()
    monkeypatch.setattr(upload, "size", 21 * 1024 * 1024)
    with pytest.raises(ValidationError) as error:
        check_add_evidence(check=check, user=official, upload=upload)
    assert "file" in error.value.message_dict


def test_check_admin_filters_overdue_rectifications(client, drawn_check):
    check, official = drawn_check
    record(
        check,
        official,
        CheckResult.RECTIFY,
        checked_on=datetime.date(2025, 12, 1),
        rectification_deadline=datetime.date(2026, 1, 1),
    )
    client.force_login(official)
    response = client.get("/admin/supervision/spotcheck/", {"rectification": "overdue"})
    assert list(response.context["cl"].result_list) == [check]


def test_check_missed_rectification_is_flagged_to_its_inspectors_once(
    drawn_check, django_capture_on_commit_callbacks
):
    from accounts.models import Notification
    from supervision.services.flags import overdue_flags_send

    check, official = drawn_check
    record(
        check,
        official,
        CheckResult.RECTIFY,
        checked_on=datetime.date(2025, 12, 1),
        rectification_deadline=datetime.date(2026, 1, 1),
    )
    inspectors = set(check.inspectors.all())
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends on commit
        assert overdue_flags_send(today=datetime.date(2026, 1, 1)) == 0
        assert overdue_flags_send(today=datetime.date(2026, 1, 2)) == len(inspectors)
        assert overdue_flags_send(today=datetime.date(2026, 1, 3)) == 0
    flagged = Notification.objects.filter(key=f"rectification-overdue:{check.pk}")
    assert {n.recipient for n in flagged} == inspectors


def test_check_record_refused_to_a_supervisor_not_drawn_for_it():
    certificates_in_scope(1)
    inspectors = [inspector() for _ in range(3)]
    drawn = plan_draw(plan=plan(user=inspectors[0], enterprise_count=1), user=inspectors[0])
    check = drawn.checks.get()
    outsider = next(i for i in inspectors if i not in set(check.inspectors.all()))
    with pytest.raises(PermissionDenied):
        record(check, outsider, CheckResult.PASSED)
