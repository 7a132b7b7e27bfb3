"""Who may see and change which enterprise: the permission table and the selector."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.rules import can
from enterprises.selectors import enterprises_visible_to
from tests.factories import EnterpriseFactory, UserFactory, county, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def xunwu_enterprise():
    return EnterpriseFactory(division=county("360734"))


@pytest.fixture
def ruijin_enterprise():
    return EnterpriseFactory(division=county("360781"))


def _actor(kind, enterprise):
    if kind == "own_enterprise_user":
        return user_with_role(Role.ENTERPRISE_USER, enterprise=enterprise)
    if kind == "other_enterprise_user":
        return user_with_role(Role.ENTERPRISE_USER)
    if kind == "county_official_same_county":
        return user_with_role(Role.COUNTY_OFFICIAL, county=enterprise.division)
    if kind == "county_official_other_county":
        return user_with_role(Role.COUNTY_OFFICIAL, county=county("360781"))
    if kind == "no_role":
        return UserFactory()
    return user_with_role(Role(kind))


# actor -> (may view, may change) the Xunwu enterprise
TABLE = {
    "own_enterprise_user": (True, True),
    "other_enterprise_user": (False, False),
    "county_official_same_county": (True, False),
    "county_official_other_county": (False, False),
    Role.REVIEWER.value: (False, False),
    Role.SUPERVISOR.value: (True, False),
    Role.PROVINCIAL_ADMIN.value: (True, True),
    "no_role": (False, False),
}


@pytest.mark.parametrize(("kind", "expected"), TABLE.items())
def test_enterprise_permission_table(kind, expected, xunwu_enterprise):
    user = _actor(kind, xunwu_enterprise)
    may_view, may_change = expected
    assert can(user, "enterprises.view_enterprise", xunwu_enterprise) is may_view
    assert can(user, "enterprises.change_enterprise", xunwu_enterprise) is may_change
    visible = enterprises_visible_to(user).filter(pk=xunwu_enterprise.pk).exists()
    assert visible is may_view


def test_enterprise_anonymous_sees_nothing(xunwu_enterprise):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not can(anonymous, "enterprises.view_enterprise", xunwu_enterprise)
    assert not enterprises_visible_to(anonymous).exists()


def test_enterprise_county_official_sees_only_own_county(xunwu_enterprise, ruijin_enterprise):
    official = _actor("county_official_same_county", xunwu_enterprise)
    assert list(enterprises_visible_to(official)) == [xunwu_enterprise]


def test_enterprise_profile_page_shows_only_own_enterprise(client, xunwu_enterprise):
    other = EnterpriseFactory(name="别家企业有限公司")
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=xunwu_enterprise)
    client.force_login(user)
    html = client.get(reverse("enterprises:profile")).content.decode()
    assert xunwu_enterprise.name in html
    assert other.name not in html


def test_enterprise_edit_changes_only_own_enterprise(client, xunwu_enterprise):
    other = EnterpriseFactory()
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=xunwu_enterprise)
    client.force_login(user)
    data = {
        "name": "改名后的企业",
        "credit_code": xunwu_enterprise.credit_code,
        "division": xunwu_enterprise.division_id,
        "industry": "food",
        "address": "新地址",
        "contact_name": "李四",
        "contact_phone": "0797-2822222",
    }
    response = client.post(reverse("enterprises:edit"), data)
    assert response.status_code == 302
    xunwu_enterprise.refresh_from_db()
    other.refresh_from_db()
    assert xunwu_enterprise.name == "改名后的企业"
    assert other.name != "改名后的企业"


def test_enterprise_edit_to_a_taken_credit_code_is_refused(client, xunwu_enterprise):
    other = EnterpriseFactory()
    user = user_with_role(Role.ENTERPRISE_USER, enterprise=xunwu_enterprise)
    client.force_login(user)
    original = xunwu_enterprise.credit_code
    data = {
        "name": xunwu_enterprise.name,
        "credit_code": other.credit_code,
        "division": xunwu_enterprise.division_id,
        "industry": "agriculture",
        "address": "地址",
        "contact_name": "李四",
        "contact_phone": "13800000000",
    }
    response = client.post(reverse("enterprises:edit"), data)
    assert response.status_code == 200
    assert "该统一社会信用代码已被注册" in response.content.decode()
    xunwu_enterprise.refresh_from_db()
    assert xunwu_enterprise.credit_code == original


def test_enterprise_pages_require_login(client):
    response = client.get(reverse("enterprises:profile"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
