"""The PDF goes to the owner enterprise and officials; anyone else gets a 404."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from certificates.models import Certificate
from tests.factories import user_with_role
from tests.factories.certificates import issued_certificate
from tests.factories.certification import reviewer_for

pytestmark = pytest.mark.django_db


def _people(certificate):
    application = certificate.application
    conflicted = reviewer_for(application)
    conflicted.conflicts.create(enterprise=application.enterprise, reason="亲属任职")
    return {
        "owner": (application.created_by, 200),
        "colleague": (user_with_role(Role.ENTERPRISE_USER, enterprise=application.enterprise), 200),
        "other_enterprise": (user_with_role(Role.ENTERPRISE_USER), 404),
        "assigned_reviewer": (reviewer_for(application), 200),
        "conflicted_reviewer": (conflicted, 404),
        "other_body_reviewer": (user_with_role(Role.REVIEWER), 404),
        "supervisor": (user_with_role(Role.SUPERVISOR), 200),
        "provincial_admin": (user_with_role(Role.PROVINCIAL_ADMIN), 200),
        "county_official": (user_with_role(Role.COUNTY_OFFICIAL), 404),
    }


def test_certificate_download_permission_table(client):
    certificate = issued_certificate()
    url = reverse("certificates:download", args=[certificate.number])
    for name, (user, expected) in _people(certificate).items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected, name
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"
            assert f"{certificate.number}.pdf" in response["Content-Disposition"]
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
        client.logout()


def test_certificate_download_anonymous_is_sent_to_login(client):
    certificate = issued_certificate()
    response = client.get(reverse("certificates:download", args=[certificate.number]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_certificate_download_unknown_number_is_404(client):
    client.force_login(user_with_role(Role.SUPERVISOR))
    response = client.get(reverse("certificates:download", args=["JXGE-2026-360734-9999"]))
    assert response.status_code == 404


def test_certificate_download_renders_a_missing_pdf(client, settings):
    certificate = issued_certificate()
    (settings.PRIVATE_MEDIA_ROOT / certificate.pdf.name).unlink()
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    client.force_login(certificate.application.created_by)
    response = client.get(reverse("certificates:download", args=[certificate.number]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_verify_page_offers_download_only_to_those_allowed(client):
    certificate = issued_certificate()
    url = reverse("certificates:verify", args=[certificate.number])
    link = reverse("certificates:download", args=[certificate.number])
    assert link not in client.get(url).content.decode()
    client.force_login(user_with_role(Role.ENTERPRISE_USER))
    assert link not in client.get(url).content.decode()
    client.force_login(certificate.application.created_by)
    assert link in client.get(url).content.decode()
