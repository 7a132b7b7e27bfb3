"""One error shape for every 4xx, throttling, the enterprise profile, the schema."""

import pytest
from django.core.management import call_command

from certificates.enums import CertificateStatus
from tests.factories import EnterpriseFactory
from tests.factories.directory import listed_certificate

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/certified-products/"


def assert_error_shape(response, status, code=None):
    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["message"]
    if code:
        assert error["code"] == code
    return error


def test_unknown_object_is_404_in_the_error_format(client):
    assert_error_shape(client.get(f"{LIST_URL}999999/"), 404, "not_found")


def test_write_method_is_405_in_the_error_format(client):
    assert_error_shape(client.delete(f"{LIST_URL}1/"), 405, "method_not_allowed")


def test_wrong_token_is_401_in_the_error_format(client):
    response = client.get(LIST_URL, HTTP_AUTHORIZATION="Token not-a-real-token")
    assert_error_shape(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_clients_are_throttled_with_retry_after(client, settings):
    settings.API_ANON_RATE = "3/min"
    for _ in range(3):
        assert client.get(LIST_URL).status_code == 200
    response = client.get(LIST_URL)
    error = assert_error_shape(response, 429, "throttled")
    assert int(response["Retry-After"]) >= 1
    assert error["message"] == f"请求过于频繁，请 {response['Retry-After']} 秒后再试。"


def test_authenticated_clients_have_their_own_budget(client, settings):
    from accounts.roles import Role
    from accounts.services import api_token_issue
    from tests.factories import user_with_role

    settings.API_ANON_RATE = "1/min"
    settings.API_USER_RATE = "2/min"
    token = api_token_issue(user=user_with_role(Role.ENTERPRISE_USER))
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert client.get(LIST_URL).status_code == 200
    assert client.get(LIST_URL).status_code == 429
    assert client.get(LIST_URL, **headers).status_code == 200
    assert client.get(LIST_URL, **headers).status_code == 200
    assert client.get(LIST_URL, **headers).status_code == 429


def test_enterprise_profile_shows_public_facts_and_products(client):
    enterprise = EnterpriseFactory(contact_name="李四", contact_phone="13912345678")
    valid = listed_certificate(product__enterprise=enterprise)
    revoked = listed_certificate(product__enterprise=enterprise, status=CertificateStatus.REVOKED)
    response = client.get(f"/api/v1/enterprises/{enterprise.credit_code.lower()}/")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == enterprise.name and body["county"]["code"] == "360734"
    statuses = {item["number"]: item["status"] for item in body["certified_products"]}
    assert statuses == {valid.number: "valid", revoked.number: "revoked"}
    text = response.content.decode()
    assert "李四" not in text and "13912345678" not in text and enterprise.address not in text


def test_enterprise_without_certificate_has_no_profile(client):
    enterprise = EnterpriseFactory()
    assert_error_shape(client.get(f"/api/v1/enterprises/{enterprise.credit_code}/"), 404)


def _schema(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )


def test_schema_passes_openapi_spec_validator(client):
    from openapi_spec_validator import validate

    validate(_schema(client))


def test_schema_describes_endpoints_filters_and_errors(client):
    paths = _schema(client)["paths"]
    listing = paths["/api/v1/certified-products/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert {
        "q",
        "county",
        "category",
        "standard",
        "certification_body",
        "status",
        "updated_since",
        "cursor",
        "page_size",
    } <= names
    assert {"200", "304", "400", "429"} <= set(listing["responses"])
    assert "/api/v1/enterprises/{credit_code}/" in paths
    assert "/api/v1/certified-products/{id}/" in paths
    assert _schema(client)["components"]["schemas"]["Error"]
