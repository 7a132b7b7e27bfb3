"""A payout is owed once even when the reward task runs several times at once
(PostgreSQL: real concurrent transactions, one connection per thread)."""

import threading

import pytest
from django.db import connection

from pilots.loading import load_pilot_data
from pilots.models import RewardPayout
from pilots.rewards import payout_for_first_certificate, payout_for_published_standard
from standards.enums import StandardState
from tests.factories import EnterpriseFactory, county, publishable_standard
from tests.factories.certificates import certified_application, issued_certificate
from tests.factories.certification import ProductFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
RUNS = 8


def _run_at_once(function, **kwargs) -> list:
    """Call function(**kwargs) from RUNS threads released together; their results."""
    barrier = threading.Barrier(RUNS)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            payout = function(**kwargs)
            results.append(payout.pk if payout else None)
        except Exception as error:  # reported below, with the test's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_concurrent_runs_for_one_certificate_create_one_payout():
    load_pilot_data()
    enterprise = EnterpriseFactory(division=county("360734"))
    application = certified_application(product=ProductFactory(enterprise=enterprise))
    certificate = issued_certificate(application)
    # Issuing committed, so its reward task already ran eagerly: start again from none.
    RewardPayout.objects.all().delete()

    results = _run_at_once(payout_for_first_certificate, certificate_id=certificate.pk)
    assert len(results) == RUNS
    assert len(set(results)) == 1 and results[0] is not None
    assert RewardPayout.objects.filter(enterprise=enterprise).count() == 1


def test_concurrent_runs_for_one_standard_create_one_payout():
    load_pilot_data()
    standard = publishable_standard(
        state=StandardState.PUBLISHED, proposing_county=county("360734")
    )
    results = _run_at_once(payout_for_published_standard, standard_id=standard.pk)
    assert len(set(results)) == 1 and results[0] is not None
    assert RewardPayout.objects.filter(standard=standard).count() == 1
