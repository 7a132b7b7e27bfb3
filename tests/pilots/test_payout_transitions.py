"""Reward payouts move through the core engine: FSM transitions, one log, no assignment."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from activity.models import LogEntry
from brandportal.errors import TransitionNotAllowed
from pilots.enums import PayoutState
from pilots.models import RewardPayout
from pilots.rewards import payout_approve, payout_pay, payout_reject
from pilots.tasks import reward_first_certificate
from tests.factories import EnterpriseFactory, county
from tests.factories.certificates import certified_application, issued_certificate
from tests.factories.certification import ProductFactory
from tests.factories.pilots import county_official

pytestmark = pytest.mark.django_db


@pytest.fixture
def payout(loaded):
    enterprise = EnterpriseFactory(division=county("360734"))
    application = certified_application(product=ProductFactory(enterprise=enterprise))
    certificate = issued_certificate(application)
    return RewardPayout.objects.get(pk=reward_first_certificate(certificate.pk))


def test_payout_state_cannot_be_assigned_directly(payout):
    with pytest.raises(AttributeError):
        payout.state = PayoutState.PAID


def test_payout_approve_pay_and_reject_are_logged_in_the_activity_log(payout):
    official = county_official()
    payout_approve(payout=payout, user=official)
    payout_pay(payout=payout, user=official, voucher_number="XC-1", paid_on=datetime.date.today())
    entries = LogEntry.objects.for_object(payout)
    assert [(e.action, e.from_state, e.to_state, e.actor) for e in entries] == [
        ("approve", "pending", "approved", official),
        ("pay", "approved", "paid", official),
    ]
    assert entries[1].get_to_state_display() == "已支付"


def test_payout_reject_logs_the_reason_as_its_comment(payout):
    official = county_official()
    payout_reject(payout=payout, user=official, reason="企业已注销")
    entry = LogEntry.objects.for_object(payout).get()
    assert (entry.action, entry.comment) == ("reject", "企业已注销")


def test_payout_refusal_on_a_rejected_payout_is_a_409_and_logs_nothing(payout):
    official = county_official()
    payout_reject(payout=payout, user=official, reason="企业已注销")
    with pytest.raises(TransitionNotAllowed) as refusal:
        payout_approve(payout=payout, user=official)
    assert refusal.value.status_code == 409
    assert LogEntry.objects.for_object(payout).count() == 1


def test_payout_paid_before_approval_date_rolls_back_state_and_log(payout):
    official = county_official()
    payout_approve(payout=payout, user=official)
    with pytest.raises(ValidationError) as error:
        payout_pay(
            payout=payout,
            user=official,
            voucher_number="XC-1",
            paid_on=datetime.date.today() - datetime.timedelta(days=3),
        )
    assert "不能早于审核通过日期" in error.value.message_dict["paid_on"][0]
    payout.refresh_from_db()
    assert payout.state == PayoutState.APPROVED
    assert LogEntry.objects.for_object(payout).count() == 1
