import pytest
from django.utils import translation

from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db


def test_certificate_rendered_in_chinese_whatever_the_active_language():
    from certificates.rendering import certificate_html

    with translation.override("en"):
        certificate = issued_certificate()
        html = certificate_html(certificate)
        entry = certificate.application.log_entries.last()
    assert "证书编号" in html and "有效期至" in html
    assert "Certificate number" not in html
    assert entry.comment == f"证书 {certificate.number} 已颁发。"
