"""Pages outside the admin: the surveillance list and the enterprise's citation form."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from certificates.enums import CertificateStatus
from certificates.models import Certificate
from supervision.models import RecognisedCertificateCitation
from supervision.surveillance import anniversary
from tests.factories import user_with_role
from tests.factories.certificates import issued_certificate
from tests.factories.certification import ApplicationFactory, pdf_upload, reviewer_for
from tests.factories.supervision import brand, inspector

pytestmark = pytest.mark.django_db


def due_in(certificate, days):
    """Move the certificate's issue date so that its first audit falls due in `days`."""
    today = datetime.date.today()
    issued = anniversary(today + datetime.timedelta(days=days), -1)
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=issued, valid_until=anniversary(issued, 3) - datetime.timedelta(days=1)
    )


def test_surveillance_page_lists_due_audit_for_reviewer_and_enterprise(client):
    certificate = issued_certificate()
    due_in(certificate, 20)
    for user in (reviewer_for(certificate.application), certificate.application.created_by):
        client.force_login(user)
        page = client.get(reverse("supervision:surveillance_due")).content.decode()
        assert certificate.number in page and "天后到期" in page


def test_surveillance_page_needs_login(client):
    response = client.get(reverse("supervision:surveillance_due"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_surveillance_page_supervisor_suspends_an_overdue_certificate(client):
    certificate = issued_certificate()
    due_in(certificate, -3)
    client.force_login(inspector())
    page = client.get(reverse("supervision:surveillance_due")).content.decode()
    assert "已逾期" in page
    client.post(
        reverse("supervision:surveillance_suspend", args=[certificate.number]),
        {"reason": "逾期三天未接受监督审核"},
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUSPENDED
    assert "逾期三天未接受监督审核" in certificate.status_reason


def test_surveillance_suspend_by_enterprise_user_is_404(client):
    certificate = issued_certificate()
    due_in(certificate, -3)
    client.force_login(certificate.application.created_by)
    response = client.post(reverse("supervision:surveillance_suspend", args=[certificate.number]))
    assert response.status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


def test_citation_form_enterprise_cites_a_recognised_certificate(client):
    application = ApplicationFactory()
    client.force_login(application.created_by)
    url = reverse("supervision:citation_add", args=[application.pk])
    response = client.post(
        url,
        {
            "brand": brand("圳品").pk,
            "number": "SZ-2026-0001",
            "valid_until": "2028-12-31",
            "file": pdf_upload(),
        },
    )
    assert response.status_code == 302
    citation = RecognisedCertificateCitation.objects.get()
    assert citation.application == application and not citation.verified
    assert citation.file_kind == "pdf"


def test_citation_form_wrong_file_type_is_a_field_error(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = ApplicationFactory()
    client.force_login(application.created_by)
    response = client.post(
        reverse("supervision:citation_add", args=[application.pk]),
        {
            "brand": brand().pk,
            "number": "SZ-1",
            "valid_until": "2028-12-31",
            "file": SimpleUploadedFile("c.pdf", b"nope"),
        },
    )
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert not RecognisedCertificateCitation.objects.exists()


@pytest.mark.parametrize("who", ["other_enterprise", "reviewer", "anonymous"])
def test_citation_form_is_closed_to(client, who):
    application = ApplicationFactory()
    if who == "other_enterprise":
        client.force_login(user_with_role(Role.ENTERPRISE_USER))
    elif who == "reviewer":
        client.force_login(reviewer_for(application))
    response = client.get(reverse("supervision:citation_add", args=[application.pk]))
    assert response.status_code in (302, 404)
    assert response.status_code == 404 or "login" in response["Location"]
