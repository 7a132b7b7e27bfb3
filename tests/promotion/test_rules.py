"""Who may write and publish articles: role × own or other county."""

import pytest

from accounts.roles import Role
from accounts.rules import can
from tests.factories import county, user_with_role
from tests.factories.promotion import ArticleFactory

pytestmark = pytest.mark.django_db

XUNWU, ANYUAN = "360734", "360726"


def _user(who):
    if who == "provincial_admin":
        return user_with_role(Role.PROVINCIAL_ADMIN)
    if who == "official_same_county":
        return user_with_role(Role.COUNTY_OFFICIAL, county=county(XUNWU))
    if who == "official_other_county":
        return user_with_role(Role.COUNTY_OFFICIAL, county=county(ANYUAN))
    if who == "enterprise_user":
        return user_with_role(Role.ENTERPRISE_USER)
    if who == "supervisor":
        return user_with_role(Role.SUPERVISOR)
    if who == "reviewer":
        return user_with_role(Role.REVIEWER)
    raise AssertionError(who)


@pytest.mark.parametrize(
    ("who", "may_add", "may_change"),
    [
        ("provincial_admin", True, True),
        ("official_same_county", True, True),
        ("official_other_county", True, False),
        ("enterprise_user", False, False),
        ("supervisor", False, False),
        ("reviewer", False, False),
    ],
)
def test_article_rights_by_role_and_county(who, may_add, may_change):
    article = ArticleFactory(county=county(XUNWU))
    user = _user(who)
    assert can(user, "promotion.add_article") is may_add
    for action in ("change", "publish", "delete", "view"):
        assert can(user, f"promotion.{action}_article", article) is may_change


def test_article_of_the_whole_province_is_for_provincial_admins_only():
    article = ArticleFactory(county=None)
    assert can(_user("provincial_admin"), "promotion.change_article", article)
    assert not can(_user("official_same_county"), "promotion.change_article", article)


def test_county_official_without_county_may_not_write():
    user = user_with_role(Role.COUNTY_OFFICIAL, county=None)
    assert not can(user, "promotion.add_article")
