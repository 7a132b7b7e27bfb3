"""The third-party review of an application round, and reviewers' conflicts of interest."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from brandportal.dates import AUDIT_DATE

from ..enums import CheckResult


class Review(models.Model):
    """One review per application round: documents, on-site audit, tests, indicator scores.

    The result is computed, never typed: it passes when the document review and the
    on-site audit pass, every mandatory indicator passes, and the scored indicators add
    up to at least the standard's pass score.
    """

    application = models.ForeignKey(
        "certification.Application",
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    round = models.PositiveSmallIntegerField(_("轮次"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核员"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
    )
    document_result = models.CharField(
        _("文件审核结论"), max_length=10, choices=CheckResult.choices, default=CheckResult.PENDING
    )
    document_notes = models.TextField(_("文件审核意见"), blank=True)
    onsite_date = models.DateField(
        _("现场审核日期"), null=True, blank=True, validators=[AUDIT_DATE]
    )
    onsite_result = models.CharField(
        _("现场审核结论"), max_length=10, choices=CheckResult.choices, default=CheckResult.PENDING
    )
    onsite_notes = models.TextField(_("现场审核意见"), blank=True)
    test_results = models.TextField(_("检测结果"), blank=True)
    total_score = models.DecimalField(
        _("总分"), max_digits=7, decimal_places=1, default=Decimal("0"), editable=False
    )
    result = models.CharField(
        _("评审结论"),
        max_length=10,
        choices=CheckResult.choices,
        default=CheckResult.PENDING,
        editable=False,
    )
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["application", "round"]
        verbose_name = _("评审")
        verbose_name_plural = _("评审")
        constraints = [
            models.UniqueConstraint(fields=["application", "round"], name="review_one_per_round")
        ]

    def __str__(self):
        return f"{self.application} · 第{self.round}轮评审"


class IndicatorScore(models.Model):
    """The reviewer's verdict on one indicator: a score, or pass/fail for mandatory ones."""

    review = models.ForeignKey(
        Review, verbose_name=_("评审"), on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(
        "standards.Indicator", verbose_name=_("指标"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(
        _("得分"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    passed = models.BooleanField(_("合格"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=255, blank=True)

    class Meta:
        ordering = ["review", "indicator__sort_order", "indicator_id"]
        verbose_name = _("指标评分")
        verbose_name_plural = _("指标评分")
        constraints = [
            models.UniqueConstraint(fields=["review", "indicator"], name="score_one_per_indicator")
        ]

    def __str__(self):
        return str(self.indicator)


class ConflictOfInterest(models.Model):
    """A reviewer's declared conflict with an enterprise: that reviewer may not act on it."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核员"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.CASCADE,
        related_name="reviewer_conflicts",
    )
    reason = models.CharField(_("利益冲突说明"), max_length=255)
    declared_at = models.DateTimeField(_("声明时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("利益冲突声明")
        verbose_name_plural = _("利益冲突声明")
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "enterprise"], name="conflict_unique")
        ]

    def __str__(self):
        return f"{self.reviewer} × {self.enterprise}"
