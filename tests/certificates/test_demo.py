import pytest
from django.core.management import call_command

from certificates.enums import CertificateStatus
from certificates.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _development_mode(settings):
    settings.DEBUG = True  # demo data is for development mode


def test_seed_demo_issues_a_valid_and_a_suspended_certificate_once(client):
    call_command("seed_demo")
    statuses = dict(Certificate.objects.values_list("product_name", "status"))
    assert sorted(statuses.values()) == [CertificateStatus.SUSPENDED, CertificateStatus.VALID]
    before = sorted(Certificate.objects.values_list("number", "status", "pdf"))

    call_command("seed_demo")

    assert sorted(Certificate.objects.values_list("number", "status", "pdf")) == before
    for number, _status, _pdf in before:
        assert client.get(f"/verify/{number}/").status_code == 200
