"""The public searches the directory in a browser, opens a product and its enterprise."""

from playwright.sync_api import expect

from certificates.enums import CertificateStatus
from tests.factories import EnterpriseFactory
from tests.factories.directory import listed_certificate


def test_public_searches_the_directory_and_opens_a_product(page):
    enterprise = EnterpriseFactory(name="寻乌果业有限公司", contact_phone="13500000000")
    orange = listed_certificate(product__name="寻乌蜜橘", product__enterprise=enterprise)
    listed_certificate(product__name="有机大米")
    listed_certificate(product__name="已撤销脐橙", status=CertificateStatus.REVOKED)

    page.goto("/directory/")
    table = page.locator("table.directory-table")
    expect(table).to_contain_text("寻乌蜜橘")
    expect(table).to_contain_text("有机大米")
    expect(table).not_to_contain_text("已撤销脐橙")

    page.get_by_label("产品、企业或证书编号").fill("蜜橘")
    page.get_by_role("button", name="查询").click()
    expect(table.locator("tbody tr")).to_have_count(1)

    page.get_by_role("link", name="寻乌蜜橘").click()
    expect(page.locator("h1")).to_have_text("寻乌蜜橘")
    expect(page.locator("main")).to_contain_text(orange.number)
    expect(page.locator("body")).not_to_contain_text("13500000000")

    page.get_by_role("link", name="寻乌果业有限公司").first.click()
    expect(page.locator("h1")).to_have_text("寻乌果业有限公司")
    expect(page.locator("table.directory-table")).to_contain_text(orange.number)
