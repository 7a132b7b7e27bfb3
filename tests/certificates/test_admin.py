"""The admin shows certificates and reports read-only, with links to the private files."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.roles import Role
from certificates.services import fake_report_create
from tests.factories import user_with_role
from tests.factories.certificates import issued_certificate
from tests.factories.certification import PNG_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    certificate = issued_certificate()
    evidence = SimpleUploadedFile("photo.png", PNG_BYTES, content_type="image/png")
    return fake_report_create(
        certificate_number=certificate.number,
        description="包装上的二维码打不开",
        contact="13900000000",
        evidence=evidence,
    )


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.PROVINCIAL_ADMIN])
def test_admin_pages_open_for_officials(client, report, role):
    client.force_login(user_with_role(role))
    certificate = report.certificate
    evidence_url = reverse("certificates:report_evidence", args=[report.pk])
    pages = {
        reverse("admin:certificates_certificate_changelist"): None,
        reverse("admin:certificates_certificate_change", args=[certificate.pk]): reverse(
            "certificates:download", args=[certificate.number]
        ),
        reverse("admin:certificates_fakereport_changelist"): None,
        reverse("admin:certificates_fakereport_change", args=[report.pk]): evidence_url,
    }
    for url, link in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        if link:
            assert link in response.content.decode()
    response = client.get(evidence_url)
    assert response.status_code == 200
    # Stored re-encoded: the same pixels, not necessarily the same bytes.
    served = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert served.tobytes() == Image.open(io.BytesIO(PNG_BYTES)).tobytes()


@pytest.mark.parametrize("role", [Role.ENTERPRISE_USER, Role.REVIEWER, Role.COUNTY_OFFICIAL])
def test_report_evidence_hidden_from_others(client, report, role):
    client.force_login(user_with_role(role))
    response = client.get(reverse("certificates:report_evidence", args=[report.pk]))
    assert response.status_code == 404
