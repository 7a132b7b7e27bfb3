"""The enterprise's application page leads to its certificate once issued."""

import pytest
from django.urls import reverse

from tests.factories.certificates import issued_certificate
from tests.factories.certification import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_application_page_shows_the_issued_certificate(client):
    certificate = issued_certificate()
    application = certificate.application
    client.force_login(application.created_by)
    html = client.get(reverse("certification:application_detail", args=[application.pk])).content
    html = html.decode()
    assert certificate.number in html
    assert reverse("certificates:download", args=[certificate.number]) in html
    assert reverse("certificates:verify", args=[certificate.number]) in html


def test_application_page_without_certificate_shows_no_certificate_block(client):
    application = ApplicationFactory()
    client.force_login(application.created_by)
    html = client.get(reverse("certification:application_detail", args=[application.pk]))
    assert "certificate-summary" not in html.content.decode()
