import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import EnterpriseFactory, county, user_with_role

pytestmark = pytest.mark.django_db


def test_admin_site_header_is_chinese(client):
    admin = user_with_role(Role.PROVINCIAL_ADMIN)
    client.force_login(admin)
    html = client.get(reverse("admin:index")).content.decode()
    assert "江西绿色生态品牌认证管理" in html


def test_admin_enterprise_search_and_filter_for_provincial_admin(client):
    EnterpriseFactory(name="寻乌富硒果业")
    EnterpriseFactory(name="瑞金脐橙", division=county("360781"))
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    url = reverse("admin:enterprises_enterprise_changelist")
    html = client.get(url, {"q": "富硒"}).content.decode()
    assert "寻乌富硒果业" in html
    assert "瑞金脐橙" not in html
    html = client.get(url, {"industry__exact": "agriculture"}).content.decode()
    assert "寻乌富硒果业" in html and "瑞金脐橙" in html


def test_admin_supervisor_may_view_but_not_change_enterprises(client):
    enterprise = EnterpriseFactory()
    client.force_login(user_with_role(Role.SUPERVISOR))
    change_url = reverse("admin:enterprises_enterprise_change", args=[enterprise.pk])
    response = client.get(change_url)
    assert response.status_code == 200
    response = client.post(change_url, {"name": "被篡改"})
    assert response.status_code == 403
    enterprise.refresh_from_db()
    assert enterprise.name != "被篡改"


def test_admin_reviewer_cannot_browse_enterprises(client):
    enterprise = EnterpriseFactory()
    client.force_login(user_with_role(Role.REVIEWER))
    changelist = client.get(reverse("admin:enterprises_enterprise_changelist"))
    assert changelist.status_code == 403
    change = client.get(reverse("admin:enterprises_enterprise_change", args=[enterprise.pk]))
    assert change.status_code in {302, 403, 404}


def test_admin_provincial_admin_manages_certification_bodies(client):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    response = client.post(
        reverse("admin:enterprises_certificationbody_add"),
        {
            "name": "新认证机构",
            "credit_code": "91360700MA35K8D43B",
            "approval_number": "CNCA-R-2026-100",
            "is_accredited": "on",
        },
    )
    assert response.status_code == 302
    from enterprises.models import CertificationBody

    assert CertificationBody.objects.filter(name="新认证机构").exists()


def test_admin_certification_body_bad_credit_code_is_refused(client):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    response = client.post(
        reverse("admin:enterprises_certificationbody_add"),
        {"name": "坏机构", "credit_code": "91360700MA35K8D43Z", "approval_number": "X-1"},
    )
    assert response.status_code == 200
    assert "不允许的字符" in response.content.decode()
