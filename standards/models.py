"""Standards (标准), their indicators (指标) and product categories."""

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from brandportal.dates import STANDARD_PAST_DATE, STANDARD_PLANNED_DATE
from brandportal.storage import private_storage
from enterprises.models import DivisionLevel

from .enums import (
    EDITABLE_STATES,
    PUBLIC_STATES,
    Dimension,
    IndicatorKind,
    StandardState,
    StandardType,
)
from .validators import normalize_code, validate_code_for_type, validate_pdf


def format_score(value) -> str:
    """A score without trailing zeros: 100, 12.5 (the same on every database)."""
    return f"{Decimal(value or 0).normalize():f}"


class ProductCategory(models.Model):
    """A node of the product taxonomy (农业 › 富硒柑橘); loaded by a data migration."""

    code = models.SlugField(_("代码"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级类别"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("产品类别")
        verbose_name_plural = _("产品类别")

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name


class StandardQuerySet(models.QuerySet):
    def published(self):
        """Standards in force: the only ones an application may be made against."""
        return self.filter(state=StandardState.PUBLISHED)

    def public(self):
        """What the public sees: published, withdrawn and superseded standards."""
        return self.filter(state__in=PUBLIC_STATES)


class Standard(ConcurrentTransitionMixin, models.Model):
    """A 江西绿色生态 standard: the general requirement, or a local/group/enterprise one.

    Its state changes only through the transition methods below, called by the services
    in `standards.services` (which check permissions and run them through the core
    engine, `brandportal.transitions`, which logs each one in the activity log).
    """

    # Labels of the actions in the activity log.
    LOG_ACTIONS = [
        ("submit", _("提交")),
        ("publish", _("发布")),
        ("withdraw", _("废止")),
        ("supersede", _("标记为被替代")),
    ]

    code = models.CharField(
        _("标准编号"),
        max_length=100,
        unique=True,
        help_text=_("如 DB36/T 1234-2023、T/ABC 001-2023、Q/ABC 001-2023"),
        error_messages={"unique": _("该标准编号已存在。")},
    )
    title = models.CharField(_("标准名称"), max_length=200)
    type = models.CharField(_("标准类型"), max_length=20, choices=StandardType.choices)
    categories = models.ManyToManyField(
        ProductCategory,
        verbose_name=_("适用产品类别"),
        blank=True,
        related_name="standards",
        help_text=_("通用要求适用于所有类别，可不选。"),
    )
    proposing_organisation = models.CharField(_("提出单位"), max_length=200, blank=True)
    proposing_county = models.ForeignKey(
        "enterprises.AdministrativeDivision",
        verbose_name=_("提出县（区）"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_standards",
        limit_choices_to={"level": DivisionLevel.COUNTY},
        help_text=_("由试点县提出并最终发布的标准，县里可获奖励。"),
    )
    issuing_body = models.CharField(_("发布机构"), max_length=200, blank=True)
    submitted_on = models.DateField(
        _("提交日期"), null=True, blank=True, validators=[STANDARD_PAST_DATE]
    )
    published_on = models.DateField(
        _("发布日期"), null=True, blank=True, validators=[STANDARD_PAST_DATE]
    )
    effective_on = models.DateField(
        _("实施日期"), null=True, blank=True, validators=[STANDARD_PLANNED_DATE]
    )
    withdrawn_on = models.DateField(
        _("废止日期"), null=True, blank=True, validators=[STANDARD_PAST_DATE]
    )
    full_text = models.FileField(
        _("标准全文（PDF）"),
        storage=private_storage,
        upload_to="standards/full_text/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )
    pass_score = models.DecimalField(
        _("合格分数线"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("评分项得分合计达到此分数且否决项全部合格，方为通过。"),
    )
    state = FSMField(
        _("状态"),
        max_length=20,
        choices=StandardState.choices,
        default=StandardState.DRAFTING,
        protected=True,
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("替代标准"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
    )
    notes = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    log_entries = GenericRelation("activity.LogEntry", related_query_name="standard")

    objects = StandardQuerySet.as_manager()

    class Meta:
        ordering = ["type", "code"]
        verbose_name = _("标准")
        verbose_name_plural = _("标准")
        permissions = [
            ("submit_standard", _("可以提交标准")),
            ("publish_standard", _("可以发布标准")),
            ("withdraw_standard", _("可以废止标准")),
            ("supersede_standard", _("可以标记标准被替代")),
        ]
        indexes = [models.Index(fields=["state", "type"])]

    def __str__(self):
        if self.type == StandardType.GENERAL:
            return self.code
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        self.code = normalize_code(self.code)
        super().save(*args, **kwargs)

    def applies_to(self, category) -> bool:
        """Whether a product of `category` may be certified against this standard: a
        standard without categories (the general requirement) applies to all; otherwise
        the category, or one it belongs to, must be among the standard's."""
        covered = set(self.categories.values_list("pk", flat=True))
        if not covered:
            return True
        seen = set()
        while category is not None and category.pk not in seen:
            if category.pk in covered:
                return True
            seen.add(category.pk)
            category = category.parent
        return False

    def clean_fields(self, exclude=None):
        # The protected state changes only through transitions; cleaning would set it.
        super().clean_fields(exclude={*(exclude or ()), "state"})

    def clean(self):
        super().clean()
        self.code = normalize_code(self.code)
        if self.code and self.type:
            try:
                validate_code_for_type(self.code, self.type)
            except ValidationError as error:
                raise ValidationError({"code": error}) from None
        self._check_date_order()

    def _check_date_order(self):
        """Submitted, then published, then in effect; withdrawn only after publication."""
        errors = {}
        if self.submitted_on and self.published_on and self.published_on < self.submitted_on:
            errors["published_on"] = _("发布日期不能早于提交日期。")
        if self.published_on and self.effective_on and self.effective_on < self.published_on:
            errors["effective_on"] = _("实施日期不能早于发布日期。")
        if self.published_on and self.withdrawn_on and self.withdrawn_on < self.published_on:
            errors["withdrawn_on"] = _("废止日期不能早于发布日期。")
        if errors:
            raise ValidationError(errors)

    # Facts the transitions depend on.

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def total_score(self) -> Decimal:
        """The most an application can score: the sum of the scored indicators' maxima."""
        total = self.indicators.filter(kind=IndicatorKind.SCORED).aggregate(total=Sum("max_score"))[
            "total"
        ]
        return total or Decimal("0")

    def submit_problems(self) -> list[str]:
        if not (self.proposing_organisation or self.proposing_county_id):
            return [str(_("提交前需填写提出单位或提出县（区）。"))]
        return []

    def publish_problems(self) -> list[str]:
        """Why this standard cannot be published yet (empty when it can)."""
        problems = []
        if not self.full_text:
            problems.append(str(_("尚未上传标准全文（PDF）。")))
        if not self.indicators.exists():
            problems.append(str(_("尚未设置任何指标。")))
        total = self.total_score()
        if self.pass_score > total:
            problems.append(
                str(_("合格分数线 %(pass)s 高于评分项满分合计 %(total)s。"))
                % {"pass": format_score(self.pass_score), "total": format_score(total)}
            )
        return problems

    # Transitions: state changes and their conditions only; side effects live in services.

    @transition(
        field=state,
        source=StandardState.DRAFTING,
        target=StandardState.SUBMITTED,
        conditions=[lambda standard: not standard.submit_problems()],
    )
    def submit(self):
        self.submitted_on = self.submitted_on or timezone.localdate()

    @transition(
        field=state,
        source=StandardState.SUBMITTED,
        target=StandardState.PUBLISHED,
        conditions=[lambda standard: not standard.publish_problems()],
    )
    def publish(self):
        self.published_on = self.published_on or timezone.localdate()
        self.effective_on = self.effective_on or self.published_on

    @transition(field=state, source=StandardState.PUBLISHED, target=StandardState.WITHDRAWN)
    def withdraw(self):
        self.withdrawn_on = timezone.localdate()

    @transition(field=state, source=StandardState.PUBLISHED, target=StandardState.SUPERSEDED)
    def supersede(self, by: "Standard"):
        self.superseded_by = by
        self.withdrawn_on = timezone.localdate()


class Indicator(models.Model):
    """One requirement of a standard, under one of the four dimensions.

    Mandatory indicators are pass/fail (a fail refuses certification whatever the score);
    scored ones contribute up to `max_score` toward the standard's pass score.
    """

    standard = models.ForeignKey(
        Standard, verbose_name=_("标准"), on_delete=models.CASCADE, related_name="indicators"
    )
    dimension = models.CharField(_("评价维度"), max_length=30, choices=Dimension.choices)
    name = models.CharField(_("指标名称"), max_length=200)
    requirement = models.TextField(_("指标要求"))
    kind = models.CharField(
        _("指标类型"), max_length=20, choices=IndicatorKind.choices, default=IndicatorKind.SCORED
    )
    max_score = models.DecimalField(
        _("满分"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("评分项必填；否决项留空。"),
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["standard", "sort_order", "id"]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "name"],
                name="indicator_name_unique_per_standard",
                violation_error_message=_("同一标准下的指标名称不能重复。"),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=IndicatorKind.MANDATORY, max_score__isnull=True)
                    | Q(kind=IndicatorKind.SCORED, max_score__gt=0)
                ),
                name="indicator_score_matches_kind",
                violation_error_message=_("评分项须设置大于 0 的满分，否决项不设满分。"),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.kind == IndicatorKind.SCORED and not self.max_score:
            raise ValidationError({"max_score": _("评分项须设置满分。")})
        if self.kind == IndicatorKind.MANDATORY and self.max_score is not None:
            raise ValidationError({"max_score": _("否决项不设满分，请留空。")})
        if self.standard_id and not self.standard.is_editable:
            raise ValidationError(
                _("标准“%(code)s”已%(state)s，不能再修改其指标。"),
                params={"code": self.standard.code, "state": self.standard.get_state_display()},
            )
