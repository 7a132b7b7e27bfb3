import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.roles import Role
from accounts.services import confirmation_url
from enterprises.models import Enterprise
from tests.factories import EnterpriseFactory, UserFactory, county

pytestmark = pytest.mark.django_db

PASSWORD = "Lvse-shengtai-2026"


def _register(client, email="new@example.com", **overrides):
    data = {
        "email": email,
        "full_name": "王企业",
        "phone": "13800000001",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post(reverse("accounts:register"), data)


def _enterprise_data(**overrides):
    return {
        "name": "寻乌县新注册果业有限公司",
        "credit_code": "91360734MA39TC8P6H",
        "division": county().pk,
        "industry": "agriculture",
        "address": "江西省赣州市寻乌县长宁镇1号",
        "contact_name": "王企业",
        "contact_phone": "13800000001",
        **overrides,
    }


def _confirmation_link(message) -> str:
    return re.search(r"https?://\S+/accounts/confirm/\S+/", message.body).group(0)


def test_registration_confirm_and_create_enterprise_end_to_end(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client)
    assert response.status_code == 302
    user = User.objects.get(email="new@example.com")
    assert user.has_role(Role.ENTERPRISE_USER)
    assert not user.email_verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "【江西绿色生态】请确认您的电子邮箱"

    # Before confirmation the enterprise form is refused.
    response = client.post(reverse("enterprises:create"), _enterprise_data())
    assert response.status_code == 403
    assert not Enterprise.objects.exists()

    link = _confirmation_link(mail.outbox[0])
    response = client.get(link)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified

    response = client.post(reverse("enterprises:create"), _enterprise_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("enterprises:profile")
    user.refresh_from_db()
    assert user.enterprise.credit_code == "91360734MA39TC8P6H"

    page = client.get(reverse("enterprises:profile"))
    assert "寻乌县新注册果业有限公司" in page.content.decode()


def test_registration_duplicate_email_is_refused_without_second_user(client):
    UserFactory(email="taken@example.com")
    response = _register(client, email="Taken@Example.com")
    assert response.status_code == 200
    assert "该电子邮箱已被注册" in response.content.decode()
    assert User.objects.filter(email__iexact="taken@example.com").count() == 1
    assert mail.outbox == []


def test_registration_password_mismatch_is_a_field_error(client):
    response = _register(client, password2="something-else-77")
    assert "两次输入的密码不一致" in response.content.decode()
    assert not User.objects.filter(email="new@example.com").exists()


def test_confirmation_with_bad_token_is_refused(client):
    user = UserFactory(email_verified_at=None)
    url = reverse("accounts:confirm_email", kwargs={"uidb64": "MQ", "token": "bad-token"})
    response = client.get(url)
    assert response.status_code == 400
    assert "确认链接无效" in response.content.decode()
    user.refresh_from_db()
    assert not user.email_verified


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91360734MA39TC8P6", "统一社会信用代码应为18位，当前为17位"),
        ("91360734MA39TC8PIH", "不允许的字符：I"),
        ("91360734MA39TC8P6A", "第18位应为H，而不是A"),
    ],
)
def test_enterprise_create_bad_credit_code_is_a_chinese_field_error(client, code, message):
    user = UserFactory()
    user.add_role(Role.ENTERPRISE_USER)
    client.force_login(user)
    response = client.post(reverse("enterprises:create"), _enterprise_data(credit_code=code))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="id_credit_code_errors"' in html
    assert not Enterprise.objects.exists()


def test_enterprise_create_duplicate_credit_code_is_refused(client):
    EnterpriseFactory(credit_code="91360734MA39TC8P6H")
    user = UserFactory()
    user.add_role(Role.ENTERPRISE_USER)
    client.force_login(user)
    response = client.post(reverse("enterprises:create"), _enterprise_data())
    assert response.status_code == 200
    assert "该统一社会信用代码已被注册" in response.content.decode()
    assert Enterprise.objects.count() == 1
    user.refresh_from_db()
    assert user.enterprise is None


def test_enterprise_create_twice_keeps_one_enterprise(client):
    user = UserFactory()
    user.add_role(Role.ENTERPRISE_USER)
    client.force_login(user)
    client.post(reverse("enterprises:create"), _enterprise_data())
    response = client.post(
        reverse("enterprises:create"), _enterprise_data(credit_code="91360734MA35G1XK0T")
    )
    assert response.status_code == 302
    assert Enterprise.objects.count() == 1


def _confirm_with_bad_token(client, uidb64: str):
    url = reverse("accounts:confirm_email", kwargs={"uidb64": uidb64, "token": "bad-token"})
    response = client.get(url)
    # The page may echo its own address and a CSRF token; the rest must be the same.
    body = response.content.decode().replace(uidb64, "UID")
    body = re.sub(r'value="[^"]*"', 'value=""', body)
    return response.status_code, response.get("Location"), body


def test_confirmation_with_bad_token_answers_alike_for_unknown_verified_and_unverified(client):
    def uid(pk):
        return urlsafe_base64_encode(force_bytes(pk))

    verified = UserFactory()
    unverified = UserFactory(email_verified_at=None)
    unknown_pk = max(verified.pk, unverified.pk) + 1000
    answers = {
        "unknown": _confirm_with_bad_token(client, uid(unknown_pk)),
        "verified": _confirm_with_bad_token(client, uid(verified.pk)),
        "unverified": _confirm_with_bad_token(client, uid(unverified.pk)),
    }
    assert answers["unknown"][0] == 400
    assert answers["verified"] == answers["unknown"]
    assert answers["unverified"] == answers["unknown"]


def test_confirmation_link_used_twice_shows_the_owner_it_is_done(client):
    user = UserFactory(email_verified_at=None)
    link = confirmation_url(user)
    assert client.get(link).status_code == 302
    assert client.get(link).status_code == 400  # a stranger learns nothing
    client.force_login(user)
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
