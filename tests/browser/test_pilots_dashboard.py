"""The Xunwu county official's dashboard in a real browser: targets and tasks, posting
an update on a task, and downloading the task table as Excel."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from certification.enums import ApplicationState
from pilots.loading import load_pilot_data
from pilots.models import PilotTask
from standards.models import ProductCategory
from tests.factories import EnterpriseFactory
from tests.factories.certification import ApplicationFactory, ProductFactory
from tests.factories.pilots import county_official

PASSWORD = "correct-horse-9"


def _xunwu():
    load_pilot_data()
    citrus = ProductCategory.objects.get(code="selenium_citrus")
    for _ in range(3):
        enterprise = EnterpriseFactory()
        product = ProductFactory(enterprise=enterprise, category=citrus)
        ApplicationFactory(product=product, enterprise=enterprise, state=ApplicationState.CERTIFIED)
    return county_official(email="xunwu@example.org", full_name="寻乌县工作人员")


def test_xunwu_official_sees_dashboard_posts_an_update_and_exports_excel(page):
    official = _xunwu()
    page.goto("/accounts/login/")
    page.get_by_label("电子邮箱").fill(official.email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()

    page.get_by_role("link", name="试点县", exact=True).click()
    page.wait_for_url("**/pilots/360734/")
    assert page.locator("h1").text_content() == "寻乌县试点县工作台"
    products = page.locator("tr[data-target='products'] td.number a")
    assert products.text_content() == "3/5"
    enterprises = page.locator("tr[data-target='agriculture-enterprises'] td.number a")
    assert enterprises.text_content() == "3/5"
    assert page.locator("svg.timeline line.today").count() == 1
    assert page.locator("table.task-table tbody tr").count() == 13
    not_started = page.locator("#tasks .status-counts li.status-not_started strong")
    assert not_started.text_content() == "13"

    # The number links to the records behind it.
    products.click()
    page.wait_for_url("**/pilots/360734/targets/products/")
    assert page.locator("table.records tbody tr").count() == 3
    page.go_back()

    task = PilotTask.objects.get(county__division__code="360734", kind="breakdown", number=2)
    page.get_by_role("link", name=task.content[:20]).first.click()
    page.wait_for_url(f"**/pilots/360734/tasks/{task.pk}/")
    page.get_by_label("进展情况").fill("已拟定重点培育产品清单初稿，征求各单位意见。")
    page.get_by_label("更新后进度（%）").fill("60")
    page.get_by_role("button", name="提交进展").click()
    page.wait_for_url(f"**/pilots/360734/tasks/{task.pk}/")
    assert page.get_by_text("进展已填报。").is_visible()
    assert page.locator("#task-status").text_content() == "进行中"
    assert page.locator("#task-progress").text_content() == "60%"

    page.get_by_role("link", name="寻乌县").first.click()
    page.wait_for_url("**/pilots/360734/")
    assert page.get_by_text("已拟定重点培育产品清单初稿").is_visible()
    in_progress = page.locator("#tasks .status-counts li.status-in_progress strong")
    assert in_progress.text_content() == "1"

    with page.expect_download() as download_info:
        page.get_by_role("button", name="导出Excel").click()
    download = download_info.value
    assert download.suggested_filename.startswith("寻乌县任务表-")
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as file:
        sheet = load_workbook(io.BytesIO(file.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("试点县", "区划代码", "类别", "序号")
    assert len(rows) == 14
    progress = {(row[2], row[3]): row[12] for row in rows[1:]}
    assert progress[("任务分解", 2)] == 60
