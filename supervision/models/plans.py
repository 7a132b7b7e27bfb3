"""双随机 spot-check plans, the checks they draw, their evidence and sanctions."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from brandportal.dates import PAST_DATE, RECTIFICATION_DATE
from brandportal.storage import private_storage

from ..enums import CheckResult, PlanStatus, SanctionAction, SanctionReason
from .files import check_evidence_path


class SpotCheckPlan(ConcurrentTransitionMixin, models.Model):
    """A random spot-check plan: its scope, sizes, seed commitment, pool and result.

    At creation a random seed is made and only its SHA-256 (`seed_hash`) is shown. The
    draw freezes the pool (canonical JSON and its SHA-256), reveals the seed and stores
    the result; `supervision.draw` re-runs it from those alone. Drawing and closing run
    through the core engine (`brandportal.transitions`) and are logged in `log_entries`.
    """

    LOG_STATE_FIELD = "status"
    LOG_ACTIONS = [("draw", _("抽取")), ("close", _("结束并公开"))]

    title = models.CharField(_("计划名称"), max_length=200)
    county = models.ForeignKey(
        "enterprises.AdministrativeDivision",
        verbose_name=_("县（区）范围"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("留空表示全省。"),
    )
    category = models.ForeignKey(
        "standards.ProductCategory",
        verbose_name=_("产品类别范围"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("留空表示不限类别；选择大类时包含其下小类。"),
    )
    standard = models.ForeignKey(
        "standards.Standard",
        verbose_name=_("标准范围"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("留空表示不限标准。"),
    )
    enterprise_count = models.PositiveSmallIntegerField(
        _("抽取企业数"), validators=[MinValueValidator(1)]
    )
    inspectors_per_check = models.PositiveSmallIntegerField(
        _("每组检查人员数"), default=2, validators=[MinValueValidator(2)]
    )
    status = FSMField(
        _("状态"),
        max_length=10,
        choices=PlanStatus.choices,
        default=PlanStatus.PLANNED,
        protected=True,
        db_index=True,
    )
    seed = models.CharField(_("随机种子"), max_length=64, editable=False)
    seed_hash = models.CharField(_("随机种子摘要（SHA-256）"), max_length=64, editable=False)
    seed_revealed = models.BooleanField(_("种子已公开"), default=False, editable=False)
    pool = models.JSONField(_("抽取池"), null=True, blank=True, editable=False)
    pool_hash = models.CharField(
        _("抽取池摘要（SHA-256）"), max_length=64, blank=True, editable=False
    )
    result = models.JSONField(_("抽取结果"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("抽取人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True, editable=False)

    log_entries = GenericRelation("activity.LogEntry", related_query_name="spot_check_plan")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("双随机抽查计划")
        verbose_name_plural = _("双随机抽查计划")

    def __str__(self):
        return self.title

    @property
    def revealed_seed(self) -> str:
        """The seed once the draw revealed it; empty before."""
        return self.seed if self.seed_revealed else ""

    @transition(field=status, source=PlanStatus.PLANNED, target=PlanStatus.DRAWN)
    def draw(self):
        self.drawn_at = timezone.now()
        self.seed_revealed = True

    @transition(field=status, source=PlanStatus.DRAWN, target=PlanStatus.CLOSED)
    def close(self):
        self.closed_at = timezone.now()


class SpotCheck(models.Model):
    """The check of one drawn enterprise: its certificates in scope and its inspectors."""

    plan = models.ForeignKey(
        SpotCheckPlan, verbose_name=_("抽查计划"), on_delete=models.PROTECT, related_name="checks"
    )
    position = models.PositiveSmallIntegerField(_("抽取顺序"))
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("企业"), on_delete=models.PROTECT, related_name="+"
    )
    certificates = models.ManyToManyField(
        "certificates.Certificate", verbose_name=_("涉及证书"), related_name="spot_checks"
    )
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("检查人员"), related_name="spot_checks"
    )
    checked_on = models.DateField(_("检查日期"), null=True, blank=True, validators=[PAST_DATE])
    result = models.CharField(
        _("检查结果"), max_length=10, choices=CheckResult.choices, default=CheckResult.PENDING
    )
    findings = models.TextField(_("检查发现"), blank=True)
    rectification_deadline = models.DateField(
        _("整改期限"), null=True, blank=True, validators=[RECTIFICATION_DATE]
    )
    rectified_on = models.DateField(
        _("整改完成日期"), null=True, blank=True, validators=[PAST_DATE]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("抽查记录")
        verbose_name_plural = _("抽查记录")
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="spot_check_position"),
            models.UniqueConstraint(fields=["plan", "enterprise"], name="spot_check_enterprise"),
        ]

    def __str__(self):
        return f"{self.plan} · {self.enterprise}"

    def rectification_overdue(self, today=None) -> bool:
        """限期整改 whose deadline passed without a recorded completion."""
        today = today or timezone.localdate()
        return (
            self.result == CheckResult.RECTIFY
            and self.rectified_on is None
            and self.rectification_deadline is not None
            and self.rectification_deadline < today
        )


class SpotCheckEvidence(models.Model):
    check_record = models.ForeignKey(
        SpotCheck, verbose_name=_("抽查记录"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("证据文件"), upload_to=check_evidence_path, storage=private_storage)
    kind = models.CharField(_("文件格式"), max_length=10, editable=False)
    original_name = models.CharField(_("原文件名"), max_length=255, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["check_record", "pk"]
        verbose_name = _("抽查证据")
        verbose_name_plural = _("抽查证据")

    def __str__(self):
        return self.original_name


class Sanction(models.Model):
    """A suspension or revocation decided on a check or an overdue surveillance; public."""

    certificate = models.ForeignKey(
        "certificates.Certificate",
        verbose_name=_("证书"),
        on_delete=models.PROTECT,
        related_name="sanctions",
    )
    spot_check = models.ForeignKey(
        SpotCheck,
        verbose_name=_("抽查记录"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sanctions",
    )
    action = models.CharField(_("处理措施"), max_length=10, choices=SanctionAction.choices)
    reason_code = models.CharField(_("原因类别"), max_length=30, choices=SanctionReason.choices)
    reason_text = models.TextField(_("原因说明"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("决定时间"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("处理决定")
        verbose_name_plural = _("处理决定")

    def __str__(self):
        return f"{self.certificate} · {self.get_action_display()}"

    @property
    def public_reason(self) -> str:
        return f"{self.get_reason_code_display()}：{self.reason_text}"
