"""What crawlers and browsers ask every site for: robots.txt, sitemap.xml, favicon.ico."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.urls import reverse
from PIL import Image

from standards.enums import StandardState
from tests.factories.certificates import issued_certificate
from tests.factories.promotion import ArticleFactory
from tests.factories.standards import StandardFactory

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the sitemap pages are cached for an hour
    yield
    cache.clear()


def _locations(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [element.text for element in root.findall(".//sm:loc", NS)]


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_areas(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text
    for private in ("/admin/", "/accounts/", "/applications/", "/enterprise/", "/pilots/"):
        assert f"Disallow: {private}" in text
    assert "Disallow: /directory/" not in text and "Disallow: /verify/" not in text


@pytest.mark.django_db
def test_sitemap_lists_public_products_standards_and_news_only(client):
    certificate = issued_certificate()
    standard = certificate.application.standard
    draft = StandardFactory(state=StandardState.DRAFTING)
    published = ArticleFactory(published=True)
    unpublished = ArticleFactory()

    sections = _locations(client, "/sitemap.xml")
    assert sorted(url.rsplit("/", 1)[-1].split("?")[0] for url in sections) == [
        "sitemap-news.xml",
        "sitemap-products.xml",
        "sitemap-standards.xml",
    ]
    urls = [url for section in sections for url in _locations(client, section)]
    paths = {url.split("://", 1)[1].split("/", 1)[1] for url in urls}
    assert reverse("directory:detail", args=[certificate.number]).lstrip("/") in paths
    assert reverse("standards:detail", args=[standard.pk]).lstrip("/") in paths
    assert reverse("promotion:article_detail", args=[published.pk]).lstrip("/") in paths
    assert reverse("standards:detail", args=[draft.pk]).lstrip("/") not in paths
    assert reverse("promotion:article_detail", args=[unpublished.pk]).lstrip("/") not in paths
    # Every listed page opens for the public.
    for path in paths:
        assert client.get(f"/{path}").status_code == 200, path


def test_favicon_is_a_real_icon(client, settings):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = Image.open(settings.BASE_DIR / "static" / "favicon.ico")
    assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]
