"""Reward payouts: owed by the county's reward policy, approved, paid or rejected.

Payouts are created only by the reward tasks (`pilots.tasks`), triggered by an
enterprise's first certificate and by the publishing of a county-proposed standard.
Creating one is idempotent by construction: the unique constraint on (rule, enterprise)
or (rule, standard) makes a second payout impossible, and a run that loses the race
finds the winner's row. Approving and paying lock the row; doing either twice changes
nothing and says why.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.rules import can
from brandportal.dates import check_dates
from brandportal.errors import ServiceError
from brandportal.transitions import run_transition

from .enums import PayoutState, RewardKind
from .models import PilotCounty, RewardPayout, RewardRule

# The refusals are the core's (brandportal.errors); the name is kept for callers.
PayoutRefused = ServiceError


@dataclass
class Owed:
    rule: RewardRule
    beneficiary: dict  # {"enterprise": ...} or {"standard": ...}
    name: str
    reason: str


def _rule(division_id, kind) -> RewardRule | None:
    county = PilotCounty.objects.filter(division_id=division_id).first()
    if county is None:
        return None
    return county.reward_rules.filter(kind=kind).select_related("county").first()


def _create_once(owed: Owed) -> tuple[RewardPayout, bool]:
    """The payout for this rule and beneficiary: created now, or the one that exists."""
    lookup = {"rule": owed.rule, **owed.beneficiary}
    existing = RewardPayout.objects.filter(**lookup).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            payout = RewardPayout.objects.create(
                county=owed.rule.county,
                amount=owed.rule.amount,
                beneficiary_name=owed.name,
                reason=owed.reason,
                **lookup,
            )
    except IntegrityError:
        # A concurrent run created it between our look-up and insert.
        return RewardPayout.objects.get(**lookup), False
    return payout, True


def payout_for_first_certificate(*, certificate_id: int) -> RewardPayout | None:
    """The reward owed to an enterprise whose first certificate this is, if its county's
    policy has one; None when nothing is owed (not the first, not a pilot county)."""
    from certificates.models import Certificate

    certificate = (
        Certificate.objects.select_related("application__enterprise")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None:
        return None
    enterprise = certificate.application.enterprise
    first = (
        Certificate.objects.filter(application__enterprise=enterprise)
        .order_by("issued_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if first != certificate.pk:
        return None
    rule = _rule(enterprise.division_id, RewardKind.PER_FIRST_CERTIFIED_ENTERPRISE)
    if rule is None:
        return None
    reason = _("首次获得“江西绿色生态”认证（证书编号 %(number)s）") % {"number": certificate.number}
    owed = Owed(rule, {"enterprise": enterprise}, enterprise.name, reason)
    return _create_once(owed)[0]


def payout_for_published_standard(*, standard_id: int) -> RewardPayout | None:
    """The reward owed for a published standard the county proposed, if its policy has one."""
    from standards.enums import PUBLIC_STATES
    from standards.models import Standard

    standard = Standard.objects.filter(pk=standard_id, state__in=PUBLIC_STATES).first()
    if standard is None or standard.proposing_county_id is None:
        return None
    rule = _rule(standard.proposing_county_id, RewardKind.PER_PUBLISHED_STANDARD)
    if rule is None:
        return None
    proposer = standard.proposing_organisation or rule.county.name
    reason = _("本县提交的标准 %(code)s《%(title)s》已发布") % {
        "code": standard.code,
        "title": standard.title,
    }
    return _create_once(Owed(rule, {"standard": standard}, proposer, reason))[0]


# --- approving, paying, rejecting -------------------------------------------------------


def _settled_refusal(locked: RewardPayout, action: str) -> str | None:
    """Why a paid or rejected payout refuses `action` (None when it is neither)."""
    if locked.state == PayoutState.PAID:
        return _(
            "该奖励已于 %(date)s 支付（凭证号 %(voucher)s），不能%(action)s，未作任何更改。"
        ) % {
            "date": date_format(locked.paid_on, "Y-m-d"),
            "voucher": locked.voucher_number,
            "action": action,
        }
    if locked.state == PayoutState.REJECTED:
        return _("该奖励已不予发放（理由：%(reason)s），不能%(action)s，未作任何更改。") % {
            "reason": locked.rejection_reason,
            "action": action,
        }
    return None


def _run(payout: RewardPayout, user, *, permission: str, action: str, **options) -> RewardPayout:
    if not can(user, permission, payout):
        raise PermissionDenied
    run_transition(model=RewardPayout, pk=payout.pk, action=action, by=user, **options)
    payout.refresh_from_db()  # the caller's object shows what was saved
    return payout


def _not_approved(locked: RewardPayout) -> str:
    if locked.state == PayoutState.APPROVED:
        return _("该奖励已于 %(time)s 审核通过，无需重复审核，未作任何更改。") % {
            "time": date_format(timezone.localtime(locked.approved_at), "Y-m-d H:i")
        }
    return _settled_refusal(locked, _("审核"))


def _not_paid(locked: RewardPayout) -> str:
    return _settled_refusal(locked, _("重复支付")) or _(
        "该奖励尚未审核通过，不能登记支付，未作任何更改。"
    )


def payout_approve(*, payout: RewardPayout, user) -> RewardPayout:
    """Approve a pending payout. Raises PayoutRefused (no change) if it is not pending."""
    return _run(
        payout,
        user,
        permission="pilots.approve_rewardpayout",
        action="approve",
        kwargs={"by": user},
        not_allowed=_not_approved,
    )


def payout_pay(*, payout: RewardPayout, user, voucher_number: str, paid_on) -> RewardPayout:
    """Record the payment of an approved payout, with the voucher number and date.

    Raises PayoutRefused (no change) if it is already paid, rejected or not yet approved.
    """
    voucher_number = (voucher_number or "").strip()
    if not voucher_number:
        raise ValidationError({"voucher_number": _("请填写支付凭证号。")})
    if paid_on is None:
        raise ValidationError({"paid_on": _("请填写支付日期。")})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("支付日期不能晚于今天。")})
    check_dates(RewardPayout, paid_on=paid_on)

    def not_before_approval(locked: RewardPayout) -> None:
        # Needs the locked row's approval date; raising here rolls the transition back.
        approved_on = timezone.localdate(locked.approved_at) if locked.approved_at else None
        if approved_on and paid_on < approved_on:
            raise ValidationError(
                {
                    "paid_on": _("支付日期不能早于审核通过日期（%(date)s）。")
                    % {"date": approved_on.isoformat()}
                }
            )

    return _run(
        payout,
        user,
        permission="pilots.pay_rewardpayout",
        action="pay",
        kwargs={"by": user, "voucher_number": voucher_number, "paid_on": paid_on},
        not_allowed=_not_paid,
        before_save=not_before_approval,
    )


def payout_reject(*, payout: RewardPayout, user, reason: str) -> RewardPayout:
    """Refuse a pending or approved payout, with the reason. A paid one cannot be."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写不予发放的理由。")})
    return _run(
        payout,
        user,
        permission="pilots.reject_rewardpayout",
        action="reject",
        comment=reason,
        kwargs={"by": user, "reason": reason},
        not_allowed=lambda locked: _settled_refusal(locked, _("不予发放")),
    )


