"""Public pages: the list with its filters, an article's page, sharing tags."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from promotion.enums import ArticleKind
from promotion.selectors import product_public_url
from tests.factories import county
from tests.factories.certification import ApplicationFactory
from tests.factories.promotion import ArticleFactory, stored_certificate

pytestmark = pytest.mark.django_db

XUNWU, ANYUAN = "360734", "360726"


def test_article_list_shows_only_published_articles(client):
    ArticleFactory(published=True, title="已发布的动态")
    ArticleFactory(title="草稿动态")
    ArticleFactory(
        published=True,
        title="定时发布的动态",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    content = client.get(reverse("promotion:article_list")).content.decode()
    assert "已发布的动态" in content
    assert "草稿动态" not in content
    assert "定时发布的动态" not in content


def test_article_list_filters_by_kind_and_county(client):
    ArticleFactory(published=True, kind=ArticleKind.CASE, title="寻乌案例", county=county(XUNWU))
    ArticleFactory(published=True, kind=ArticleKind.NEWS, title="寻乌动态", county=county(XUNWU))
    ArticleFactory(published=True, kind=ArticleKind.CASE, title="安远案例", county=county(ANYUAN))
    url = reverse("promotion:article_list")
    content = client.get(url, {"kind": "case"}).content.decode()
    assert "寻乌案例" in content and "安远案例" in content and "寻乌动态" not in content
    content = client.get(url, {"kind": "case", "county": XUNWU}).content.decode()
    assert "寻乌案例" in content and "安远案例" not in content and "寻乌动态" not in content


def test_draft_article_is_404_to_the_public(client):
    article = ArticleFactory()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_draft_article_is_previewed_by_its_editor(client):
    from accounts.roles import Role
    from tests.factories import user_with_role

    article = ArticleFactory(county=county(XUNWU))
    client.force_login(user_with_role(Role.COUNTY_OFFICIAL, county=county(XUNWU)))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "预览" in response.content.decode()
    client.force_login(user_with_role(Role.COUNTY_OFFICIAL, county=county(ANYUAN)))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_case_page_links_a_featured_product_to_the_directory(client):
    certificate = stored_certificate()
    product = certificate.application.product
    article = ArticleFactory(published=True, kind=ArticleKind.CASE, products=[product])
    content = client.get(article.get_absolute_url()).content.decode()
    assert product.name in content
    url = reverse("directory:detail", args=[certificate.number])
    assert product_public_url(product) == url
    assert f'href="{url}"' in content


@pytest.mark.urls("tests.promotion.urls_without_directory")
def test_case_page_links_to_verification_when_there_is_no_directory(client):
    certificate = stored_certificate()
    product = certificate.application.product
    article = ArticleFactory(published=True, kind=ArticleKind.CASE, products=[product])
    content = client.get(article.get_absolute_url()).content.decode()
    url = reverse("certificates:verify", args=[certificate.number])
    assert product_public_url(product) == url
    assert f'href="{url}"' in content


@pytest.mark.urls("tests.promotion.urls_without_directory")
def test_product_public_url_prefers_the_valid_certificate():
    application = ApplicationFactory()
    old = stored_certificate(application, issued_on=datetime.date(2020, 1, 1))
    assert product_public_url(application.product) == reverse(
        "certificates:verify", args=[old.number]
    )
    # Renewed: a valid certificate on a new application of the same product wins.
    renewal = ApplicationFactory(product=application.product, enterprise=application.enterprise)
    new = stored_certificate(renewal)
    assert product_public_url(application.product) == reverse(
        "certificates:verify", args=[new.number]
    )


def test_product_public_url_is_none_for_a_never_certified_product():
    assert product_public_url(ApplicationFactory().product) is None


def test_article_page_carries_open_graph_tags(client, settings):
    settings.SITE_URL = "https://brand.example.cn"
    article = ArticleFactory(published=True, title="分享标题", summary="分享摘要")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="分享标题">' in content
    assert '<meta property="og:description" content="分享摘要">' in content
    assert '<meta property="og:type" content="article">' in content
    assert (
        f'<meta property="og:url" content="https://brand.example.cn/news/{article.pk}/">' in content
    )
    assert "<title>分享标题" in content
    assert '<meta name="description" content="分享摘要">' in content


def test_article_page_shares_its_cover_as_an_absolute_og_image(client, settings):
    from django.core.files.base import ContentFile

    from tests.factories.images import image_bytes

    settings.SITE_URL = "https://brand.example.cn"
    article = ArticleFactory(published=True)
    article.cover.save("cover.png", ContentFile(image_bytes("PNG")))
    content = client.get(article.get_absolute_url()).content.decode()
    assert (
        f'<meta property="og:image" content="https://brand.example.cn{article.cover.url}">'
        in content
    )


def test_other_public_pages_have_default_open_graph_tags(client, settings):
    settings.SITE_URL = "https://brand.example.cn"
    content = client.get(reverse("standards:list")).content.decode()
    assert '<meta property="og:type" content="website">' in content
    assert '<meta property="og:url" content="https://brand.example.cn/standards/">' in content
    assert 'property="og:image"' not in content


def test_titles_and_summaries_are_escaped_not_executed(client):
    article = ArticleFactory(published=True, title="<script>alert(1)</script>标题", summary='"><b>')
    content = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;标题" in content


def test_article_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _ in range(10):
        ArticleFactory(published=True)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("promotion:article_list"))
    assert response.status_code == 200


def test_navigation_offers_the_news_to_everyone_and_the_tools_by_role(client):
    from accounts.roles import Role
    from tests.factories import user_with_role

    news, purchase = reverse("promotion:article_list"), reverse("promotion:purchase_links")
    manage = reverse("promotion:manage_list")
    content = client.get("/").content.decode()
    assert f'href="{news}"' in content and f'href="{manage}"' not in content
    client.force_login(user_with_role(Role.ENTERPRISE_USER))
    content = client.get("/").content.decode()
    assert f'href="{purchase}"' in content and f'href="{manage}"' not in content
    client.force_login(user_with_role(Role.COUNTY_OFFICIAL))
    content = client.get("/").content.decode()
    assert f'href="{manage}"' in content and f'href="{purchase}"' not in content
