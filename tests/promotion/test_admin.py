"""The admin: county officials see and write their own county's articles and lists only."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from promotion.enums import ArticleStatus
from promotion.models import Article
from tests.factories import county, user_with_role
from tests.factories.enterprises import EnterpriseFactory
from tests.factories.promotion import ArticleFactory, CultivationEntryFactory

pytestmark = pytest.mark.django_db

XUNWU, ANYUAN = "360734", "360726"


@pytest.fixture
def official(client):
    user = user_with_role(Role.COUNTY_OFFICIAL, county=county(XUNWU))
    client.force_login(user)
    return user


def test_admin_lists_only_the_officials_county(client, official):
    ArticleFactory(county=county(XUNWU), title="寻乌文章")
    ArticleFactory(county=county(ANYUAN), title="安远文章")
    response = client.get(reverse("admin:promotion_article_changelist"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "寻乌文章" in content and "安远文章" not in content


def test_admin_change_page_of_another_county_is_not_reachable(client, official):
    other = ArticleFactory(county=county(ANYUAN))
    response = client.get(reverse("admin:promotion_article_change", args=[other.pk]))
    # The admin redirects to its index for an object outside the queryset.
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_admin_add_by_an_official_keeps_their_county_and_cleans_the_body(client, official):
    response = client.post(
        reverse("admin:promotion_article_add"),
        {
            "kind": "news",
            "title": "后台文章",
            "summary": "摘要",
            "body": '<p onclick="x()">正文</p><script>alert(1)</script>',
            "county": county(XUNWU).pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.county == county(XUNWU)
    assert article.author == official
    assert article.body == "<p>正文</p>"
    assert article.status == ArticleStatus.DRAFT


def test_admin_refuses_another_county_for_an_official(client, official):
    response = client.post(
        reverse("admin:promotion_article_add"),
        {
            "kind": "news",
            "title": "后台",
            "summary": "摘要",
            "body": "<p>x</p>",
            "county": county(ANYUAN).pk,
        },
    )
    assert response.status_code == 200
    assert not Article.objects.exists()


def test_admin_add_by_an_official_with_the_county_left_empty_keeps_their_county(client, official):
    # The admin form lets the county be empty (全省 for administrators); an official
    # must not publish province-wide, nor lose the article from their own list.
    response = client.post(
        reverse("admin:promotion_article_add"),
        {"kind": "news", "title": "后台", "summary": "摘要", "body": "<p>x</p>", "county": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get().county == county(XUNWU)


def test_admin_publish_action_goes_through_the_service(client, official):
    article = ArticleFactory(county=county(XUNWU))
    client.post(
        reverse("admin:promotion_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED and article.published_at is not None


def test_admin_cultivation_entries_are_limited_to_the_officials_county(client, official):
    CultivationEntryFactory(enterprise=EnterpriseFactory(name="寻乌培育企业"))
    anyuan = EnterpriseFactory(name="安远培育企业", division=county(ANYUAN))
    CultivationEntryFactory(county=county(ANYUAN), enterprise=anyuan)
    content = client.get(reverse("admin:promotion_cultivationentry_changelist")).content.decode()
    assert "寻乌培育企业" in content and "安远培育企业" not in content


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.REVIEWER])
def test_admin_promotion_is_closed_to_other_staff(client, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("admin:promotion_article_changelist")).status_code == 403
