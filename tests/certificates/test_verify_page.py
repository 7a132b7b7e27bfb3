"""The public verification page: each status, signatures, unknown numbers, the limit."""

import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.signing import sign_number
from certification.enums import Action
from tests.factories.certificates import issued_certificate
from tests.factories.certification import advance

pytestmark = pytest.mark.django_db


def _verify(client, certificate_or_number, remote_addr="127.0.0.1", **params):
    number = getattr(certificate_or_number, "number", certificate_or_number)
    url = reverse("certificates:verify", args=[number])
    return client.get(url, params, REMOTE_ADDR=remote_addr)


def test_verify_page_valid_certificate_shows_facts_in_green(client):
    certificate = issued_certificate()
    response = _verify(client, certificate)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="cert-status status-valid" data-status="valid">有效<' in html
    for fact in (
        certificate.number,
        certificate.enterprise_name,
        certificate.credit_code,
        certificate.product_name,
        certificate.scope,
        certificate.site_address,
        certificate.standard_code,
        certificate.standard_title,
        certificate.body_name,
    ):
        assert fact in html
    assert "截至" in html
    assert "举报疑似假冒" in html
    assert 'data-signature="absent"' in html


def test_verify_page_needs_no_login(client):
    certificate = issued_certificate()
    assert not client.session.get("_auth_user_id")
    assert _verify(client, certificate).status_code == 200


@pytest.mark.parametrize(
    ("actions", "status", "label", "reason"),
    [
        ((Action.SUSPEND,), "suspended", "暂停", "抽检不合格"),
        ((Action.SUSPEND, Action.REVOKE), "revoked", "撤销", "抽检不合格"),
    ],
)
def test_verify_page_sanctioned_certificate_shows_date_and_reason(
    client, actions, status, label, reason
):
    certificate = issued_certificate()
    advance(certificate.application, *actions, comment=reason)
    certificate.refresh_from_db()
    html = _verify(client, certificate).content.decode()
    assert f'data-status="{status}">{label}<' in html
    assert f"原因：{reason}" in html
    assert f"{certificate.status_changed_at:%Y}年" in html
    assert ("暂停日期" if status == "suspended" else "撤销日期") in html


def test_verify_page_expired_certificate_shows_grey_without_reason(client):
    certificate = issued_certificate()
    advance(certificate.application, Action.EXPIRE, comment="证书有效期已届满。")
    html = _verify(client, certificate).content.decode()
    assert 'data-status="expired">过期<' in html
    assert "原因：" not in html


def test_verify_page_signed_qr_is_confirmed(client):
    certificate = issued_certificate()
    html = _verify(client, certificate, s=sign_number(certificate.number)).content.decode()
    assert 'data-signature="valid"' in html
    assert "二维码签名有效" in html


def test_verify_page_forged_qr_is_exposed(client):
    certificate = issued_certificate()
    other = issued_certificate()
    # A real signature, copied onto another number: the number was altered.
    response = _verify(client, other, s=sign_number(certificate.number))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-signature="invalid"' in html
    assert "二维码签名无效" in html
    made_up = _verify(client, certificate, s="AAAAAAAAAAAAAAAAAAAAAA").content.decode()
    assert 'data-signature="invalid"' in made_up


def test_verify_page_unknown_number_is_404_saying_so(client):
    issued_certificate()
    for number in ("JXGE-2026-360734-9999", "nonsense", "JXGE-2026-360734-0001-x"):
        response = _verify(client, number)
        assert response.status_code == 404
        assert "未查到该证书" in response.content.decode()
        assert "举报疑似假冒" in response.content.decode()


def test_verify_page_number_is_case_insensitive(client):
    certificate = issued_certificate()
    assert _verify(client, certificate.number.lower()).status_code == 200


def test_verify_page_counts_each_lookup(client):
    certificate = issued_certificate()
    for _ in range(3):
        _verify(client, certificate)
    certificate.refresh_from_db()
    assert certificate.lookup_count == 3
    assert certificate.last_looked_up_at is not None


def test_verify_page_rate_limited_per_ip_with_chinese_429(client, settings):
    settings.CERTIFICATE_LOOKUP_RATE = "4/min"
    certificate = issued_certificate()
    statuses = [_verify(client, certificate).status_code for _ in range(3)]
    statuses.append(_verify(client, "JXGE-2026-360734-9999").status_code)
    limited = _verify(client, certificate)
    assert statuses == [200, 200, 200, 404]
    assert limited.status_code == 429
    assert "查询过于频繁" in limited.content.decode()
    assert int(limited["Retry-After"]) > 0
    # Another address has its own budget; refused look-ups are not counted.
    assert _verify(client, certificate, remote_addr="203.0.113.9").status_code == 200
    assert Certificate.objects.get(pk=certificate.pk).lookup_count == 4


def test_verify_search_redirects_to_the_number(client):
    response = client.get(
        reverse("certificates:verify_search"), {"number": " jxge-2026-360734-0001 "}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:verify", args=["JXGE-2026-360734-0001"])
    assert client.get(reverse("certificates:verify_search")).status_code == 200
