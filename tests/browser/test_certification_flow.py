"""One application from the enterprise's first product to its certification.

The enterprise works on the portal's pages; the reviewer, in a second browser context,
works in the admin: accepts, asks for changes, then scores, completes the review and
certifies. Celery runs eagerly on commit in the live server's thread.
"""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from certification.models import Application
from tests.factories import CertificationBodyFactory, user_with_role
from tests.factories.certification import PDF_BYTES, ScoredStandardFactory

PASSWORD = "correct-horse-9"  # the factories' password


@pytest.fixture
def site(settings, live_server):
    settings.SITE_URL = live_server.url
    return live_server.url


def _log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("电子邮箱").fill(email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def _upload(page, document_type, path):
    page.get_by_label("材料类型").select_option(label=document_type)
    page.get_by_label(re.compile(r"^文件")).set_input_files(str(path))
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_text("材料已上传。")).to_be_visible()


def test_enterprise_applies_reviewer_asks_for_changes_then_certifies(page, browser, site, tmp_path):
    enterprise_user = user_with_role(Role.ENTERPRISE_USER, email="lvyuan@example.com")
    body = CertificationBodyFactory(name="江西绿色认证中心")
    reviewer = user_with_role(Role.REVIEWER, email="shen@example.com", certification_body=body)
    standard = ScoredStandardFactory(title="富硒脐橙")
    pdf = tmp_path / "证明材料.pdf"
    pdf.write_bytes(PDF_BYTES)

    # --- the enterprise: a product, a draft, the evidence, submission ------------------
    _log_in(page, enterprise_user.email)
    page.get_by_role("link", name="我的产品").click()
    page.get_by_role("button", name="新增产品").click()  # a link styled as a button
    page.get_by_label("产品名称").fill("寻乌富硒脐橙")
    page.get_by_label("产品类别").select_option(index=1)
    page.get_by_label("商标").fill("绿源")
    page.get_by_label("生产地址").fill("江西省赣州市寻乌县长宁镇果园路8号")
    page.get_by_label("生产地所在区划").select_option(label="寻乌县（360734）")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("产品信息已保存。")).to_be_visible()
    expect(page.get_by_role("cell", name="寻乌富硒脐橙")).to_be_visible()

    page.get_by_role("link", name="我的申请").click()
    page.get_by_role("button", name="申请认证").click()
    page.get_by_label("产品").select_option(label="寻乌富硒脐橙")
    page.get_by_label("依据标准").select_option(label=str(standard))
    page.get_by_label("第三方评价机构").select_option(label="江西绿色认证中心")
    page.get_by_role("button", name="创建申请草稿").click()
    expect(page.get_by_text("申请草稿已创建，请上传必备材料后提交。")).to_be_visible()
    expect(page.locator("h1 .badge")).to_have_text("草稿")
    application = Application.objects.get(product__name="寻乌富硒脐橙")
    detail_url = f"/applications/{application.pk}/"

    # Submitting too early lists what is missing.
    page.get_by_role("button", name="提交申请").click()
    expect(
        page.locator(".messages").get_by_text("缺少必备材料：营业执照、产品检测报告。")
    ).to_be_visible()

    _upload(page, "营业执照", pdf)
    _upload(page, "产品检测报告", pdf)
    expect(page.locator(".checklist li.done")).to_have_count(2)
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_text("已提交申请。")).to_be_visible()
    expect(page.locator("h1 .badge")).to_have_text("已提交")

    # --- the reviewer, in the admin: accept, then ask for changes ----------------------
    reviewer_context = browser.new_context(locale="zh-CN", base_url=site)
    reviewer_context.set_default_timeout(10_000)
    admin = reviewer_context.new_page()
    _log_in(admin, reviewer.email)
    admin.goto("/admin/certification/application/")
    admin.get_by_role("link", name=application.reference).click()
    admin.locator('form[data-action="accept"] input[type="submit"]').click()
    expect(admin.get_by_text("已受理。")).to_be_visible()
    request = admin.locator('form[data-action="request_changes"]')
    request.locator("textarea").fill("请补充质量管理体系文件。")
    request.locator('input[type="submit"]').click()
    expect(admin.get_by_text("已要求补正。")).to_be_visible()

    # --- the enterprise answers: upload, comment, resubmit ------------------------------
    page.goto(detail_url)
    expect(page.locator("h1 .badge")).to_have_text("待补正")
    expect(page.locator(".change-request")).to_contain_text("请补充质量管理体系文件。")
    _upload(page, "质量管理体系文件", pdf)
    page.get_by_label("补正说明").fill("已上传质量管理体系文件。")
    page.get_by_role("button", name="补正后重新提交").click()
    expect(page.get_by_text("已补正后重新提交。")).to_be_visible()
    expect(page.locator("h1 .badge")).to_have_text("评审中")

    # --- the reviewer scores, completes the review and certifies -----------------------
    admin.reload()
    admin.get_by_role("link", name="填写评审与指标评分").click()
    admin.get_by_label("文件审核结论").select_option("pass")
    admin.get_by_label("现场审核结论").select_option("pass")
    admin.locator("tr.form-row", has_text="无重大环境违法记录").locator(
        "select[name$='-passed']"
    ).select_option("true")
    admin.locator("tr.form-row", has_text="单位产品能耗").locator("input[name$='-score']").fill(
        "35"
    )
    admin.locator("tr.form-row", has_text="产品质量").locator("input[name$='-score']").fill("55")
    admin.get_by_role("button", name="保存并完成评审").click()
    expect(admin.get_by_text("评审已完成：总分 90.0，结论：通过。")).to_be_visible()
    admin.goto(f"/admin/certification/application/{application.pk}/change/")
    certify = admin.locator('form[data-action="certify"]')
    certify.locator("textarea").fill("同意认证。")
    certify.locator('input[type="submit"]').click()
    expect(admin.get_by_text("已批准认证。")).to_be_visible()
    reviewer_context.close()

    # --- the enterprise sees the result -------------------------------------------------
    page.goto(detail_url)
    expect(page.locator("h1 .badge")).to_have_text(re.compile("已认证|监管中"))
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("要求补正")
    expect(timeline).to_contain_text("请补充质量管理体系文件。")
    expect(timeline).to_contain_text("批准认证")
