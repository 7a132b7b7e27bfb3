"""The public opens a certificate's QR link in a browser and sees it valid."""

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from certificates.rendering import verification_url
from tests.factories.certificates import issued_certificate


@pytest.fixture
def certificate(settings, live_server):
    settings.SITE_URL = live_server.url  # the QR link points at the live server
    cache.clear()  # a full look-up budget
    return issued_certificate()


def test_verify_page_from_the_qr_link_shows_valid(page, certificate):
    url = verification_url(certificate.number)
    assert urlsplit(url).query.startswith("s=")
    page.goto(url)
    status = page.locator("[data-status]")
    expect(status).to_have_text("有效")
    assert status.get_attribute("data-status") == "valid"
    expect(page.locator("[data-signature]")).to_contain_text("二维码签名有效")
    expect(page.locator("table.cert-facts")).to_contain_text(certificate.enterprise_name)
    # Shown in green, the colour of a valid certificate.
    colour = status.evaluate("element => getComputedStyle(element).backgroundColor")
    assert colour == "rgb(46, 125, 50)"
    assert page.get_by_role("link", name="举报疑似假冒").is_visible()
