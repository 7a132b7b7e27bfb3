"""Public pages and the feed: only closed plans and confirmed cases, no private fields."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from supervision.enums import CheckResult, SanctionAction, SanctionReason
from supervision.services import (
    case_confirm,
    case_investigate,
    case_report,
    check_record_result,
    check_sanction,
    plan_close,
    plan_draw,
)
from tests.factories.certification import pdf_upload
from tests.factories.supervision import certificates_in_scope, inspector, plan

pytestmark = pytest.mark.django_db

FINDINGS = "内部检查发现：仓库第三排货架标签缺失"
CONTACT = "13912345678"
DESCRIPTION = "举报人描述：周六上午在摊位看到"


@pytest.fixture
def closed_plan():
    certificates_in_scope(2)
    official = inspector(full_name="检查员甲", email="inspector-a@example.gov.cn")
    inspector(full_name="检查员乙", email="inspector-b@example.gov.cn")
    drawn = plan_draw(plan=plan(user=official, enterprise_count=2), user=official)
    failed, passed = drawn.checks.all()
    check_record_result(
        check=failed,
        user=official,
        result=CheckResult.FAILED,
        checked_on=datetime.date(2026, 5, 1),
        findings=FINDINGS,
    )
    check_record_result(
        check=passed, user=official, result=CheckResult.PASSED, checked_on=datetime.date(2026, 5, 2)
    )
    check_sanction(
        check=failed,
        certificate=failed.certificates.get(),
        user=official,
        action=SanctionAction.SUSPEND,
        reason_code=SanctionReason.QUALITY,
        reason_text="抽检不合格",
    )
    return plan_close(plan=drawn, user=official)


def test_plan_public_page_lists_enterprises_results_and_sanctions(client, closed_plan):
    response = client.get(reverse("supervision:plan_detail", args=[closed_plan.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for check in closed_plan.checks.all():
        assert check.enterprise.name in page
        assert check.get_result_display() in page
    assert "暂停证书" in page and "产品质量不符合标准要求：抽检不合格" in page
    assert closed_plan.seed in page and closed_plan.pool_hash in page


def test_plan_public_page_carries_no_private_fields(client, closed_plan):
    page = client.get(reverse("supervision:plan_detail", args=[closed_plan.pk])).content.decode()
    assert FINDINGS not in page
    assert "inspector-a@example.gov.cn" not in page and "检查员甲" not in page
    enterprise = closed_plan.checks.first().enterprise
    assert enterprise.contact_phone not in page and enterprise.contact_name not in page


def test_plan_draw_record_lets_anyone_rerun_the_draw(client, closed_plan):
    from supervision import draw

    record = client.get(reverse("supervision:plan_draw_record", args=[closed_plan.pk])).json()
    assert draw.seed_hash(record["seed"]) == record["seed_sha256"]
    assert draw.pool_hash(record["pool"]) == record["pool_sha256"]
    rerun = draw.run_draw(record["pool"], record["seed"], 2, 2)
    assert [a.as_dict() for a in rerun] == record["result"]
    assert "@" not in str(record["pool"])


@pytest.mark.parametrize("stage", ["planned", "drawn"])
def test_plan_public_page_is_404_until_closed(client, stage):
    certificates_in_scope(1)
    official = inspector()
    inspector()
    created = plan(user=official, enterprise_count=1)
    if stage == "drawn":
        plan_draw(plan=created, user=official)
    assert client.get(reverse("supervision:plan_detail", args=[created.pk])).status_code == 404
    assert client.get(reverse("supervision:plan_draw_record", args=[created.pk])).status_code == 404


def test_plan_list_publishes_the_seed_hash_before_the_draw(client):
    created = plan()
    page = client.get(reverse("supervision:plan_list")).content.decode()
    assert created.seed_hash in page
    assert created.seed not in page


@pytest.fixture
def cases():
    official = inspector()
    confirmed = case_investigate(
        case=case_report(
            party_name="伪标商行",
            party_credit_code="91360702MA35XXXX0X",
            place="南昌市某市场",
            description=DESCRIPTION,
            reporter_contact=CONTACT,
            evidence=pdf_upload(),
        ),
        user=official,
    )
    confirmed = case_confirm(
        case=confirmed,
        user=official,
        decision_number="洪市监处〔2026〕8号",
        decision_date=datetime.date(2026, 6, 1),
        penalty="没收伪造标识，罚款三万元。",
    )
    pending = case_report(
        party_name="待查商行", place="九江市", description="疑似", reporter_contact="x"
    )
    return confirmed, pending


def test_case_public_page_lists_confirmed_cases_only(client, cases):
    confirmed, pending = cases
    page = client.get(reverse("supervision:case_list")).content.decode()
    assert confirmed.party_name in page and confirmed.decision_number in page
    assert pending.party_name not in page


def test_case_public_page_carries_no_private_fields(client, cases):
    page = client.get(reverse("supervision:case_list")).content.decode()
    assert CONTACT not in page and DESCRIPTION not in page


def test_case_public_page_search(client, cases):
    confirmed, _pending = cases
    found = client.get(reverse("supervision:case_list"), {"q": "洪市监处"}).content.decode()
    assert confirmed.party_name in found
    missing = client.get(reverse("supervision:case_list"), {"q": "不存在"}).content.decode()
    assert confirmed.party_name not in missing


def test_case_feed_json_has_public_fields_of_confirmed_cases(client, cases):
    confirmed, _pending = cases
    body = client.get("/api/v1/infringement-cases/").json()
    assert body["count"] == 1
    (row,) = body["results"]
    assert row["decision_number"] == confirmed.decision_number
    assert set(row) == {
        "reference",
        "kind",
        "kind_display",
        "party_name",
        "party_credit_code",
        "place",
        "decision_number",
        "decision_date",
        "penalty",
    }
    assert CONTACT not in str(body) and DESCRIPTION not in str(body)


def test_case_feed_csv_has_public_fields_of_confirmed_cases(client, cases):
    confirmed, _pending = cases
    response = client.get("/api/v1/infringement-cases/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    assert rows[0]["decision_number"] == confirmed.decision_number
    assert rows[0]["decision_date"] == "2026-06-01"
    assert CONTACT not in text and DESCRIPTION not in text


def test_case_feed_unconfirmed_case_is_404(client, cases):
    _confirmed, pending = cases
    response = client.get(f"/api/v1/infringement-cases/{pending.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_case_report_form_needs_no_login(client):
    response = client.post(
        reverse("supervision:case_report"),
        {
            "kind": "forged",
            "party_name": "某网店",
            "place": "https://shop.example.com/item/1",
            "description": "销售假冒标识产品",
            "evidence": pdf_upload(),
        },
    )
    assert response.status_code == 200
    assert "举报已收到" in response.content.decode()


def test_case_report_form_wrong_file_type_is_a_field_error(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("supervision:case_report"),
        {
            "kind": "forged",
            "party_name": "某网店",
            "place": "某地",
            "description": "描述",
            "evidence": SimpleUploadedFile("x.png", b"not an image"),
        },
    )
    assert response.status_code == 400
    assert "文件类型不符" in response.context["form"].errors["evidence"][0]


def test_case_report_form_is_rate_limited(client, settings):
    settings.INFRINGEMENT_REPORT_RATE = "2/hour"
    data = {"kind": "other", "party_name": "甲", "place": "乙", "description": "丙"}
    url = reverse("supervision:case_report")
    assert client.post(url, data).status_code == 200
    assert client.post(url, data).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_spot_check_feed_has_public_results_of_closed_plans(client, closed_plan):
    body = client.get("/api/v1/spot-checks/").json()
    assert body["count"] == 1
    (row,) = body["results"]
    assert row["seed"] == closed_plan.seed and row["pool_hash"] == closed_plan.pool_hash
    results = {c["result"] for c in row["checks"]}
    assert results == {"failed", "passed"}
    sanctioned = next(c for c in row["checks"] if c["result"] == "failed")
    assert sanctioned["sanctions"][0]["reason_code_display"] == "产品质量不符合标准要求"
    text = str(body)
    assert FINDINGS not in text and "inspector-a@example.gov.cn" not in text
    assert "findings" not in sanctioned and "inspectors" not in sanctioned


def test_spot_check_feed_hides_plans_not_closed(client):
    created = plan()
    assert client.get("/api/v1/spot-checks/").json()["count"] == 0
    assert client.get(f"/api/v1/spot-checks/{created.pk}/").status_code == 404


def test_plan_public_page_queries_do_not_grow_with_checks(client):
    def closed_with(count):
        certificates_in_scope(count)
        official = inspector()
        inspector()
        drawn = plan_draw(plan=plan(user=official, enterprise_count=count), user=official)
        for check in drawn.checks.all():
            check_record_result(
                check=check,
                user=check.inspectors.first(),
                result=CheckResult.PASSED,
                checked_on=datetime.date(2026, 5, 1),
            )
        return plan_close(plan=drawn, user=official)

    small, large = closed_with(1), closed_with(4)
    counts = []
    for closed in (small, large):
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(reverse("supervision:plan_detail", args=[closed.pk])).status_code == 200
            )
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_sanction_list_shows_sanctions_of_closed_plans_and_surveillance(client, closed_plan):
    from supervision.services import surveillance_suspend
    from supervision.surveillance import anniversary
    from tests.factories.certificates import issued_certificate

    overdue = issued_certificate()
    surveillance_suspend(
        certificate=overdue,
        user=inspector(),
        reason_text="逾期未接受监督",
        today=anniversary(overdue.issued_on, 1) + datetime.timedelta(days=1),
    )
    page = client.get(reverse("supervision:sanction_list")).content.decode()
    assert "产品质量不符合标准要求：抽检不合格" in page
    assert "逾期未接受年度监督审核：逾期未接受监督" in page
    assert overdue.number in page
    assert FINDINGS not in page


def test_sanction_list_shows_a_sanction_at_once_without_the_findings(client):
    certificates_in_scope(1)
    official = inspector()
    inspector()
    drawn = plan_draw(plan=plan(user=official, enterprise_count=1), user=official)
    check = drawn.checks.get()
    check_record_result(
        check=check,
        user=official,
        result=CheckResult.FAILED,
        checked_on=datetime.date(2026, 5, 1),
        findings=FINDINGS,
    )
    check_sanction(
        check=check,
        certificate=check.certificates.get(),
        user=official,
        action=SanctionAction.REVOKE,
        reason_code=SanctionReason.FALSE_INFO,
        reason_text="提供虚假检测报告",
    )
    page = client.get(reverse("supervision:sanction_list")).content.decode()
    assert "提供虚假材料：提供虚假检测报告" in page
    assert FINDINGS not in page
