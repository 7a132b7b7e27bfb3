"""GET /api/v1/certificates/<number>/: public facts, live status, signature check."""

import pytest

from certificates.signing import sign_number
from certification.enums import Action
from tests.factories.certificates import issued_certificate
from tests.factories.certification import advance

pytestmark = pytest.mark.django_db


def _get(client, number, **params):
    return client.get(f"/api/v1/certificates/{number}/", params)


def test_certificate_api_valid_certificate_facts(client):
    certificate = issued_certificate()
    response = _get(client, certificate.number)
    assert response.status_code == 200
    data = response.json()
    assert data["number"] == certificate.number
    assert data["status"] == "valid"
    assert data["status_display"] == "有效"
    assert data["enterprise_name"] == certificate.enterprise_name
    assert data["credit_code"] == certificate.credit_code
    assert data["product_name"] == certificate.product_name
    assert (data["scope"], data["site_address"]) == (certificate.scope, certificate.site_address)
    assert data["standard_code"] == certificate.standard_code
    assert data["standard_title"] == certificate.standard_title
    assert data["body_name"] == certificate.body_name
    assert data["issued_on"] == certificate.issued_on.isoformat()
    assert data["valid_until"] == certificate.valid_until.isoformat()
    assert data["status_reason"] is None
    assert data["signature"] == "absent"
    assert data["as_of"]
    assert data["verify_url"].endswith(f"/verify/{certificate.number}/")


@pytest.mark.parametrize(
    ("actions", "status", "display"),
    [
        ((Action.SUSPEND,), "suspended", "暂停"),
        ((Action.SUSPEND, Action.REVOKE), "revoked", "撤销"),
        ((Action.EXPIRE,), "expired", "过期"),
    ],
)
def test_certificate_api_each_status(client, actions, status, display):
    certificate = issued_certificate()
    advance(certificate.application, *actions, comment="监督抽查不合格")
    data = _get(client, certificate.number).json()
    assert data["status"] == status
    assert data["status_display"] == display
    assert data["status_changed_on"]
    if status == "expired":
        assert data["status_reason"] is None
    else:
        assert data["status_reason"] == "监督抽查不合格"


def test_certificate_api_signature_valid_and_forged(client):
    certificate = issued_certificate()
    other = issued_certificate()
    good = _get(client, certificate.number, s=sign_number(certificate.number)).json()
    forged = _get(client, other.number, s=sign_number(certificate.number)).json()
    assert good["signature"] == "valid"
    assert forged["signature"] == "invalid"


def test_certificate_api_unknown_number_is_404_in_the_error_shape(client):
    response = _get(client, "JXGE-2026-360734-9999")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "未查到该证书", "fields": {}}
    }


def test_certificate_api_has_no_list(client):
    assert client.get("/api/v1/certificates/").status_code == 404


def test_certificate_api_throttled_and_counted(client, settings):
    settings.CERTIFICATE_LOOKUP_RATE = "2/min"
    certificate = issued_certificate()
    assert _get(client, certificate.number).status_code == 200
    assert _get(client, certificate.number).status_code == 200
    limited = _get(client, certificate.number)
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "throttled"
    assert "频繁" in limited.json()["error"]["message"]  # Chinese, whatever the wording
    assert int(limited["Retry-After"]) > 0
    certificate.refresh_from_db()
    assert certificate.lookup_count == 2


def test_certificate_api_and_page_share_one_budget(client, settings):
    settings.CERTIFICATE_LOOKUP_RATE = "2/min"
    certificate = issued_certificate()
    assert client.get(f"/verify/{certificate.number}/").status_code == 200
    assert _get(client, certificate.number).status_code == 200
    assert client.get(f"/verify/{certificate.number}/").status_code == 429


def test_certificate_api_in_the_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/certificates/{number}/" in schema["paths"]
