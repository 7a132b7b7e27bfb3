"""The public face: the home page leads to a success case, its certified product and the
product's verification page; a hostile article body never runs in the browser."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from certificates.models import Certificate
from certificates.services import certificate_issue
from certification.enums import Action
from promotion.enums import ArticleKind
from tests.factories.certification import ApplicationFactory, advance
from tests.factories.promotion import ArticleFactory

HOSTILE_BODY = (
    "<p>寻乌县果农合作社获得认证。</p>"
    '<script>window.__pwned = "script"; document.title = "PWNED";</script>'
    '<img src="/nothing.png" onerror="window.__pwned = \'onerror\'" alt="图">'
    "<p onmouseover=\"window.__pwned = 'handler'\">鼠标经过</p>"
    "<a href=\"javascript:window.__pwned='link'\">点此</a>"
)


@pytest.fixture
def certified_case(settings, live_server):
    settings.SITE_URL = live_server.url
    cache.clear()  # a full verification look-up budget
    application = advance(ApplicationFactory(), Action.SUBMIT, Action.ACCEPT, Action.CERTIFY)
    certificate = Certificate.objects.filter(application=application).first()
    if certificate is None:  # where on-commit tasks did not run, issue as the task would
        certificate = certificate_issue(application_id=application.pk)
    article = ArticleFactory(
        published=True,
        kind=ArticleKind.CASE,
        title="富硒脐橙走出寻乌",
        summary="寻乌县企业获“江西绿色生态”认证的故事。",
        body=HOSTILE_BODY,
        products=[application.product],
    )
    return article, application.product, certificate


def test_home_leads_through_a_success_case_to_a_verified_product(page, certified_case):
    article, product, certificate = certified_case
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto("/")
    expect(page.locator("h1").first).to_have_text("江西绿色生态")
    expect(page.locator('[data-figure="products"]')).to_have_text("1")
    expect(page.locator('[data-figure="enterprises"]')).to_have_text("1")
    page.get_by_role("link", name=article.title).click()

    expect(page.locator("h1")).to_have_text(article.title)
    expect(page.locator(".article-body")).to_contain_text("寻乌县果农合作社获得认证")
    page.locator(".article-body p", has_text="鼠标经过").hover()
    page.locator(".article-body a", has_text="点此").click()
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.title() != "PWNED"
    assert dialogs == []
    assert page.locator(".article-body script").count() == 0
    assert page.locator(".article-body [onerror], .article-body [onmouseover]").count() == 0
    og_url = page.locator('meta[property="og:url"]').get_attribute("content")
    assert og_url == f"{page.url}"

    page.get_by_role("link", name=product.name).click()
    if "/verify/" not in page.url:  # the directory's product page links to verification
        page.get_by_role("link", name=re.compile(re.escape(certificate.number))).first.click()
    expect(page).to_have_url(re.compile(rf"/verify/{re.escape(certificate.number)}/$"))
    expect(page.locator("[data-status]")).to_have_text("有效")


def test_home_verification_box_opens_the_verify_page(page, certified_case):
    _article, _product, certificate = certified_case
    page.goto("/")
    box = page.get_by_role("search", name="证书查验")
    box.get_by_role("searchbox").fill(certificate.number.lower())
    box.get_by_role("button", name="查验").click()
    expect(page).to_have_url(re.compile(rf"/verify/{re.escape(certificate.number)}/$"))
    expect(page.locator("[data-status]")).to_have_text("有效")
