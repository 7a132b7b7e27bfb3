"""Numbers stay unique and gap-free under concurrent issuing (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from certificates.models import Certificate, CertificateCounter
from certificates.services import certificate_issue
from tests.factories.certificates import certified_application

WORKERS = 6


def _race(calls):
    """Run the callables at the same moment on separate threads (separate connections)."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # collected and asserted by the test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def _issue(application_id):
    return lambda: certificate_issue(application_id=application_id)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issuing_numbers_unique_and_gap_free():
    applications = [certified_application() for _ in range(WORKERS)]
    outcomes = _race([_issue(a.pk) for a in applications])
    assert all(isinstance(o, Certificate) for o in outcomes), outcomes
    year = timezone.localdate().year
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert numbers == [f"JXGE-{year}-360734-{n:04d}" for n in range(1, WORKERS + 1)]
    assert CertificateCounter.objects.get(year=year, division_code="360734").last_sequence == 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issuing_of_one_application_gives_one_certificate():
    application = certified_application()
    outcomes = _race([_issue(application.pk) for _ in range(4)])
    assert all(isinstance(o, Certificate) for o in outcomes), outcomes
    assert len({o.number for o in outcomes}) == 1
    assert Certificate.objects.count() == 1
    assert CertificateCounter.objects.get().last_sequence == 1
    assert application.log_entries.filter(action="start_supervision").count() == 1
