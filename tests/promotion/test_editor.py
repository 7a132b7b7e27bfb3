"""The front-office editor: who may draft, edit and publish which articles."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from promotion.enums import ArticleKind, ArticleStatus
from promotion.models import Article
from tests.factories import county, user_with_role
from tests.factories.promotion import ArticleFactory

pytestmark = pytest.mark.django_db

XUNWU, ANYUAN = "360734", "360726"


def _form(**overrides):
    data = {
        "kind": ArticleKind.CASE,
        "title": "寻乌脐橙获证",
        "summary": "寻乌县首批企业获得认证。",
        "body": '<p>正文</p><script>alert(1)</script><a href="javascript:alert(2)">x</a>',
        "county": county(XUNWU).pk,
    }
    data.update(overrides)
    return data


def test_county_official_drafts_for_own_county_even_when_posting_another(client):
    official = user_with_role(Role.COUNTY_OFFICIAL, county=county(XUNWU))
    client.force_login(official)
    response = client.post(reverse("promotion:manage_create"), _form(county=county(ANYUAN).pk))
    # Another county is not a choice: the form refuses it.
    assert response.status_code == 200
    assert not Article.objects.exists()
    response = client.post(reverse("promotion:manage_create"), _form())
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.county == county(XUNWU)
    assert article.status == ArticleStatus.DRAFT
    assert article.author == official
    assert "<script" not in article.body and "javascript:" not in article.body


def test_county_official_editing_another_countys_article_gets_404(client):
    article = ArticleFactory(county=county(ANYUAN))
    client.force_login(user_with_role(Role.COUNTY_OFFICIAL, county=county(XUNWU)))
    assert client.get(reverse("promotion:manage_edit", args=[article.pk])).status_code == 404
    response = client.post(reverse("promotion:manage_edit", args=[article.pk]), _form())
    assert response.status_code == 404
    response = client.post(reverse("promotion:manage_publish", args=[article.pk]))
    assert response.status_code == 404
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert article.title != "寻乌脐橙获证"


def test_county_official_publishes_and_unpublishes_own_countys_article(client):
    article = ArticleFactory(county=county(XUNWU))
    client.force_login(user_with_role(Role.COUNTY_OFFICIAL, county=county(XUNWU)))
    url = reverse("promotion:manage_publish", args=[article.pk])
    client.post(url, {"action": "publish"})
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at is not None
    first_published = article.published_at
    client.post(url, {"action": "unpublish"})
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    client.post(url, {"action": "publish"})
    article.refresh_from_db()
    assert article.published_at == first_published


def test_provincial_admin_edits_any_county_and_the_whole_province(client):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    response = client.post(reverse("promotion:manage_create"), _form(county=""))
    assert response.status_code == 302
    assert Article.objects.get().county is None
    other = ArticleFactory(county=county(ANYUAN))
    response = client.post(reverse("promotion:manage_edit", args=[other.pk]), _form())
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.title == "寻乌脐橙获证"


@pytest.mark.parametrize("role", [Role.ENTERPRISE_USER, Role.SUPERVISOR, Role.REVIEWER])
def test_editor_is_refused_to_other_roles(client, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("promotion:manage_list")).status_code == 403
    assert client.post(reverse("promotion:manage_create"), _form()).status_code == 403
    assert not Article.objects.exists()


def test_editor_asks_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("promotion:manage_list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_editor_list_shows_only_own_countys_articles(client):
    mine = ArticleFactory(county=county(XUNWU), title="本县文章")
    ArticleFactory(county=county(ANYUAN), title="外县文章")
    client.force_login(user_with_role(Role.COUNTY_OFFICIAL, county=county(XUNWU)))
    content = client.get(reverse("promotion:manage_list")).content.decode()
    assert mine.title in content
    assert "外县文章" not in content


def test_editor_refuses_a_cover_that_is_not_an_image(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    fake = SimpleUploadedFile("cover.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(reverse("promotion:manage_create"), {**_form(), "cover": fake})
    assert response.status_code == 200
    assert not Article.objects.exists()


def test_editor_stores_a_real_png_cover(client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    cover = SimpleUploadedFile("cover.png", buffer.getvalue(), content_type="image/png")
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    response = client.post(reverse("promotion:manage_create"), {**_form(), "cover": cover})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover.name.startswith("promotion/covers/")
    assert article.cover.read().startswith(b"\x89PNG")
