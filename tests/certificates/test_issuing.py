"""Issuing: the number, the snapshot, validity, supervision, and idempotency."""

import datetime
import re

import pytest
from django.utils import timezone

from certificates.enums import CertificateStatus
from certificates.models import Certificate, CertificateCounter
from certificates.services import certificate_issue, valid_until
from certification.enums import Action, ApplicationState
from certification.models import TransitionLog
from certification.tasks import issue_certificate
from tests.factories import EnterpriseFactory, county
from tests.factories.certificates import certified_application, issued_certificate
from tests.factories.certification import ApplicationFactory, ProductFactory, advance

pytestmark = pytest.mark.django_db


def test_issue_certificate_numbers_by_year_and_division():
    certificate = issued_certificate()
    year = timezone.localdate().year
    assert certificate.number == f"JXGE-{year}-360734-0001"
    assert re.fullmatch(r"JXGE-\d{4}-\d{6}-\d{4}", certificate.number)


def test_issue_certificate_sequence_continues_per_division():
    first = issued_certificate()
    second = issued_certificate()
    other_county = EnterpriseFactory(division=county("360781"))
    third = issued_certificate(product=ProductFactory(enterprise=other_county))
    year = timezone.localdate().year
    assert first.number.endswith("360734-0001")
    assert second.number.endswith("360734-0002")
    assert third.number == f"JXGE-{year}-360781-0001"
    assert CertificateCounter.objects.get(year=year, division_code="360734").last_sequence == 2


def test_issue_certificate_snapshots_what_it_states():
    application = certified_application()
    certificate = issued_certificate(application)
    assert certificate.enterprise_name == application.enterprise.name
    assert certificate.credit_code == application.enterprise.credit_code
    assert certificate.product_name == application.product.name
    assert certificate.standard_code == application.standard.code
    assert certificate.standard_title == application.standard.title
    assert certificate.body_name == application.certification_body.name
    assert certificate.issued_on == timezone.localdate()
    assert certificate.status == CertificateStatus.VALID


def test_issue_certificate_snapshot_survives_later_edits():
    certificate = issued_certificate()
    enterprise = certificate.application.enterprise
    enterprise.name = "改名后的企业有限公司"
    enterprise.save()
    certificate.application.product.name = "改名后的产品"
    certificate.application.product.save()
    certificate.refresh_from_db()
    assert certificate.enterprise_name != "改名后的企业有限公司"
    assert certificate.product_name != "改名后的产品"


def test_issue_certificate_valid_three_years_by_default():
    certificate = issued_certificate()
    assert certificate.valid_until == valid_until(certificate.issued_on)
    assert valid_until(datetime.date(2026, 11, 23)) == datetime.date(2029, 11, 22)
    assert valid_until(datetime.date(2028, 2, 29)) == datetime.date(2031, 2, 27)


def test_issue_certificate_moves_application_to_supervised():
    certificate = issued_certificate()
    application = certificate.application
    application.refresh_from_db()
    assert application.state == ApplicationState.SUPERVISED
    entry = application.log_entries.get(action=Action.START_SUPERVISION)
    assert entry.actor is None
    assert certificate.number in entry.comment


def test_issue_certificate_stores_pdf_in_private_storage(settings):
    certificate = issued_certificate()
    assert (
        certificate.pdf.name == f"certificates/{certificate.issued_on:%Y}/{certificate.number}.pdf"
    )
    path = settings.PRIVATE_MEDIA_ROOT / certificate.pdf.name
    assert path.read_bytes().startswith(b"%PDF-")


def test_issue_certificate_task_twice_changes_nothing():
    application = certified_application()
    first = issue_certificate.delay(application.pk).get()
    certificate = Certificate.objects.get(application=application)
    pdf_name = certificate.pdf.name
    log_count = TransitionLog.objects.filter(application=application).count()

    second = issue_certificate.delay(application.pk).get()

    assert first == second == certificate.number
    assert Certificate.objects.filter(application=application).count() == 1
    certificate.refresh_from_db()
    assert certificate.pdf.name == pdf_name
    assert TransitionLog.objects.filter(application=application).count() == log_count
    counter = CertificateCounter.objects.get(division_code="360734")
    assert counter.last_sequence == 1


def test_issue_certificate_finishes_a_run_interrupted_before_the_pdf():
    application = certified_application()
    # A first run stored the certificate, then died before rendering.
    from certificates.services import _certificate_store

    stored = _certificate_store(application.pk)
    assert not stored.pdf
    certificate = certificate_issue(application_id=application.pk)
    assert certificate.pk == stored.pk
    assert certificate.pdf
    application.refresh_from_db()
    assert application.state == ApplicationState.SUPERVISED


def test_issue_certificate_nothing_for_uncertified_application():
    application = advance(ApplicationFactory(), Action.SUBMIT)
    assert issue_certificate.delay(application.pk).get() == "nothing to do"
    assert issue_certificate.delay(10**9).get() == "nothing to do"
    assert not Certificate.objects.exists()
    assert not CertificateCounter.objects.exists()


def test_certify_queues_the_issuing_task(django_capture_on_commit_callbacks):
    application = advance(ApplicationFactory(), Action.SUBMIT, Action.ACCEPT)
    with django_capture_on_commit_callbacks(execute=True):
        advance(application, Action.CERTIFY)
    certificate = Certificate.objects.get(application=application)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUPERVISED
    assert certificate.pdf


def test_issue_certificate_task_retries_transient_errors_with_backoff():
    from django.db import OperationalError

    assert OperationalError in issue_certificate.autoretry_for
    assert ConnectionError in issue_certificate.autoretry_for
    assert issue_certificate.retry_backoff
    assert issue_certificate.max_retries >= 5
