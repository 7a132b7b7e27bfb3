"""RSS and Atom feeds of published news and cases."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from promotion.enums import ArticleKind
from tests.factories.promotion import ArticleFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_feed_lists_published_articles_only():
    from django.test import Client

    published = ArticleFactory(published=True, kind=ArticleKind.CASE, title="获证案例")
    ArticleFactory(title="未发布草稿")
    response = Client().get(reverse("feed_rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["获证案例"]
    item = items[0]
    assert item.findtext("link").endswith(published.get_absolute_url())
    assert item.findtext("description") == published.summary
    assert item.findtext("pubDate")
    assert "成功案例" in [c.text for c in item.findall("category")]


def test_atom_feed_lists_published_articles_newest_first(client):
    import datetime

    from django.utils import timezone

    older = ArticleFactory(published=True, title="较早动态")
    older.published_at = timezone.now() - datetime.timedelta(days=3)
    older.save()
    ArticleFactory(published=True, title="最新动态")
    response = client.get(reverse("feed_atom"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["最新动态", "较早动态"]


def test_feeds_are_announced_on_every_page(client):
    content = client.get("/").content.decode()
    rss = reverse("feed_rss")
    assert f'type="application/rss+xml" title="品牌动态与成功案例" href="{rss}"' in content
    assert f'href="{reverse("feed_atom")}"' in content


def test_feed_does_not_carry_article_html(client):
    ArticleFactory(published=True, summary="摘要", body="<p>正文</p><script>alert(1)</script>")
    content = client.get(reverse("feed_rss")).content.decode()
    assert "alert" not in content
