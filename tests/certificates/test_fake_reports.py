"""The public report form for suspected fakes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates.models import FakeReport
from tests.factories.certificates import issued_certificate
from tests.factories.certification import PNG_BYTES

pytestmark = pytest.mark.django_db


def _post(client, **fields):
    data = {
        "certificate_number": "JXGE-2026-360734-0042",
        "description": "某超市所售脐橙包装上印有该编号",
        "contact": "13900000000",
    }
    data.update(fields)
    return client.post(reverse("certificates:report"), data)


def test_fake_report_form_is_public(client):
    response = client.get(reverse("certificates:report"), {"number": "JXGE-2026-360734-0042"})
    assert response.status_code == 200
    assert "JXGE-2026-360734-0042" in response.content.decode()


def test_fake_report_stored_with_unknown_number(client):
    response = _post(client)
    assert response.status_code == 200
    assert "举报已收到" in response.content.decode()
    report = FakeReport.objects.get()
    assert report.certificate_number == "JXGE-2026-360734-0042"
    assert report.certificate is None
    assert not report.evidence


def test_fake_report_linked_to_existing_certificate_with_evidence(client, settings):
    certificate = issued_certificate()
    evidence = SimpleUploadedFile("photo.png", PNG_BYTES, content_type="image/png")
    _post(client, certificate_number=certificate.number.lower(), evidence=evidence)
    report = FakeReport.objects.get()
    assert report.certificate == certificate
    assert report.evidence_kind == "png"
    assert (settings.PRIVATE_MEDIA_ROOT / report.evidence.name).exists()
    assert "photo" not in report.evidence.name


def test_fake_report_rejects_evidence_by_content(client):
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = _post(client, evidence=fake)
    assert response.status_code == 400
    assert "文件类型不符" in response.content.decode()
    assert not FakeReport.objects.exists()


def test_fake_report_requires_description_and_contact(client):
    response = _post(client, description="", contact="")
    assert response.status_code == 400
    assert not FakeReport.objects.exists()
