"""Yearly surveillance: when audits fall due, who records them, suspension when overdue."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from certificates.enums import CertificateStatus
from supervision.enums import SanctionReason
from supervision.selectors import surveillance_due, surveillance_overdue
from supervision.services import ActionRefused, surveillance_record, surveillance_suspend
from supervision.surveillance import anniversary, audit_years
from tests.factories import user_with_role
from tests.factories.certificates import issued_certificate
from tests.factories.certification import pdf_upload, reviewer_for, supervisor

pytestmark = pytest.mark.django_db


def test_audit_years_of_a_three_year_certificate_are_the_first_two():
    assert audit_years(datetime.date(2026, 3, 1), datetime.date(2029, 2, 28)) == [1, 2]


def test_anniversary_of_29_february_falls_on_28_february():
    assert anniversary(datetime.date(2028, 2, 29), 1) == datetime.date(2029, 2, 28)


@pytest.fixture
def certificate():
    return issued_certificate()


def days_before_due(certificate, days):
    return anniversary(certificate.issued_on, 1) - datetime.timedelta(days=days)


def test_surveillance_due_within_30_days_shows_to_the_body_and_the_enterprise(certificate):
    today = days_before_due(certificate, 30)
    reviewer = reviewer_for(certificate.application)
    owner = certificate.application.created_by
    for user in (reviewer, owner):
        (due,) = surveillance_due(user, today=today)
        assert due.certificate == certificate and due.year_number == 1 and not due.overdue


def test_surveillance_due_later_than_30_days_is_not_listed(certificate):
    reviewer = reviewer_for(certificate.application)
    assert surveillance_due(reviewer, today=days_before_due(certificate, 31)) == []


def test_surveillance_due_is_not_shown_to_other_bodies_or_enterprises(certificate):
    today = days_before_due(certificate, 10)
    assert surveillance_due(user_with_role(Role.REVIEWER), today=today) == []
    assert surveillance_due(user_with_role(Role.ENTERPRISE_USER), today=today) == []


def test_surveillance_overdue_is_flagged_to_supervisors(certificate):
    late = days_before_due(certificate, -1)
    assert [d.certificate for d in surveillance_overdue(today=late)] == [certificate]
    (due,) = surveillance_due(supervisor(), today=late)
    assert due.overdue
    assert surveillance_overdue(today=days_before_due(certificate, 0)) == []


def test_surveillance_recorded_audit_clears_the_year(certificate):
    reviewer = reviewer_for(certificate.application)
    audit = surveillance_record(
        certificate=certificate,
        user=reviewer,
        year_number=1,
        audited_on=certificate.issued_on,
        result="passed",
        notes="现场审核未发现问题。",
        upload=pdf_upload(),
    )
    assert audit.file_kind == "pdf"
    late = days_before_due(certificate, -1)
    assert surveillance_overdue(today=late) == []
    next_year = anniversary(certificate.issued_on, 2) - datetime.timedelta(days=5)
    (due,) = surveillance_due(reviewer, today=next_year)
    assert due.year_number == 2


def test_surveillance_record_refused_to_another_bodys_reviewer(certificate):
    with pytest.raises(PermissionDenied):
        surveillance_record(
            certificate=certificate,
            user=user_with_role(Role.REVIEWER),
            year_number=1,
            audited_on=certificate.issued_on,
            result="passed",
        )


def test_surveillance_record_refused_to_supervisor(certificate):
    with pytest.raises(PermissionDenied):
        surveillance_record(
            certificate=certificate,
            user=supervisor(),
            year_number=1,
            audited_on=certificate.issued_on,
            result="passed",
        )


def test_surveillance_record_twice_for_a_year_is_a_field_error(certificate):
    reviewer = reviewer_for(certificate.application)
    fields = {"certificate": certificate, "user": reviewer, "audited_on": certificate.issued_on}
    surveillance_record(year_number=1, result="passed", **fields)
    with pytest.raises(ValidationError) as error:
        surveillance_record(year_number=1, result="failed", **fields)
    assert "year_number" in error.value.message_dict


def test_surveillance_record_year_outside_validity_is_a_field_error(certificate):
    with pytest.raises(ValidationError) as error:
        surveillance_record(
            certificate=certificate,
            user=reviewer_for(certificate.application),
            year_number=3,
            audited_on=certificate.issued_on,
            result="passed",
        )
    assert "year_number" in error.value.message_dict


def test_surveillance_record_wrong_file_type_is_a_field_error(certificate):
    upload = SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError) as error:
        surveillance_record(
            certificate=certificate,
            user=reviewer_for(certificate.application),
            year_number=1,
            audited_on=certificate.issued_on,
            result="passed",
            upload=upload,
        )
    assert "file" in error.value.message_dict


def test_surveillance_overdue_lets_the_supervisor_suspend(certificate):
    official = supervisor()
    sanction = surveillance_suspend(
        certificate=certificate,
        user=official,
        reason_text="",
        today=days_before_due(certificate, -1),
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUSPENDED
    assert sanction.reason_code == SanctionReason.SURVEILLANCE_OVERDUE
    assert certificate.status_reason.startswith("逾期未接受年度监督审核：第 1 年监督审核")


def test_surveillance_suspend_refused_when_not_overdue(certificate):
    with pytest.raises(ActionRefused):
        surveillance_suspend(
            certificate=certificate,
            user=supervisor(),
            reason_text="",
            today=days_before_due(certificate, 1),
        )


def test_surveillance_suspend_refused_to_reviewer(certificate):
    with pytest.raises(PermissionDenied):
        surveillance_suspend(
            certificate=certificate,
            user=reviewer_for(certificate.application),
            reason_text="",
            today=days_before_due(certificate, -1),
        )


def test_overdue_flags_notify_supervisors_once(certificate, django_capture_on_commit_callbacks):
    from accounts.models import Notification
    from supervision.services.flags import overdue_flags_send
    from supervision.tasks import flag_overdue

    official = supervisor()
    late = days_before_due(certificate, -1)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends on commit
        assert overdue_flags_send(today=days_before_due(certificate, 0)) == 0
        assert overdue_flags_send(today=late) == 1
        assert overdue_flags_send(today=late) == 0
    assert Notification.objects.get(recipient=official).title.startswith(
        f"证书 {certificate.number} 第 1 年监督审核已逾期"
    )
    assert flag_overdue.delay().get() >= 0


def test_surveillance_audited_before_the_certificate_was_issued_is_a_field_error(certificate):
    from supervision.models import SurveillanceAudit

    with pytest.raises(ValidationError) as error:
        surveillance_record(
            certificate=certificate,
            user=reviewer_for(certificate.application),
            year_number=1,
            audited_on=certificate.issued_on - datetime.timedelta(days=1),
            result="passed",
        )
    assert "不能早于发证日期" in error.value.message_dict["audited_on"][0]
    assert not SurveillanceAudit.objects.exists()
