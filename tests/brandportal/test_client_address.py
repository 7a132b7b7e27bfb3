"""The client's address: X-Forwarded-For counts only as far as TRUSTED_PROXY_COUNT says.

Every public rate limit is tried with a fresh X-Forwarded-For on each request, as an
attacker would send it: the header must not buy a fresh budget.
"""

import pytest
import yaml
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from brandportal.client_address import client_ip
from tests.brandportal.test_settings_env import BASE_DIR, read_settings, run_python

REQUESTS = 300
LIMIT = 5


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def _request(remote_addr="10.0.0.2", forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def _spoofed(index: int) -> str:
    return f"198.51.{index // 250}.{index % 250 + 1}"


def test_client_ip_without_trusted_proxy_ignores_forwarded_for(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("10.0.0.2", "203.0.113.9")) == "10.0.0.2"


def test_client_ip_behind_one_proxy_is_the_right_most_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = _request("10.0.0.2", "198.51.100.1, 192.0.2.1, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"


def test_client_ip_behind_two_proxies_skips_the_nearer_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = _request("10.0.0.2", "198.51.100.1, 203.0.113.9, 10.0.0.1")
    assert client_ip(request) == "203.0.113.9"


def test_client_ip_behind_proxy_without_header_is_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("10.0.0.2")) == "10.0.0.2"


def test_client_ip_behind_proxy_with_garbage_is_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("10.0.0.2", "198.51.100.1, not-an-address")) == "10.0.0.2"


def test_trusted_proxy_count_defaults_to_zero_and_sets_drf_num_proxies():
    values = read_settings("TRUSTED_PROXY_COUNT", "REST_FRAMEWORK")
    assert values["TRUSTED_PROXY_COUNT"] == 0
    assert values["REST_FRAMEWORK"]["NUM_PROXIES"] == 0


def test_trusted_proxy_count_from_environment_sets_drf_num_proxies():
    values = read_settings("TRUSTED_PROXY_COUNT", "REST_FRAMEWORK", TRUSTED_PROXY_COUNT="1")
    assert values["TRUSTED_PROXY_COUNT"] == 1
    assert values["REST_FRAMEWORK"]["NUM_PROXIES"] == 1


def test_trusted_proxy_count_negative_is_improperly_configured():
    result = run_python("import django; django.setup()", TRUSTED_PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be 0 or more" in result.stderr


def test_compose_web_trusts_the_one_proxy_in_front():
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))
    web = compose["services"]["web"]["environment"]
    assert web["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"
    assert web["DATABASE_URL"] == compose["services"]["worker"]["environment"]["DATABASE_URL"]


# --- every throttled endpoint, with a fresh X-Forwarded-For per request -----------------


def _verify_page(client, forwarded):
    return client.get("/verify/JXGE-NO-SUCH-NUMBER/", HTTP_X_FORWARDED_FOR=forwarded)


def _verify_api(client, forwarded):
    return client.get("/api/v1/certificates/JXGE-NO-SUCH-NUMBER/", HTTP_X_FORWARDED_FOR=forwarded)


def _fake_report(client, forwarded):
    return client.post(reverse("certificates:report"), {}, HTTP_X_FORWARDED_FOR=forwarded)


def _api_list(client, forwarded):
    return client.get("/api/v1/certified-products/", HTTP_X_FORWARDED_FOR=forwarded)


def _infringement_report(client, forwarded):
    return client.post(reverse("supervision:case_report"), {}, HTTP_X_FORWARDED_FOR=forwarded)


def _token(client, forwarded):
    data = {"username": f"{forwarded}@example.com", "password": "wrong"}
    return client.post("/api/v1/auth/token/", data, HTTP_X_FORWARDED_FOR=forwarded)


ENDPOINTS = {
    "certificate verify page": _verify_page,
    "certificate verify API": _verify_api,
    "fake certificate report": _fake_report,
    "API list": _api_list,
    "infringement report": _infringement_report,
    "API token": _token,
}


@pytest.fixture
def low_limits(settings):
    rate = f"{LIMIT}/hour"
    settings.CERTIFICATE_LOOKUP_RATE = rate
    settings.API_ANON_RATE = rate
    settings.INFRINGEMENT_REPORT_RATE = rate
    settings.API_TOKEN_RATE = rate


@pytest.mark.django_db
@pytest.mark.parametrize("send", ENDPOINTS.values(), ids=ENDPOINTS.keys())
def test_throttle_with_fresh_forwarded_for_each_request_is_429_after_the_limit(
    client, low_limits, send
):
    statuses = [send(client, _spoofed(index)).status_code for index in range(REQUESTS)]
    assert 429 not in statuses[:LIMIT]
    assert statuses[LIMIT:] == [429] * (REQUESTS - LIMIT)


@pytest.mark.django_db
@pytest.mark.parametrize("send", ENDPOINTS.values(), ids=ENDPOINTS.keys())
def test_throttle_behind_one_proxy_keys_on_the_right_most_address(
    client, low_limits, settings, send
):
    settings.TRUSTED_PROXY_COUNT = 1
    # Whatever the client writes left of it, the proxy appends the address it saw.
    statuses = [
        send(client, f"{_spoofed(index)}, 203.0.113.7").status_code for index in range(LIMIT + 5)
    ]
    assert 429 not in statuses[:LIMIT]
    assert statuses[LIMIT:] == [429] * 5
    # Another client behind the same proxy has a budget of its own.
    assert send(client, "198.51.100.1, 203.0.113.8").status_code != 429
