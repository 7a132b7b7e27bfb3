"""Brute force: a few wrong passwords lock an account out from that address, for a while.

The web login, the admin login and the API token endpoint share the lockout; the
answer says in Chinese (English through the switch) how long to wait.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.roles import Role
from tests.brandportal.test_settings_env import read_settings, run_python
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-9"
LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
TOKEN = "/api/v1/auth/token/"
LIMIT = 5
WAIT_CHINESE = "登录失败次数过多，请 15 分钟后再试。"


@pytest.fixture(autouse=True)
def _lockout_settings(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.API_TOKEN_RATE = "100/min"  # the token throttle is tested on its own
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def enterprise_user():
    return user_with_role(Role.ENTERPRISE_USER)


def _post(client, url, email, password, address="10.1.1.1", **extra):
    data = {"username": email, "password": password}
    return client.post(url, data, REMOTE_ADDR=address, **extra)


def _fail(client, url, email, times, address="10.1.1.1"):
    return [_post(client, url, email, "wrong", address).status_code for _ in range(times)]


def test_web_login_wrong_passwords_lock_out_with_chinese_wait(client, enterprise_user):
    assert _fail(client, LOGIN, enterprise_user.email, LIMIT - 1) == [200] * (LIMIT - 1)
    response = _post(client, LOGIN, enterprise_user.email, "wrong")
    assert response.status_code == 429
    assert WAIT_CHINESE in response.content.decode()
    assert response["Retry-After"] == "900"
    # The right password does not help while locked out.
    response = _post(client, LOGIN, enterprise_user.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_web_login_lockout_page_in_english(client, enterprise_user):
    _fail(client, LOGIN, enterprise_user.email, LIMIT - 1)
    response = _post(client, LOGIN, enterprise_user.email, "wrong", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed logins: please try again in 15 minutes." in html
    assert WAIT_CHINESE not in html


def test_web_login_lockout_counts_the_account_case_insensitively(client, enterprise_user):
    variants = [enterprise_user.email.upper(), f" {enterprise_user.email.title()}"]
    for index in range(LIMIT):
        _post(client, LOGIN, variants[index % 2], "wrong")
    assert _post(client, LOGIN, enterprise_user.email, PASSWORD).status_code == 429


def test_web_login_lockout_ignores_a_fresh_forwarded_for(client, enterprise_user):
    for index in range(LIMIT):
        _post(
            client,
            LOGIN,
            enterprise_user.email,
            "wrong",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{index}",
        )
    response = _post(
        client, LOGIN, enterprise_user.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.1"
    )
    assert response.status_code == 429


def test_web_login_lockout_is_per_account_and_address(client, enterprise_user):
    other = UserFactory()
    assert _fail(client, LOGIN, enterprise_user.email, LIMIT)[-1] == 429
    assert _post(client, LOGIN, enterprise_user.email, PASSWORD).status_code == 429
    # The same account from elsewhere, and another account from here, still log in.
    assert _post(client, LOGIN, enterprise_user.email, PASSWORD, "10.2.2.2").status_code == 302
    client.logout()
    assert _post(client, LOGIN, other.email, PASSWORD).status_code == 302


def test_web_login_success_resets_the_failure_count(client, enterprise_user):
    _fail(client, LOGIN, enterprise_user.email, LIMIT - 1)
    assert _post(client, LOGIN, enterprise_user.email, PASSWORD).status_code == 302
    client.logout()
    assert _fail(client, LOGIN, enterprise_user.email, LIMIT - 1) == [200] * (LIMIT - 1)
    assert _post(client, LOGIN, enterprise_user.email, PASSWORD).status_code == 302
    client.logout()
    # The count starts afresh, and the limit still holds.
    assert _fail(client, LOGIN, enterprise_user.email, LIMIT) == [200] * (LIMIT - 1) + [429]


def test_admin_login_wrong_passwords_lock_out_with_chinese_wait(client):
    official = user_with_role(Role.PROVINCIAL_ADMIN)
    assert _fail(client, ADMIN_LOGIN, official.email, LIMIT - 1) == [200] * (LIMIT - 1)
    response = _post(client, ADMIN_LOGIN, official.email, PASSWORD)
    assert response.status_code == 302  # a right password before the limit logs in
    client.logout()
    _fail(client, ADMIN_LOGIN, official.email, LIMIT)
    response = _post(client, ADMIN_LOGIN, official.email, PASSWORD)
    assert response.status_code == 429
    assert WAIT_CHINESE in response.content.decode()
    assert response["Retry-After"] == "900"


def test_token_endpoint_wrong_passwords_lock_out_in_the_error_format(client, enterprise_user):
    assert _fail(client, TOKEN, enterprise_user.email, LIMIT - 1) == [400] * (LIMIT - 1)
    for password in ("wrong", PASSWORD):
        response = _post(client, TOKEN, enterprise_user.email, password)
        assert response.status_code == 429
        assert response.json() == {
            "error": {"code": "locked_out", "message": WAIT_CHINESE, "fields": {}}
        }
        assert response["Retry-After"] == "900"


def test_token_endpoint_lockout_in_english(client, enterprise_user):
    _fail(client, TOKEN, enterprise_user.email, LIMIT)
    response = _post(client, TOKEN, enterprise_user.email, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    message = response.json()["error"]["message"]
    assert message == "Too many failed logins: please try again in 15 minutes."


def test_token_endpoint_is_throttled_per_address(client, settings, enterprise_user):
    settings.API_TOKEN_RATE = "3/min"
    statuses = [
        _post(
            client,
            TOKEN,
            f"x{index}@example.com",
            "wrong",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{index}",
        ).status_code
        for index in range(5)
    ]
    assert statuses == [400, 400, 400, 429, 429]
    response = _post(client, TOKEN, enterprise_user.email, PASSWORD)
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    assert _post(client, TOKEN, enterprise_user.email, PASSWORD, "10.9.9.9").status_code == 200


def test_locked_out_enterprise_user_is_unlocked_in_the_admin(client, enterprise_user):
    _fail(client, LOGIN, enterprise_user.email, LIMIT)
    assert _post(client, LOGIN, enterprise_user.email, PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username=enterprise_user.email)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert enterprise_user.email in changelist.content.decode()
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    client.logout()
    assert _post(client, LOGIN, enterprise_user.email, PASSWORD).status_code == 302


def test_locked_out_user_is_unlocked_by_the_reset_command(client, enterprise_user):
    _fail(client, LOGIN, enterprise_user.email, LIMIT)
    assert _post(client, LOGIN, enterprise_user.email, PASSWORD).status_code == 429
    call_command("axes_reset_username", enterprise_user.email)
    assert _post(client, LOGIN, enterprise_user.email, PASSWORD).status_code == 302


def test_locked_out_user_is_unlocked_by_setting_a_new_password(client, enterprise_user):
    _fail(client, LOGIN, enterprise_user.email, LIMIT)
    uid = urlsafe_base64_encode(force_bytes(enterprise_user.pk))
    token = default_token_generator.make_token(enterprise_user)
    url = reverse("accounts:password_reset_confirm", args=[uid, token])
    form_url = client.get(url, REMOTE_ADDR="10.1.1.1")["Location"]
    new = {"new_password1": "brand-new-horse-7", "new_password2": "brand-new-horse-7"}
    response = client.post(form_url, new, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 302
    assert _post(client, LOGIN, enterprise_user.email, "brand-new-horse-7").status_code == 302


def test_web_login_lockout_behind_one_proxy_keys_on_the_right_most_address(
    client, settings, enterprise_user
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for index in range(LIMIT):
        spoofed = f"198.51.100.{index}, 203.0.113.7"
        _post(client, LOGIN, enterprise_user.email, "wrong", proxy, HTTP_X_FORWARDED_FOR=spoofed)
    locked = _post(
        client, LOGIN, enterprise_user.email, PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert locked.status_code == 429
    other_client = _post(
        client, LOGIN, enterprise_user.email, PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.8"
    )
    assert other_client.status_code == 302


def test_lockout_settings_come_from_the_environment():
    values = read_settings(
        "AXES_FAILURE_LIMIT",
        "AXES_COOLOFF_TIME",
        "API_TOKEN_RATE",
        LOGIN_FAILURE_LIMIT="3",
        LOGIN_LOCKOUT_MINUTES="30",
        API_TOKEN_RATE="5/min",
    )
    assert values == {
        "AXES_FAILURE_LIMIT": 3,
        "AXES_COOLOFF_TIME": "0:30:00",
        "API_TOKEN_RATE": "5/min",
    }


def test_lockout_settings_default_to_five_failures_and_fifteen_minutes():
    values = read_settings("AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME", "API_TOKEN_RATE")
    assert values == {
        "AXES_FAILURE_LIMIT": 5,
        "AXES_COOLOFF_TIME": "0:15:00",
        "API_TOKEN_RATE": "10/min",
    }


def test_lockout_settings_zero_minutes_is_improperly_configured():
    result = run_python("import django; django.setup()", LOGIN_LOCKOUT_MINUTES="0")
    assert result.returncode != 0
    assert "LOGIN_LOCKOUT_MINUTES must be 1 or more" in result.stderr


def test_token_endpoint_overlong_username_is_400_not_500(client):
    response = _post(client, TOKEN, "x" * 1000 + "@example.com", "wrong")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_web_login_overlong_username_is_a_form_error(client):
    assert _post(client, LOGIN, "x" * 1000 + "@example.com", "wrong").status_code == 200
