"""Task tables: the pilot county's tasks and the province's key tasks, with dated updates."""

import calendar
import datetime
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brandportal.dates import PLANNED_DATE
from brandportal.files import sniff_file_type, stored_name
from brandportal.storage import private_storage

from ..enums import PilotTaskKind, TaskStatus
from ..validators import validate_attachment
from .units import units_display

CHINESE_NUMERALS = "一二三四五六七八九十"


class TaskQuerySet(models.QuerySet):
    def overdue(self, today: datetime.date | None = None):
        """Tasks past their deadline and not done; ongoing tasks are never overdue."""
        today = today or timezone.localdate()
        return self.filter(deadline__lt=today).exclude(status=TaskStatus.DONE)

    def in_document_order(self):
        """A county's main tasks (三、主要任务) first, then its breakdown table (附件2)."""
        main_first = models.Case(models.When(kind=PilotTaskKind.MAIN, then=0), default=1)
        return self.order_by("county", main_first, "number")


class TrackedTask(models.Model):
    """What every tracked task has: a status, a progress percent and a deadline.

    Status and progress change only through a dated update (see `services`), so the
    history of who reported what stays complete.
    """

    content = models.TextField(_("工作内容"))
    status = models.CharField(
        _("状态"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("进度（%）"), default=0, validators=[MaxValueValidator(100)]
    )
    deadline = models.DateField(_("完成时限"), null=True, blank=True, validators=[PLANNED_DATE])
    responsible_units_text = models.CharField(
        _("责任单位（文件原文）"),
        max_length=500,
        blank=True,
        help_text=_("按文件原样记录，含“等”字及标点；留空时按所选单位显示。"),
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="%(app_label)s_%(class)s_progress_at_most_100",
                violation_error_message=_("进度不能超过 100%。"),
            )
        ]

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        if self.deadline is None or self.status == TaskStatus.DONE:
            return False
        return self.deadline < (today or timezone.localdate())

    is_overdue.boolean = True
    is_overdue.short_description = _("已逾期")

    @property
    def responsible_units_display(self) -> str:
        return units_display(self.responsible_units_text, self.responsible_units.all())


class PilotTask(TrackedTask):
    """A task of a pilot county: one of the plan's main tasks (主要任务, with lead units)
    or a row of its task breakdown table (主要任务分解表)."""

    county = models.ForeignKey(
        "pilots.PilotCounty",
        verbose_name=_("试点县"),
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    kind = models.CharField(_("类别"), max_length=20, choices=PilotTaskKind.choices)
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("标题"), max_length=200, blank=True)
    lead_units = models.ManyToManyField(
        "pilots.GovernmentUnit",
        verbose_name=_("牵头单位"),
        blank=True,
        related_name="led_pilot_tasks",
    )
    lead_units_text = models.CharField(_("牵头单位（文件原文）"), max_length=500, blank=True)
    responsible_units = models.ManyToManyField(
        "pilots.GovernmentUnit",
        verbose_name=_("责任单位"),
        blank=True,
        related_name="pilot_tasks",
    )

    class Meta(TrackedTask.Meta):
        ordering = ["county", "kind", "number"]
        verbose_name = _("试点县任务")
        verbose_name_plural = _("试点县任务")
        constraints = [
            *TrackedTask.Meta.constraints,
            models.UniqueConstraint(
                fields=["county", "kind", "number"],
                name="pilots_pilottask_unique_number",
                violation_error_message=_("该试点县已有相同类别和序号的任务。"),
            ),
        ]

    def __str__(self):
        return f"{self.county} {self.get_kind_display()} {self.number_display}"

    @property
    def number_display(self) -> str:
        if self.kind == PilotTaskKind.MAIN and 1 <= self.number <= len(CHINESE_NUMERALS):
            return f"（{CHINESE_NUMERALS[self.number - 1]}）"
        return str(self.number)

    @property
    def deadline_display(self) -> str:
        return f"{self.deadline:%Y-%m-%d}" if self.deadline else str(_("无固定时限"))

    @property
    def lead_units_display(self) -> str:
        return units_display(self.lead_units_text, self.lead_units.all())


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


class ProvincialTask(TrackedTask):
    """A key task of the provincial list (重点任务清单), deadlined by month or ongoing."""

    number = models.PositiveSmallIntegerField(_("序号"), unique=True)
    part = models.CharField(_("部分"), max_length=50, help_text=_("如“三、重点任务”。"))
    section = models.CharField(
        _("分项"), max_length=100, blank=True, help_text=_("如“(一)培植“江西绿色生态”品牌文化”。")
    )
    responsible_units = models.ManyToManyField(
        "pilots.GovernmentUnit",
        verbose_name=_("责任单位"),
        blank=True,
        related_name="provincial_tasks",
    )

    class Meta(TrackedTask.Meta):
        ordering = ["number"]
        verbose_name = _("省级重点任务")
        verbose_name_plural = _("省级重点任务")

    def __str__(self):
        return f"{self.number}. {self.content[:30]}"

    def clean(self):
        super().clean()
        # The province sets deadlines by month; the last day of the month is stored.
        if self.deadline and self.deadline != month_end(self.deadline):
            raise ValidationError({"deadline": _("完成时限按月填写：请填所在月份的最后一天。")})

    @property
    def ongoing(self) -> bool:
        return self.deadline is None

    @property
    def deadline_display(self) -> str:
        if self.deadline is None:
            return str(_("持续推进"))
        return f"{self.deadline.year}年{self.deadline.month}月"


def attachment_path(instance, filename: str) -> str:
    # The user's name is display text only (attachment_name); the stored name is random,
    # with the extension of the content.
    folder = f"pilots/{instance._meta.model_name}/{timezone.now():%Y/%m}"
    kind = sniff_file_type(instance.attachment, office=True) if instance.attachment else None
    return stored_name(kind, folder) if kind else f"{folder}/{uuid.uuid4().hex}"


class TaskUpdate(models.Model):
    """A dated progress report on a task: text, optional new status and progress, a file.

    Updates are never edited or deleted; a correction is a new update.
    """

    text = models.TextField(_("进展情况"))
    status = models.CharField(
        _("更新后状态"), max_length=20, choices=TaskStatus.choices, blank=True
    )
    progress = models.PositiveSmallIntegerField(
        _("更新后进度（%）"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    attachment = models.FileField(
        _("附件"),
        upload_to=attachment_path,
        storage=private_storage,
        blank=True,
        validators=[validate_attachment],
    )
    attachment_name = models.CharField(_("附件原文件名"), max_length=255, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("填报时间"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.author}"

    @property
    def attachment_display_name(self) -> str:
        """The name the user gave the file (display and download only)."""
        return self.attachment_name or PurePosixPath(self.attachment.name).name


class PilotTaskUpdate(TaskUpdate):
    task = models.ForeignKey(
        PilotTask, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="updates"
    )

    class Meta(TaskUpdate.Meta):
        verbose_name = _("试点县任务进展")
        verbose_name_plural = _("试点县任务进展")


class ProvincialTaskUpdate(TaskUpdate):
    task = models.ForeignKey(
        ProvincialTask, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="updates"
    )

    class Meta(TaskUpdate.Meta):
        verbose_name = _("省级重点任务进展")
        verbose_name_plural = _("省级重点任务进展")