# --- the sweep --------------------------------------------------------------------------


def rewards_missing() -> tuple[list[int], list[int]]:
    """Ids of first certificates and published standards whose reward was never created
    (the broker was down when they happened); each is owed under a county's policy."""
    from certificates.models import Certificate
    from standards.enums import PUBLIC_STATES
    from standards.models import Standard

    certificate_ids, standard_ids = [], []
    for rule in RewardRule.objects.select_related("county"):
        division_id = rule.county.division_id
        rewarded = RewardPayout.objects.filter(rule=rule)
        if rule.kind == RewardKind.PER_FIRST_CERTIFIED_ENTERPRISE:
            certificates = (
                Certificate.objects.filter(application__enterprise__division_id=division_id)
                .exclude(application__enterprise_id__in=rewarded.values("enterprise_id"))
                .order_by("application__enterprise_id", "issued_at", "pk")
                .values_list("application__enterprise_id", "pk")
            )
            firsts = {}
            for enterprise_id, certificate_id in certificates:
                firsts.setdefault(enterprise_id, certificate_id)
            certificate_ids.extend(firsts.values())
        elif rule.kind == RewardKind.PER_PUBLISHED_STANDARD:
            standards = Standard.objects.filter(
                proposing_county_id=division_id, state__in=PUBLIC_STATES
            ).exclude(pk__in=rewarded.values("standard_id"))
            standard_ids.extend(standards.values_list("pk", flat=True))
    return certificate_ids, standard_ids


def rewards_sweep() -> int:
    """Create every reward owed but missing; returns how many were created."""
    certificate_ids, standard_ids = rewards_missing()
    created = 0
    for certificate_id in certificate_ids:
        created += payout_for_first_certificate(certificate_id=certificate_id) is not None
    for standard_id in standard_ids:
        created += payout_for_published_standard(standard_id=standard_id) is not None
    return created
