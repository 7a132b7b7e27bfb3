"""A pilot county: its plan, leadership group, phases, targets and reward policy."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brandportal.dates import PAST_DATE, PLANNED_DATE
from enterprises.models import DivisionLevel
from standards.enums import StandardType

from ..enums import MemberRole, Metric, RewardKind


class PilotCounty(models.Model):
    """A county that runs a 江西绿色生态 brand pilot (试点县) under its implementation plan."""

    division = models.OneToOneField(
        "enterprises.AdministrativeDivision",
        verbose_name=_("行政区划"),
        on_delete=models.PROTECT,
        related_name="pilot",
        limit_choices_to={"level": DivisionLevel.COUNTY},
    )
    plan_title = models.CharField(_("实施方案名称"), max_length=200)
    approval_date = models.DateField(
        _("批准日期"),
        null=True,
        blank=True,
        validators=[PAST_DATE],
        help_text=_("获批为试点县的日期；未知可留空。"),
    )
    overall_goal = models.TextField(_("总体目标"), blank=True)
    leadership_group_name = models.CharField(_("领导小组名称"), max_length=200, blank=True)
    office_unit = models.ForeignKey(
        "pilots.GovernmentUnit",
        verbose_name=_("领导小组办公室所在单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    office_duties = models.TextField(_("办公室职责"), blank=True)

    class Meta:
        ordering = ["division__code"]
        verbose_name = _("试点县")
        verbose_name_plural = _("试点县")

    def __str__(self):
        return self.division.name

    @property
    def name(self) -> str:
        return self.division.name

    @property
    def office_director(self):
        """The member who directs the leadership group's office, if any."""
        return self.members.filter(
            Q(role=MemberRole.OFFICE_DIRECTOR) | Q(also_office_director=True)
        ).first()


class LeadershipMember(models.Model):
    """A member of a pilot county's leadership group (领导小组), in the document's order."""

    county = models.ForeignKey(
        PilotCounty, verbose_name=_("试点县"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("姓名"), max_length=50)
    role = models.CharField(_("职务（小组内）"), max_length=20, choices=MemberRole.choices)
    position = models.CharField(_("单位及职务"), max_length=200)
    also_office_director = models.BooleanField(
        _("兼任办公室主任"), default=False, help_text=_("组员兼任领导小组办公室主任时勾选。")
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["county", "order", "pk"]
        verbose_name = _("领导小组成员")
        verbose_name_plural = _("领导小组成员")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "name"],
                name="pilots_member_unique_name_per_county",
                violation_error_message=_("该试点县领导小组中已有同名成员。"),
            ),
            models.UniqueConstraint(
                fields=["county"],
                condition=Q(also_office_director=True) | Q(role="office_director"),
                name="pilots_member_one_office_director_per_county",
                violation_error_message=_("每个试点县只能有一名办公室主任。"),
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.name}"

    def clean(self):
        super().clean()
        if self.also_office_director and self.role == MemberRole.OFFICE_DIRECTOR:
            raise ValidationError(
                {"also_office_director": _("职务已是办公室主任，无需再勾选兼任。")}
            )


def _period(start, end) -> str:
    if end is None:
        return f"{start:%Y-%m-%d} 起"
    return f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d}"


class Phase(models.Model):
    """A phase of the pilot (实施步骤). Phases of one county never overlap; the last may
    have an open end (审核验收: "as the province schedules")."""

    county = models.ForeignKey(
        PilotCounty, verbose_name=_("试点县"), on_delete=models.CASCADE, related_name="phases"
    )
    name = models.CharField(_("阶段名称"), max_length=50)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    start = models.DateField(_("开始日期"), validators=[PLANNED_DATE])
    end = models.DateField(
        _("结束日期"),
        null=True,
        blank=True,
        validators=[PLANNED_DATE],
        help_text=_("留空表示未定。"),
    )
    period_text = models.CharField(
        _("文件所列时间"), max_length=50, blank=True, help_text=_("如“2022年10月—11月”。")
    )
    description = models.TextField(_("工作内容"), blank=True)

    class Meta:
        ordering = ["county", "start"]
        verbose_name = _("实施阶段")
        verbose_name_plural = _("实施阶段")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "name"],
                name="pilots_phase_unique_name_per_county",
                violation_error_message=_("该试点县已有同名阶段。"),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="pilots_phase_end_after_start",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def period(self) -> str:
        return _period(self.start, self.end)

    def overlaps(self, start: datetime.date, end: datetime.date | None) -> bool:
        """Whether [start, end] (end None = open) shares a day with this phase."""
        return (self.end is None or start <= self.end) and (end is None or self.start <= end)

    def overlapping_phases(self):
        """The county's other phases that share at least one day with this one."""
        others = Phase.objects.filter(county_id=self.county_id).exclude(pk=self.pk)
        others = others.filter(Q(end__isnull=True) | Q(end__gte=self.start))
        if self.end is not None:
            others = others.filter(start__lte=self.end)
        return others

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("结束日期不能早于开始日期。")})
        if self.county_id and self.start:
            clash = self.overlapping_phases().first()
            if clash is not None:
                raise overlap_error(self, clash)


