"""A 双随机 plan from creation through the draw, results and closing to its public page.

The supervisor works in the admin; the public page is read anonymously at the end.
"""

import re

from playwright.sync_api import expect

from supervision.models import SpotCheckPlan
from supervision.services import plan_verify
from tests.factories.supervision import certificates_in_scope, inspector

PASSWORD = "correct-horse-9"  # the factories' password


def test_supervisor_runs_a_plan_to_its_public_page(page, browser, live_server):
    certificates = certificates_in_scope(2)
    official = inspector(email="jianguan@example.gov.cn", full_name="监管员甲")
    inspector(full_name="监管员乙")

    page.goto("/accounts/login/")
    page.get_by_label("电子邮箱").fill(official.email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()

    # --- create the plan: the seed's hash is shown, the seed is not -------------------
    page.goto("/admin/supervision/spotcheckplan/add/")
    page.get_by_label("计划名称").fill("2026年寻乌县双随机抽查")
    page.get_by_label("抽取企业数").fill("1")
    page.get_by_label("每组检查人员数").fill("2")
    page.get_by_role("button", name="保存并继续编辑").click()
    plan = SpotCheckPlan.objects.get()
    expect(page.locator("fieldset.plan-actions")).to_contain_text(plan.seed_hash)
    expect(page.locator("body")).not_to_contain_text(plan.seed)

    # --- draw --------------------------------------------------------------------------
    page.get_by_role("button", name="抽取").click()
    expect(page.get_by_text("已完成抽取，随机种子已公开。")).to_be_visible()
    expect(page.locator("[data-status]")).to_have_text("已抽取")
    page.get_by_role("button", name="核验抽取").click()
    expect(page.get_by_text(re.compile("核验通过"))).to_be_visible()

    # --- record the result of the drawn check ------------------------------------------
    check = plan.checks.get()
    page.goto(f"/admin/supervision/spotcheck/{check.pk}/change/")
    page.get_by_label("检查日期").fill("2026-05-01")
    page.get_by_label("检查结果").select_option(label="合格")
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator("ul.messagelist")).to_be_visible()

    # --- close and open the public page ------------------------------------------------
    page.goto(f"/admin/supervision/spotcheckplan/{plan.pk}/change/")
    page.get_by_role("button", name="结束并公开").click()
    expect(page.get_by_text("计划已结束，结果已公开。")).to_be_visible()

    public = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    public.goto("/supervision/spot-checks/")
    public.get_by_role("link", name="2026年寻乌县双随机抽查").click()
    row = public.locator("tr[data-check='1']")
    expect(row).to_contain_text(check.enterprise.name)
    expect(row.locator("[data-result]")).to_have_text("合格")
    expect(public.locator("[data-seed]")).to_have_text(plan.seed)
    expect(public.locator("body")).not_to_contain_text("监管员甲")
    drawn = {c.credit_code for c in certificates}
    assert check.enterprise.credit_code in drawn
    assert plan_verify(SpotCheckPlan.objects.get()).matches
    public.context.close()
