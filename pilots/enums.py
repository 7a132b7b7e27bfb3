"""Choices of the pilots app, importable from anywhere without loading models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    LEADER = "leader", _("组长")
    DEPUTY_LEADER = "deputy_leader", _("副组长")
    MEMBER = "member", _("成员")
    # For an office director who is not otherwise a member of the group; a member who
    # also directs the office (as in 寻乌县) keeps the member role and is flagged.
    OFFICE_DIRECTOR = "office_director", _("办公室主任")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("进行中")
    DONE = "done", _("已完成")


class PilotTaskKind(models.TextChoices):
    MAIN = "main", _("主要任务")
    BREAKDOWN = "breakdown", _("任务分解")


class Metric(models.TextChoices):
    """What a target counts; the count always comes from the portal's own records."""

    STANDARDS_PUBLISHED = "standards_published", _("制定发布标准数")
    PRODUCTS_CERTIFIED = "products_certified", _("通过认证产品数")
    ENTERPRISES_CERTIFIED = "enterprises_certified", _("完成认证企业数")


class RewardKind(models.TextChoices):
    PER_PUBLISHED_STANDARD = "per_published_standard", _("每项本县提交并最终颁布的标准")
    PER_FIRST_CERTIFIED_ENTERPRISE = (
        "per_first_certified_enterprise",
        _("每家首次获得认证的企业"),
    )


class PayoutState(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已审核待支付")
    PAID = "paid", _("已支付")
    REJECTED = "rejected", _("不予发放")
