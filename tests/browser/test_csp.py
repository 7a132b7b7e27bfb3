"""The Content-Security-Policy in the browser: what it blocks is reported to the
`csp_violations` recorder (tests/browser/conftest.py), and one page of every area of the
portal renders under it with no violation — including the admin and Swagger UI."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from accounts.roles import Role
from pilots.loading import load_pilot_data
from tests.factories import user_with_role
from tests.factories.pilots import county_official

PASSWORD = "correct-horse-9"  # the factories' password

INLINE_PAGE = """<!DOCTYPE html><html><head><title>probe</title>
<style>body { color: red; }</style></head>
<body><p style="color: red" onclick="window.ran = 'handler'">probe</p>
<script>window.ran = "script";</script></body></html>"""


def test_csp_blocks_inline_code_and_the_recorder_reports_it(page, live_server, csp_violations):
    # A page served with the portal's own header: every kind of inline code is blocked,
    # and each block is reported, so a template that brings one back fails its test.
    header = Client().get("/").headers["Content-Security-Policy"]
    page.route(
        f"{live_server.url}/csp-probe/",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": header},
            body=INLINE_PAGE,
        ),
    )
    page.goto("/csp-probe/")
    page.locator("p").click()
    assert page.evaluate("window.ran") is None
    directives = {seen.split(" | ")[0] for seen in csp_violations.take()}
    assert directives == {"style-src-elem", "style-src-attr", "script-src-attr", "script-src-elem"}


def _visit(page, path):
    response = page.goto(path)
    assert response.status < 500, f"{path}: {response.status}"
    assert response.headers.get("content-security-policy"), path
    page.wait_for_load_state("load")


def _logged_in_page(browser, live_server, user):
    page = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    page.goto("/accounts/login/")
    page.get_by_label("电子邮箱").fill(user.email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


PUBLIC = [
    "/",
    "/directory/",
    "/verify/",
    "/standards/",
    "/news/",
    "/supervision/spot-checks/",
    "/supervision/sanctions/",
    "/supervision/infringements/",
    "/supervision/infringements/report/",
    "/accounts/login/",
    "/accounts/register/",
    "/admin/login/",
]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_page_renders_without_csp_violations(page, path):
    _visit(page, path)


def test_swagger_ui_renders_under_the_csp(page):
    # Served from drf-spectacular-sidecar's static files with the start-up script as a file.
    _visit(page, "/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("江西绿色生态品牌认证 API")
    expect(page.locator(".opblock-tag").first).to_be_visible()


def test_enterprise_pages_render_without_csp_violations(browser, live_server, page):
    user = user_with_role(Role.ENTERPRISE_USER)
    enterprise = _logged_in_page(browser, live_server, user)
    for path in [
        "/accounts/",
        "/accounts/notifications/",
        "/enterprise/",
        "/enterprise/edit/",
        "/applications/",
        "/applications/new/",
        "/applications/products/",
        "/applications/products/new/",
        "/certificates/",
        "/enterprise/purchase-links/",
    ]:
        _visit(enterprise, path)


def test_county_pages_render_without_csp_violations(browser, live_server, page):
    load_pilot_data()
    official = _logged_in_page(browser, live_server, county_official())
    for path in [
        "/pilots/",
        "/pilots/360734/",
        "/pilots/360734/tasks/",
        "/pilots/360734/rewards/",
        "/news/manage/",
        "/news/manage/new/",
    ]:
        _visit(official, path)


def test_supervisor_pages_render_without_csp_violations(browser, live_server, page):
    supervisor = _logged_in_page(browser, live_server, user_with_role(Role.SUPERVISOR))
    _visit(supervisor, "/supervision/surveillance/")


def test_admin_pages_render_without_csp_violations(browser, live_server, page):
    superuser = user_with_role(Role.PROVINCIAL_ADMIN, is_staff=True, is_superuser=True)
    admin = _logged_in_page(browser, live_server, superuser)
    for path in [
        "/admin/",
        "/admin/certification/application/",
        "/admin/standards/standard/add/",
        "/admin/standards/indicator/",
        "/admin/standards/indicator/import/",
        "/admin/standards/indicator/export/",
        "/admin/pilots/pilottask/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/admin/supervision/spotcheckplan/add/",
        "/admin/pilots/pilottask/add/",
    ]:
        _visit(admin, path)
    # Widgets that build their markup in the browser: autocomplete (select2), the
    # two-box selector, the calendar.
    _visit(admin, "/admin/standards/standard/add/")
    admin.locator(".field-proposing_county .select2-selection").click()
    expect(admin.locator(".select2-results")).to_be_visible()
    admin.keyboard.press("Escape")
    expect(admin.locator("#id_categories_from")).to_be_visible()
    admin.locator("a[id^=calendarlink]").first.click()
    expect(admin.locator(".calendarbox").first).to_be_visible()
