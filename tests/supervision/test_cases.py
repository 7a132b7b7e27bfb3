"""Infringement cases: reports, the workflow and its log, duplicates, fake reports."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Notification
from accounts.roles import Role
from certificates.services import fake_report_create
from supervision.enums import CaseSource, CaseState
from supervision.models import InfringementCase
from supervision.services import (
    ActionRefused,
    case_confirm,
    case_dismiss,
    case_investigate,
    case_report,
)
from tests.factories import user_with_role
from tests.factories.certificates import issued_certificate
from tests.factories.certification import pdf_upload
from tests.factories.supervision import inspector

pytestmark = pytest.mark.django_db


def report(**fields):
    fields.setdefault("party_name", "赣州某果业商行")
    fields.setdefault("place", "赣州市章贡区农贸市场 12 号摊位")
    fields.setdefault("description", "脐橙包装箱印有伪造的品牌标识。")
    fields.setdefault("reporter_contact", "13900000000")
    return case_report(**fields)


def confirm(case, user, number="赣市监处〔2026〕12号"):
    return case_confirm(
        case=case,
        user=user,
        decision_number=number,
        decision_date=datetime.date(2026, 6, 1),
        penalty="责令停止使用，罚款人民币五万元。",
    )


def test_case_report_is_recorded_as_reported():
    case = report(evidence=pdf_upload())
    assert case.state == CaseState.REPORTED
    assert case.source == CaseSource.PUBLIC_FORM
    assert case.evidence_kind == "pdf"
    assert case.possible_duplicate_of is None


def test_case_report_wrong_evidence_type_is_a_field_error():
    with pytest.raises(ValidationError) as error:
        report(evidence=SimpleUploadedFile("a.jpg", b"GIF89a...."))
    assert "evidence" in error.value.message_dict
    assert not InfringementCase.objects.exists()


def test_case_report_duplicate_of_party_and_place_is_flagged_to_the_handler(
    django_capture_on_commit_callbacks,
):
    handler = inspector()
    first = case_investigate(case=report(), user=handler)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends on commit
        second = report(party_name=" 赣州某果业商行", place="赣州市章贡区农贸市场12号摊位")
    assert second.possible_duplicate_of == first
    assert Notification.objects.filter(
        recipient=handler, key=f"case-duplicate:{second.pk}"
    ).exists()


def test_case_report_same_party_elsewhere_is_not_a_duplicate():
    report()
    assert report(place="吉安市某超市").possible_duplicate_of is None


def test_case_report_duplicate_of_a_closed_case_is_not_flagged():
    official = inspector()
    case_dismiss(case=report(), user=official, reason="查无此事。")
    assert report().possible_duplicate_of is None


def test_case_workflow_to_confirmed_is_logged():
    official = inspector()
    case = case_investigate(case=report(), user=official, comment="已派员核查。")
    case = confirm(case, official)
    assert case.state == CaseState.CONFIRMED
    assert case.handler == official
    assert [(e.from_state, e.to_state) for e in case.log.all()] == [
        ("reported", "investigating"),
        ("investigating", "confirmed"),
    ]
    assert case.log.first().comment == "已派员核查。"


def test_case_confirm_needs_decision_number_date_and_penalty():
    official = inspector()
    case = case_investigate(case=report(), user=official)
    with pytest.raises(ValidationError) as error:
        case_confirm(case=case, user=official, decision_number="", decision_date=None, penalty="")
    assert set(error.value.message_dict) == {"decision_number", "decision_date", "penalty"}


def test_case_confirm_from_reported_is_refused():
    with pytest.raises(ActionRefused) as error:
        confirm(report(), inspector())
    assert error.value.status_code == 409


def test_case_decision_number_is_unique():
    official = inspector()
    confirm(case_investigate(case=report(), user=official), official)
    other = case_investigate(case=report(party_name="另一商行"), user=official)
    with pytest.raises(ValidationError):
        confirm(other, official)


def test_case_dismiss_needs_a_reason():
    with pytest.raises(ValidationError):
        case_dismiss(case=report(), user=inspector(), reason=" ")


def test_case_dismissed_cannot_be_confirmed():
    official = inspector()
    case = case_dismiss(case=report(), user=official, reason="证据不足。")
    with pytest.raises(ActionRefused):
        case_investigate(case=case, user=official)


@pytest.mark.parametrize("role", [Role.ENTERPRISE_USER, Role.REVIEWER, Role.COUNTY_OFFICIAL])
def test_case_workflow_refused_to_role(role):
    with pytest.raises(PermissionDenied):
        case_investigate(case=report(), user=user_with_role(role))


def test_case_state_cannot_be_set_directly():
    case = report()
    with pytest.raises(AttributeError):
        case.state = CaseState.CONFIRMED


def test_fake_report_from_the_verification_page_becomes_a_case():
    certificate = issued_certificate()
    fake = fake_report_create(
        certificate_number=certificate.number,
        description="网店销售的产品贴有该证书编号，但企业名称不同。",
        contact="fan@example.com",
        evidence=pdf_upload(),
    )
    case = InfringementCase.objects.get(fake_report=fake)
    assert case.source == CaseSource.FAKE_REPORT
    assert case.certificate_number == certificate.number
    assert case.reporter_contact == "fan@example.com"
    assert case.evidence.name == fake.evidence.name


def test_fake_reports_of_the_same_number_are_flagged_as_duplicates():
    first = fake_report_create(
        certificate_number="JXGE-2026-360734-9999", description="a", contact="x"
    )
    second = fake_report_create(
        certificate_number="JXGE-2026-360734-9999", description="b", contact="y"
    )
    assert second.infringement_case.possible_duplicate_of == first.infringement_case


def test_fake_report_without_a_case_is_picked_up_by_the_sweep():
    from certificates.models import FakeReport
    from supervision.services.cases import cases_for_unlinked_fake_reports

    # Created without signals (as if the case could not be made at the time).
    FakeReport.objects.bulk_create(
        [FakeReport(certificate_number="JXGE-2026-360734-0404", description="d", contact="c")]
    )
    assert cases_for_unlinked_fake_reports() == 1
    assert cases_for_unlinked_fake_reports() == 0
    case = InfringementCase.objects.get()
    assert case.certificate_number == "JXGE-2026-360734-0404"
