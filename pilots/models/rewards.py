"""Reward payouts owed under a county's reward policy: owed once, paid once."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from brandportal.dates import PAST_DATE

from ..enums import PayoutState


class RewardPayout(ConcurrentTransitionMixin, models.Model):
    """One reward owed under a `RewardRule`: to an enterprise certified for the first time,
    or for a county-proposed standard that was published (its proposer is recorded).

    A database constraint allows one payout per rule and beneficiary, so a task that
    runs twice, or twice at once, cannot owe it twice. The state moves only through the
    transitions below, run by the `pilots.rewards` services through the core engine
    (`brandportal.transitions`): pending → approved → paid, or pending/approved → rejected.
    """

    LOG_ACTIONS = [("approve", _("审核")), ("pay", _("登记支付")), ("reject", _("不予发放"))]

    county = models.ForeignKey(
        "pilots.PilotCounty",
        verbose_name=_("试点县"),
        on_delete=models.PROTECT,
        related_name="payouts",
    )
    rule = models.ForeignKey(
        "pilots.RewardRule",
        verbose_name=_("奖励政策"),
        on_delete=models.PROTECT,
        related_name="payouts",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("受奖企业"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reward_payouts",
    )
    standard = models.ForeignKey(
        "standards.Standard",
        verbose_name=_("受奖标准"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reward_payouts",
    )
    beneficiary_name = models.CharField(
        _("受奖对象"), max_length=200, help_text=_("企业名称，或标准的提出单位。")
    )
    reason = models.CharField(_("奖励事由"), max_length=300)
    amount = models.DecimalField(
        _("奖励金额（元）"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    state = FSMField(
        _("状态"),
        max_length=20,
        choices=PayoutState.choices,
        default=PayoutState.PENDING,
        protected=True,
    )
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    approved_at = models.DateTimeField(_("审核通过时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    voucher_number = models.CharField(_("支付凭证号"), max_length=50, blank=True)
    paid_on = models.DateField(_("支付日期"), null=True, blank=True, validators=[PAST_DATE])
    paid_at = models.DateTimeField(_("登记支付时间"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rejection_reason = models.TextField(_("不予发放理由"), blank=True)
    rejected_at = models.DateTimeField(_("不予发放时间"), null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("奖励发放")
        verbose_name_plural = _("奖励发放")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "enterprise"],
                condition=Q(enterprise__isnull=False),
                name="pilots_payout_once_per_rule_and_enterprise",
                violation_error_message=_("该企业已有此项奖励。"),
            ),
            models.UniqueConstraint(
                fields=["rule", "standard"],
                condition=Q(standard__isnull=False),
                name="pilots_payout_once_per_rule_and_standard",
                violation_error_message=_("该标准已有此项奖励。"),
            ),
            models.CheckConstraint(
                condition=(Q(enterprise__isnull=False) & Q(standard__isnull=True))
                | (Q(enterprise__isnull=True) & Q(standard__isnull=False)),
                name="pilots_payout_one_beneficiary",
                violation_error_message=_("奖励对象应为一家企业或一项标准。"),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="pilots_payout_amount_not_negative",
                violation_error_message=_("奖励金额不能为负数。"),
            ),
            models.CheckConstraint(
                condition=~Q(state="paid") | (~Q(voucher_number="") & Q(paid_on__isnull=False)),
                name="pilots_payout_paid_has_voucher",
                violation_error_message=_("已支付的奖励须有支付凭证号和支付日期。"),
            ),
        ]

    def __str__(self):
        return f"{self.beneficiary_name}：{self.amount:,.0f} 元（{self.get_state_display()}）"

    @property
    def amount_display(self) -> str:
        """The amount as finance documents write it: 20,000.00."""
        return f"{self.amount:,.2f}"

    @property
    def number(self) -> str:
        """The payout's reference on its notice, e.g. JXJL-360734-0007."""
        return f"JXJL-{self.county.division.code}-{self.pk:04d}"

    # Transitions: the state change and what it records; checks and refusals live in
    # `pilots.rewards`, which runs these through the core engine.
    @transition(field=state, source=PayoutState.PENDING, target=PayoutState.APPROVED)
    def approve(self, *, by):
        self.approved_at = timezone.now()
        self.approved_by = by

    @transition(field=state, source=PayoutState.APPROVED, target=PayoutState.PAID)
    def pay(self, *, by, voucher_number: str, paid_on):
        self.voucher_number = voucher_number
        self.paid_on = paid_on
        self.paid_at = timezone.now()
        self.paid_by = by

    @transition(
        field=state,
        source=[PayoutState.PENDING, PayoutState.APPROVED],
        target=PayoutState.REJECTED,
    )
    def reject(self, *, by, reason: str):
        self.rejection_reason = reason
        self.rejected_at = timezone.now()
        self.rejected_by = by
