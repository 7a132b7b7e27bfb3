"""Every public page fits a 390 px phone screen: no horizontal scrolling, no word that wraps
one character a line.

Data uses long values (a long product name, a revoked listing, a full directory page) so
the tables are as wide as real ones.
"""

import pytest

from certificates.enums import CertificateStatus
from tests.factories import EnterpriseFactory
from tests.factories.directory import listed_certificate
from tests.factories.promotion import ArticleFactory

PHONE = {"width": 390, "height": 844}

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > width + 1
              && getComputedStyle(e).position !== "fixed"
              && !e.closest(".table-scroll"))
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


@pytest.fixture
def phone(browser, live_server, csp_violations):
    context = browser.new_context(
        locale="zh-CN", base_url=live_server.url, viewport=PHONE, device_scale_factor=2
    )
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.fixture
def public_pages(db):
    enterprise = EnterpriseFactory(
        name="寻乌县绿源富硒果业有限公司（示例）江西省赣州市寻乌县分公司"
    )
    listing = listed_certificate(
        product__name="寻乌富硒脐橙（示例）特级果精品礼盒装每箱五公斤产自澄江镇示例果园基地",
        product__enterprise=enterprise,
    )
    for number in range(12):
        listed_certificate(product__name=f"有机大米{number}")
    listed_certificate(product__name="已撤销脐橙", status=CertificateStatus.REVOKED)
    article = ArticleFactory(published=True)
    standard = listing.application.standard
    return [
        "/",
        "/directory/",
        f"/directory/products/{listing.number}/",
        f"/directory/enterprises/{enterprise.credit_code}/",
        "/standards/",
        f"/standards/{standard.pk}/",
        "/verify/",
        f"/verify/{listing.number}/",
        "/verify/report/",
        "/news/",
        f"/news/{article.pk}/",
        "/supervision/spot-checks/",
        "/supervision/sanctions/",
        "/supervision/infringements/",
        "/accounts/login/",
        "/accounts/register/",
    ]


def test_public_pages_fit_a_phone_screen(phone, public_pages):
    too_wide = {}
    for url in public_pages:
        response = phone.goto(url)
        assert response.status == 200, url
        found = phone.evaluate(OVERFLOW)
        if found["scroll"] > found["width"] or found["wide"]:
            too_wide[url] = found
    assert not too_wide, too_wide


def test_directory_on_a_phone_shows_results_on_the_first_screen(phone, public_pages):
    phone.goto("/directory/")
    assert phone.locator("details.more-filters").evaluate("d => d.open") is False
    first_row = phone.locator("table.directory-table tbody tr").first.bounding_box()
    assert first_row["y"] < PHONE["height"], first_row
    # Unfolded, every filter is still there.
    phone.get_by_text("更多筛选条件").click()
    assert phone.get_by_label("产品类别").is_visible()
