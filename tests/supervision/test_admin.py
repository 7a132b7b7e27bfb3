"""The supervisor's and the reviewer's admin: buttons call the services; others get nothing."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from certificates.enums import CertificateStatus
from supervision.enums import CaseState, CheckResult, PlanStatus
from supervision.models import SpotCheckPlan, SurveillanceAudit
from supervision.services import case_report, plan_draw
from tests.factories import user_with_role
from tests.factories.certificates import issued_certificate
from tests.factories.certification import pdf_upload, reviewer_for
from tests.factories.supervision import CitationFactory, certificates_in_scope, inspector, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(client):
    user = inspector()
    inspector()
    client.force_login(user)
    return user


def test_admin_supervisor_creates_a_plan_with_a_committed_seed(client, official):
    response = client.post(
        reverse("admin:supervision_spotcheckplan_add"),
        {"title": "2026年抽查", "enterprise_count": 1, "inspectors_per_check": 2},
    )
    assert response.status_code == 302
    created = SpotCheckPlan.objects.get()
    assert created.created_by == official and len(created.seed_hash) == 64
    page = client.get(reverse("admin:supervision_spotcheckplan_change", args=[created.pk]))
    assert created.seed_hash in page.content.decode()
    assert created.seed not in page.content.decode()


def test_admin_plan_with_one_inspector_per_check_is_a_field_error(client, official):
    response = client.post(
        reverse("admin:supervision_spotcheckplan_add"),
        {"title": "2026年抽查", "enterprise_count": 1, "inspectors_per_check": 1},
    )
    assert response.status_code == 200
    assert "inspectors_per_check" in response.context["adminform"].form.errors
    assert not SpotCheckPlan.objects.exists()


def test_admin_draw_button_draws_and_verify_button_matches(client, official):
    certificates_in_scope(1)
    created = plan(user=official, enterprise_count=1)
    response = client.post(reverse("admin:supervision_plan_draw", args=[created.pk]), follow=True)
    assert "已完成抽取" in response.content.decode()
    created.refresh_from_db()
    assert created.status == PlanStatus.DRAWN
    response = client.post(reverse("admin:supervision_plan_verify", args=[created.pk]), follow=True)
    assert "核验通过" in response.content.decode()


def test_admin_draw_button_shows_why_a_draw_is_refused(client, official):
    created = plan(user=official, enterprise_count=3)
    response = client.post(reverse("admin:supervision_plan_draw", args=[created.pk]), follow=True)
    assert "大于范围内持有效证书的企业数" in response.content.decode()
    created.refresh_from_db()
    assert created.status == PlanStatus.PLANNED


def test_admin_check_result_sanction_and_close(client, official):
    certificates_in_scope(1)
    drawn = plan_draw(plan=plan(user=official, enterprise_count=1), user=official)
    check = drawn.checks.get()
    url = reverse("admin:supervision_spotcheck_change", args=[check.pk])
    response = client.post(
        url,
        {
            "checked_on": "2026-05-01",
            "result": CheckResult.FAILED,
            "findings": "标识超范围使用",
            "evidence_file": pdf_upload(),
            "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0,
            "sanctions-TOTAL_FORMS": 0,
            "sanctions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    check.refresh_from_db()
    assert check.result == CheckResult.FAILED and check.evidence.count() == 1
    certificate = check.certificates.get()
    client.post(
        reverse("admin:supervision_check_sanction", args=[check.pk]),
        {
            "certificate": certificate.pk,
            "action": "revoke",
            "reason_code": "mark_misuse",
            "reason_text": "在未认证产品上使用标识",
        },
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    client.post(reverse("admin:supervision_plan_close", args=[drawn.pk]))
    drawn.refresh_from_db()
    assert drawn.status == PlanStatus.CLOSED


def test_admin_check_wrong_evidence_type_is_a_field_error(client, official):
    from django.core.files.uploadedfile import SimpleUploadedFile

    certificates_in_scope(1)
    drawn = plan_draw(plan=plan(user=official, enterprise_count=1), user=official)
    check = drawn.checks.get()
    response = client.post(
        reverse("admin:supervision_spotcheck_change", args=[check.pk]),
        {
            "checked_on": "2026-05-01",
            "result": CheckResult.PASSED,
            "evidence_file": SimpleUploadedFile("a.pdf", b"plain text"),
            "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0,
            "sanctions-TOTAL_FORMS": 0,
            "sanctions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "evidence_file" in response.context["adminform"].form.errors
    check.refresh_from_db()
    assert check.result == CheckResult.PENDING


@pytest.mark.parametrize("role", [Role.ENTERPRISE_USER, Role.REVIEWER, Role.COUNTY_OFFICIAL])
def test_admin_plans_are_closed_to_role(client, role):
    created = plan()
    client.force_login(user_with_role(role))
    for url in (
        reverse("admin:supervision_spotcheckplan_changelist"),
        reverse("admin:supervision_spotcheckplan_change", args=[created.pk]),
    ):
        assert client.get(url).status_code in (302, 403, 404)
    client.post(reverse("admin:supervision_plan_draw", args=[created.pk]))
    created.refresh_from_db()
    assert created.status == PlanStatus.PLANNED


def test_admin_case_workflow_buttons(client, official):
    case = case_report(party_name="甲商行", place="乙市场", description="丙")
    client.post(reverse("admin:supervision_case_act", args=[case.pk, "investigate"]))
    client.post(
        reverse("admin:supervision_case_act", args=[case.pk, "confirm"]),
        {"decision_number": "赣市监〔2026〕1号", "decision_date": "2026-06-01", "penalty": "罚款"},
    )
    case.refresh_from_db()
    assert case.state == CaseState.CONFIRMED and case.handler == official


def test_admin_case_duplicate_is_flagged_in_the_list(client, official):
    case_report(party_name="甲商行", place="乙市场", description="丙")
    duplicate = case_report(party_name="甲商行", place="乙市场", description="丁")
    page = client.get(reverse("admin:supervision_infringementcase_changelist")).content.decode()
    assert 'data-flag="duplicate"' in page
    page = client.get(
        reverse("admin:supervision_infringementcase_change", args=[duplicate.pk])
    ).content.decode()
    assert "请核对是否重复" in page


def test_admin_reviewer_records_a_surveillance_audit(client):
    certificate = issued_certificate()
    reviewer = reviewer_for(certificate.application)
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:supervision_surveillanceaudit_add"),
        {
            "certificate": certificate.pk,
            "year_number": 1,
            "audited_on": certificate.issued_on.isoformat(),
            "result": "passed",
            "notes": "正常",
            "upload": pdf_upload(),
        },
    )
    assert response.status_code == 302
    audit = SurveillanceAudit.objects.get()
    assert audit.recorded_by == reviewer and audit.file_kind == "pdf"


def test_admin_other_bodys_reviewer_cannot_pick_the_certificate(client):
    certificate = issued_certificate()
    client.force_login(user_with_role(Role.REVIEWER))
    response = client.post(
        reverse("admin:supervision_surveillanceaudit_add"),
        {
            "certificate": certificate.pk,
            "year_number": 1,
            "audited_on": datetime.date.today().isoformat(),
            "result": "passed",
        },
    )
    assert response.status_code == 200
    assert "certificate" in response.context["adminform"].form.errors
    assert not SurveillanceAudit.objects.exists()


def test_admin_reviewer_sees_and_verifies_cited_certificates(client):
    certificate = issued_certificate()
    application = certificate.application
    citation = CitationFactory(application=application, verified=False)
    reviewer = reviewer_for(application)
    client.force_login(reviewer)
    page = client.get(
        reverse("admin:certification_application_change", args=[application.pk])
    ).content.decode()
    assert citation.number in page and "圳品" in page
    response = client.post(
        reverse("admin:supervision_recognisedcertificatecitation_change", args=[citation.pk]),
        {"verified": "on", "replaced_steps": ["testing"], "reviewer_note": "已核实"},
    )
    assert response.status_code == 302
    citation.refresh_from_db()
    assert citation.verified and citation.replaced_steps == ["testing"]
    assert citation.verified_by == reviewer


def test_admin_other_bodys_reviewer_gets_404_on_a_citation(client):
    citation = CitationFactory(application=issued_certificate().application)
    client.force_login(user_with_role(Role.REVIEWER))
    url = reverse("admin:supervision_recognisedcertificatecitation_change", args=[citation.pk])
    assert client.get(url).status_code in (302, 404)


def test_admin_pages_render_for_supervisor(client, official):
    for name in (
        "spotcheckplan",
        "spotcheck",
        "infringementcase",
        "surveillanceaudit",
        "recognisedbrand",
        "recognisedcertificatecitation",
    ):
        assert client.get(reverse(f"admin:supervision_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_evidence_download_for_officials_only(client, official):
    from supervision.services import check_add_evidence
    from tests.factories.certification import PDF_BYTES

    certificates_in_scope(1)
    drawn = plan_draw(plan=plan(user=official, enterprise_count=1), user=official)
    evidence = check_add_evidence(check=drawn.checks.get(), user=official, upload=pdf_upload())
    url = reverse("admin:supervision_evidence_download", args=[evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(user_with_role(Role.REVIEWER))
    assert client.get(url).status_code in (302, 403, 404)
    client.force_login(user_with_role(Role.ENTERPRISE_USER))
    assert client.get(url).status_code in (302, 404)


def test_admin_supervisor_registers_a_case_and_a_bad_file_is_a_field_error(client, official):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from supervision.models import InfringementCase

    url = reverse("admin:supervision_infringementcase_add")
    data = {"kind": "traded", "party_name": "甲", "place": "乙", "description": "丙"}
    response = client.post(url, {**data, "evidence_upload": SimpleUploadedFile("a.pdf", b"x")})
    assert response.status_code == 200
    assert "evidence_upload" in response.context["adminform"].form.errors
    assert not InfringementCase.objects.exists()
    assert client.post(url, {**data, "evidence_upload": pdf_upload()}).status_code == 302
    case = InfringementCase.objects.get()
    assert case.source == "supervisor" and case.evidence_kind == "pdf"


def test_admin_plan_page_previews_the_pool_and_why_a_draw_would_fail(client, official):
    certificates_in_scope(2)
    created = plan(user=official, enterprise_count=3)
    page = client.get(
        reverse("admin:supervision_spotcheckplan_change", args=[created.pk])
    ).content.decode()
    assert "<span data-pool-enterprises>2</span>" in page
    assert "大于范围内持有效证书的企业数" in page
