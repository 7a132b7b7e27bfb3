"""Reward payouts: owed once by the first certificate and by a published standard,
approved and paid once, within the county's boundary."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from pilots.enums import PayoutState, RewardKind
from pilots.models import RewardPayout
from pilots.rewards import PayoutRefused, payout_approve, payout_pay, payout_reject
from pilots.tasks import (
    reward_first_certificate,
    reward_published_standard,
    sweep_missing_rewards,
)
from standards.services import standard_publish
from tests.factories import EnterpriseFactory, county, publishable_standard, user_with_role
from tests.factories.certificates import certified_application, issued_certificate
from tests.factories.certification import ProductFactory
from tests.factories.pilots import PilotCountyFactory, county_official

pytestmark = pytest.mark.django_db

RUIJIN = "360781"


def _application(division="360734", enterprise=None):
    enterprise = enterprise or EnterpriseFactory(division=county(division))
    return certified_application(product=ProductFactory(enterprise=enterprise))


def _certify(capture, division="360734", enterprise=None):
    """A new certificate, with the callbacks queued on commit run (the reward task)."""
    application = _application(division, enterprise)
    with capture(execute=True):
        return issued_certificate(application)


def test_first_certificate_owes_the_enterprise_its_reward(
    loaded, django_capture_on_commit_callbacks
):
    certificate = _certify(django_capture_on_commit_callbacks)
    payout = RewardPayout.objects.get()
    enterprise = certificate.application.enterprise
    assert payout.enterprise == enterprise
    assert payout.beneficiary_name == enterprise.name
    assert payout.rule.kind == RewardKind.PER_FIRST_CERTIFIED_ENTERPRISE
    assert payout.amount == Decimal("20000.00")
    assert payout.county == loaded
    assert payout.state == PayoutState.PENDING
    assert certificate.number in payout.reason


def test_second_certificate_of_the_enterprise_owes_nothing_more(
    loaded, django_capture_on_commit_callbacks
):
    first = _certify(django_capture_on_commit_callbacks)
    _certify(django_capture_on_commit_callbacks, enterprise=first.application.enterprise)
    assert RewardPayout.objects.count() == 1


def test_certificate_outside_a_pilot_county_owes_nothing(
    loaded, django_capture_on_commit_callbacks
):
    _certify(django_capture_on_commit_callbacks, division=RUIJIN)  # not a pilot county
    assert not RewardPayout.objects.exists()


def test_pilot_county_without_the_rule_owes_nothing(django_capture_on_commit_callbacks):
    PilotCountyFactory(division=county(RUIJIN))
    _certify(django_capture_on_commit_callbacks, division=RUIJIN)
    assert not RewardPayout.objects.exists()


def test_reward_task_run_twice_creates_one_payout(loaded):
    certificate = issued_certificate(_application())  # callbacks not run: no task yet
    assert not RewardPayout.objects.exists()
    first = reward_first_certificate.delay(certificate.pk).get()
    second = reward_first_certificate.delay(certificate.pk).get()
    assert first == second
    assert RewardPayout.objects.count() == 1


def test_database_refuses_a_second_payout_for_the_same_rule_and_beneficiary(loaded):
    certificate = issued_certificate(_application())
    payout = RewardPayout.objects.get(pk=reward_first_certificate(certificate.pk))
    with pytest.raises(IntegrityError):
        RewardPayout.objects.create(
            county=payout.county,
            rule=payout.rule,
            enterprise=payout.enterprise,
            beneficiary_name="重复",
            reason="重复",
            amount=payout.amount,
        )


def test_published_county_standard_owes_its_reward(loaded, django_capture_on_commit_callbacks):
    standard = publishable_standard(proposing_county=county("360734"))
    admin = user_with_role(Role.PROVINCIAL_ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        standard_publish(standard=standard, user=admin)
    payout = RewardPayout.objects.get()
    assert payout.standard == standard
    assert payout.beneficiary_name == standard.proposing_organisation
    assert payout.amount == Decimal("50000.00")
    assert payout.rule.kind == RewardKind.PER_PUBLISHED_STANDARD
    assert reward_published_standard(standard.pk) == payout.pk  # a rerun finds it
    assert RewardPayout.objects.count() == 1


@pytest.mark.parametrize("proposing", [None, RUIJIN])
def test_standard_not_proposed_by_a_pilot_county_owes_nothing(
    loaded, django_capture_on_commit_callbacks, proposing
):
    standard = publishable_standard(proposing_county=county(proposing) if proposing else None)
    with django_capture_on_commit_callbacks(execute=True):
        standard_publish(standard=standard, user=user_with_role(Role.PROVINCIAL_ADMIN))
    assert not RewardPayout.objects.exists()


def test_unpublished_standard_owes_nothing(loaded):
    standard = publishable_standard(proposing_county=county("360734"))  # submitted
    assert reward_published_standard(standard.pk) is None


@pytest.fixture
def payout(loaded):
    certificate = issued_certificate(_application())
    return RewardPayout.objects.get(pk=reward_first_certificate(certificate.pk))


def test_payout_is_approved_then_paid(payout):
    official = county_official()
    payout_approve(payout=payout, user=official)
    assert payout.state == PayoutState.APPROVED and payout.approved_by == official
    payout_pay(payout=payout, user=official, voucher_number="XC-2026-001", paid_on=_today())
    payout.refresh_from_db()
    assert payout.state == PayoutState.PAID
    assert (payout.voucher_number, payout.paid_on) == ("XC-2026-001", _today())


def _today():
    from django.utils import timezone

    return timezone.localdate()


def test_approving_twice_changes_nothing_and_says_so(payout):
    official = county_official()
    payout_approve(payout=payout, user=official)
    approved_at = RewardPayout.objects.get().approved_at
    with pytest.raises(PayoutRefused, match=r"已于 .* 审核通过，无需重复审核"):
        payout_approve(payout=payout, user=county_official())
    assert RewardPayout.objects.get().approved_at == approved_at
    assert RewardPayout.objects.get().approved_by == official


def test_paying_twice_changes_nothing_and_says_so(payout):
    official = county_official()
    payout_approve(payout=payout, user=official)
    payout_pay(payout=payout, user=official, voucher_number="XC-001", paid_on=_today())
    with pytest.raises(PayoutRefused, match=r"凭证号 XC-001.*未作任何更改"):
        payout_pay(payout=payout, user=official, voucher_number="XC-002", paid_on=_today())
    assert RewardPayout.objects.get().voucher_number == "XC-001"


def test_paying_before_approval_is_refused(payout):
    with pytest.raises(PayoutRefused, match="尚未审核通过"):
        payout_pay(payout=payout, user=county_official(), voucher_number="X", paid_on=_today())
    assert RewardPayout.objects.get().state == PayoutState.PENDING


def test_payment_needs_a_voucher_and_a_date_not_in_the_future(payout):
    from django.core.exceptions import ValidationError

    official = county_official()
    payout_approve(payout=payout, user=official)
    with pytest.raises(ValidationError):
        payout_pay(payout=payout, user=official, voucher_number=" ", paid_on=_today())
    tomorrow = _today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        payout_pay(payout=payout, user=official, voucher_number="X", paid_on=tomorrow)
    assert RewardPayout.objects.get().state == PayoutState.APPROVED


def test_rejected_payout_cannot_be_approved_or_paid(payout):
    official = county_official()
    payout_reject(payout=payout, user=official, reason="企业已注销")
    with pytest.raises(PayoutRefused, match="企业已注销"):
        payout_approve(payout=payout, user=official)
    assert RewardPayout.objects.get().state == PayoutState.REJECTED


def test_paid_payout_cannot_be_rejected(payout):
    official = county_official()
    payout_approve(payout=payout, user=official)
    payout_pay(payout=payout, user=official, voucher_number="XC-1", paid_on=_today())
    with pytest.raises(PayoutRefused):
        payout_reject(payout=payout, user=official, reason="误发")
    assert RewardPayout.objects.get().state == PayoutState.PAID


def test_another_countys_official_may_not_approve(payout):
    with pytest.raises(PermissionDenied):
        payout_approve(payout=payout, user=county_official(RUIJIN))
    assert RewardPayout.objects.get().state == PayoutState.PENDING


def test_official_approves_and_pays_on_the_payout_page(client, payout):
    client.force_login(county_official())
    detail = reverse("pilots:payout_detail", args=["360734", payout.pk])
    approve = reverse("pilots:payout_action", args=["360734", payout.pk, "approve"])
    pay = reverse("pilots:payout_action", args=["360734", payout.pk, "pay"])
    assert client.post(approve)["Location"] == detail
    response = client.post(approve, follow=True)
    assert "无需重复审核" in response.content.decode()
    client.post(pay, {"voucher_number": "XC-9", "paid_on": _today().isoformat()})
    response = client.post(pay, {"voucher_number": "XC-10", "paid_on": _today().isoformat()})
    assert RewardPayout.objects.get().voucher_number == "XC-9"
    assert "未作任何更改" in client.get(response["Location"]).content.decode()


def test_another_countys_official_gets_404_for_payout_pages(client, payout):
    PilotCountyFactory(division=county(RUIJIN))
    client.force_login(county_official(RUIJIN))
    for name, args in (
        ("pilots:payout_list", []),
        ("pilots:payout_export", []),
        ("pilots:payout_detail", [payout.pk]),
        ("pilots:payout_notice", [payout.pk]),
    ):
        assert client.get(reverse(name, args=["360734", *args])).status_code == 404
    assert client.get(reverse("pilots:payout_detail", args=[RUIJIN, payout.pk])).status_code == 404
    action = reverse("pilots:payout_action", args=[RUIJIN, payout.pk, "approve"])
    assert client.post(action).status_code == 404
    assert RewardPayout.objects.get().state == PayoutState.PENDING


def test_payout_notice_is_a_chinese_pdf_with_the_cjk_font(client, payout):
    from pypdf import PdfReader

    official = county_official()
    payout_approve(payout=payout, user=official)
    client.force_login(official)
    url = reverse("pilots:payout_notice", args=["360734", payout.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert "通知书" in text and payout.beneficiary_name in text and "20,000.00" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts and all("Noto-Sans-CJK-SC" in name for name in fonts), fonts


def test_pending_payout_has_no_notice(client, payout):
    client.force_login(county_official())
    url = reverse("pilots:payout_notice", args=["360734", payout.pk])
    assert client.get(url).status_code == 404


def test_finance_bureau_list_has_the_payouts_with_amounts(client, payout):
    client.force_login(county_official())
    response = client.get(reverse("pilots:payout_export", args=["360734"]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "试点县", "奖励情形", "受奖对象")
    assert len(rows) == 2
    assert rows[1][3] == payout.beneficiary_name
    assert rows[1][4] == payout.enterprise.credit_code
    assert Decimal(str(rows[1][6])) == Decimal("20000")
    assert rows[1][7] == "待审核"


def test_dashboard_shows_payouts_by_state(client, payout):
    client.force_login(county_official())
    response = client.get(reverse("pilots:dashboard", args=["360734"]))
    pending = {row.key: row for row in response.context["payouts"]}[PayoutState.PENDING]
    assert (pending.count, pending.amount) == (1, Decimal("20000.00"))
    listing = client.get(pending.url)
    assert [p.pk for p in listing.context["payouts"]] == [payout.pk]


def test_sweep_creates_the_rewards_whose_task_never_ran(loaded):
    # Issued and published without their on-commit tasks (as with the broker down).
    first = issued_certificate(_application())
    issued_certificate(_application(enterprise=first.application.enterprise))  # second
    standard = publishable_standard(
        state="published", proposing_county=county("360734"), code="T/XW 010-2024"
    )
    publishable_standard(state="drafting", proposing_county=county("360734"))
    assert not RewardPayout.objects.exists()

    assert sweep_missing_rewards.delay().get() == 2
    assert set(RewardPayout.objects.values_list("enterprise", "standard")) == {
        (first.application.enterprise_id, None),
        (None, standard.pk),
    }
    assert sweep_missing_rewards.delay().get() == 0  # a second sweep finds nothing
    assert RewardPayout.objects.count() == 2


def test_reward_sweep_is_scheduled():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="pilots.tasks.sweep_missing_rewards")
    assert task.enabled and task.interval.every == 30


def test_provincial_admin_reads_payouts_in_the_admin(client, payout):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN, is_staff=True))
    response = client.get(reverse("admin:pilots_rewardpayout_changelist"))
    assert response.status_code == 200
    assert payout.beneficiary_name in response.content.decode()
    detail = client.get(reverse("admin:pilots_rewardpayout_change", args=[payout.pk]))
    assert detail.status_code == 200
    response = client.post(
        reverse("admin:pilots_rewardpayout_change", args=[payout.pk]), {"state": "paid"}
    )
    assert response.status_code == 403
    assert RewardPayout.objects.get().state == PayoutState.PENDING


@pytest.mark.parametrize("paid_on", [datetime.date(1, 1, 1), datetime.date(1999, 12, 31)])
def test_payment_on_an_implausible_date_is_a_field_error(payout, paid_on):
    from django.core.exceptions import ValidationError

    official = county_official()
    payout_approve(payout=payout, user=official)
    with pytest.raises(ValidationError) as error:
        payout_pay(payout=payout, user=official, voucher_number="X", paid_on=paid_on)
    assert "日期不合理" in error.value.message_dict["paid_on"][0]
    assert RewardPayout.objects.get().state == PayoutState.APPROVED


def test_payment_before_its_approval_is_a_field_error(payout):
    from django.core.exceptions import ValidationError

    official = county_official()
    payout_approve(payout=payout, user=official)
    before = _today() - datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        payout_pay(payout=payout, user=official, voucher_number="X", paid_on=before)
    assert "不能早于审核通过日期" in error.value.message_dict["paid_on"][0]
    payout.refresh_from_db()
    assert (payout.state, payout.paid_on) == (PayoutState.APPROVED, None)


def test_payment_page_refuses_year_one(client, payout):
    client.force_login(county_official())
    payout_approve(payout=payout, user=county_official())
    pay = reverse("pilots:payout_action", args=["360734", payout.pk, "pay"])
    response = client.post(pay, {"voucher_number": "XC-9", "paid_on": "0001-01-01"}, follow=True)
    assert "日期不合理" in response.content.decode()
    assert RewardPayout.objects.get().state == PayoutState.APPROVED
