"""The header: public sections for everyone, one's own pages by role."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import Role
from tests.factories import county, user_with_role

pytestmark = pytest.mark.django_db

PUBLIC = ["认证产品", "标准", "证书查验", "监管公示", "侵权信息", "品牌动态"]


def _nav(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.context["public_nav_items"], response.context["nav_items"]


def test_navigation_anonymous_sees_public_sections_that_all_open(client):
    public, own = _nav(client)
    assert [str(label) for label, _url in public] == PUBLIC
    assert own == []
    for _label, url in public:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        (Role.ENTERPRISE_USER, ["我的申请", "我的证书"], ["试点县", "管理后台"]),
        (Role.COUNTY_OFFICIAL, ["试点县", "重点培育清单"], ["我的申请"]),
        (Role.REVIEWER, ["年度监督", "管理后台"], ["我的申请", "试点县"]),
        (Role.SUPERVISOR, ["年度监督", "管理后台"], ["我的申请"]),
        (Role.PROVINCIAL_ADMIN, ["试点县", "管理后台"], ["我的申请"]),
    ],
)
def test_navigation_by_role(client, role, present, absent):
    call_command("load_pilot_data", verbosity=0)
    user = user_with_role(role)
    client.force_login(user)
    _public, own = _nav(client)
    labels = [str(label) for label, _url in own]
    for label in present:
        assert label in labels
    for label in absent:
        assert label not in labels
    for _label, url in own:
        assert client.get(url).status_code in {200, 302}, url


def test_navigation_county_official_of_a_non_pilot_county_has_no_pilot_dashboard(client):
    call_command("load_pilot_data", verbosity=0)
    user = user_with_role(Role.COUNTY_OFFICIAL, county=county("360781"))
    client.force_login(user)
    _public, own = _nav(client)
    assert "试点县" not in [str(label) for label, _url in own]