def overlap_error(phase, other) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s”（%(period)s）与“%(other)s”（%(other_period)s）时间重叠：同一试点县的阶段不得重叠。"
        ),
        code="phase_overlap",
        params={
            "name": phase.name,
            "period": _period(phase.start, phase.end),
            "other": other.name,
            "other_period": _period(other.start, other.end),
        },
    )


class Target(models.Model):
    """A target of the pilot (目标). Its current value is counted from the portal's records
    (standards, certified applications), never typed in: see `current_value()`."""

    county = models.ForeignKey(
        PilotCounty, verbose_name=_("试点县"), on_delete=models.CASCADE, related_name="targets"
    )
    code = models.SlugField(_("代码"), max_length=50, help_text=_("本县内唯一，如 products。"))
    metric = models.CharField(_("指标"), max_length=30, choices=Metric.choices)
    sector = models.ForeignKey(
        "standards.ProductCategory",
        verbose_name=_("产业"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("如农业、稀土新材料；含其下级类别。留空表示不限产业。"),
    )
    standard_type = models.CharField(
        _("标准类型"),
        max_length=20,
        choices=StandardType.choices,
        blank=True,
        help_text=_("仅用于标准类指标，如团体标准；留空表示不限。"),
    )
    minimum = models.PositiveIntegerField(_("最低目标"))
    maximum = models.PositiveIntegerField(_("最高目标"), null=True, blank=True)
    text = models.TextField(_("文件原文"), blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["county", "order", "pk"]
        verbose_name = _("创建目标")
        verbose_name_plural = _("创建目标")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "code"],
                name="pilots_target_unique_code_per_county",
                violation_error_message=_("该试点县已有相同代码的目标。"),
            ),
            models.CheckConstraint(
                condition=Q(maximum__isnull=True) | Q(maximum__gte=models.F("minimum")),
                name="pilots_target_maximum_not_below_minimum",
                violation_error_message=_("最高目标不能低于最低目标。"),
            ),
        ]

    def __str__(self):
        return f"{self.get_metric_display()}：{self.range_display}"

    @property
    def range_display(self) -> str:
        if self.maximum is None:
            return f"≥ {self.minimum}"
        if self.maximum == self.minimum:
            return str(self.minimum)
        return f"{self.minimum}–{self.maximum}"

    @property
    def label(self) -> str:
        """What is counted, e.g. 完成认证企业数（农业）, 制定发布标准数（稀土新材料，团体标准）."""
        scope = [str(self.sector.name)] if self.sector_id else []
        if self.standard_type:
            scope.append(str(self.get_standard_type_display()))
        metric = str(self.get_metric_display())
        return f"{metric}（{'，'.join(scope)}）" if scope else metric

    def clean(self):
        super().clean()
        if self.standard_type and self.metric != Metric.STANDARDS_PUBLISHED:
            raise ValidationError({"standard_type": _("只有标准类指标可以限定标准类型。")})

    def current_value(self) -> int:
        """How far the county has got, counted from the portal's own records."""
        from ..progress import target_current_value

        return target_current_value(self)

    def is_met(self, value: int | None = None) -> bool:
        return (self.current_value() if value is None else value) >= self.minimum


class RewardRule(models.Model):
    """One clause of a county's reward policy (政策支持): what earns how much, once.

    Only the policy lives here; payouts owed under it are another model's business.
    """

    county = models.ForeignKey(
        PilotCounty,
        verbose_name=_("试点县"),
        on_delete=models.CASCADE,
        related_name="reward_rules",
    )
    kind = models.CharField(_("奖励情形"), max_length=40, choices=RewardKind.choices)
    amount = models.DecimalField(
        _("奖励金额（元）"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    payer = models.CharField(_("出资方"), max_length=50, blank=True, help_text=_("如“县财政”。"))
    is_one_time = models.BooleanField(_("一次性奖励"), default=True)
    text = models.TextField(_("文件原文"), blank=True)

    class Meta:
        ordering = ["county", "kind"]
        verbose_name = _("奖励政策")
        verbose_name_plural = _("奖励政策")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "kind"],
                name="pilots_reward_rule_unique_kind_per_county",
                violation_error_message=_("该试点县已有此奖励情形。"),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="pilots_reward_rule_amount_not_negative",
                violation_error_message=_("奖励金额不能为负数。"),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.amount:,.0f} 元"
