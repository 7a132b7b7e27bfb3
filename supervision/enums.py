"""Choices of the supervision app, importable from anywhere without the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("已公布种子摘要")
    DRAWN = "drawn", _("已抽取")
    CLOSED = "closed", _("已结束并公开")


class CheckResult(models.TextChoices):
    PENDING = "pending", _("待检查")
    PASSED = "passed", _("合格")
    FAILED = "failed", _("不合格")
    RECTIFY = "rectify", _("限期整改")


class SanctionAction(models.TextChoices):
    SUSPEND = "suspend", _("暂停证书")
    REVOKE = "revoke", _("撤销证书")


class SanctionReason(models.TextChoices):
    """Reason codes shown publicly with a sanction."""

    QUALITY = "quality", _("产品质量不符合标准要求")
    MARK_MISUSE = "mark_misuse", _("违规使用品牌标识")
    FALSE_INFO = "false_info", _("提供虚假材料")
    RECTIFY_MISSED = "rectify_missed", _("逾期未完成整改")
    SURVEILLANCE_OVERDUE = "surveillance_overdue", _("逾期未接受年度监督审核")
    SURVEILLANCE_FAILED = "surveillance_failed", _("年度监督审核不合格")
    OTHER = "other", _("其他")


class SurveillanceResult(models.TextChoices):
    PASSED = "passed", _("合格")
    FAILED = "failed", _("不合格")


class CaseState(models.TextChoices):
    REPORTED = "reported", _("已受理")
    INVESTIGATING = "investigating", _("调查中")
    CONFIRMED = "confirmed", _("已认定")
    DISMISSED = "dismissed", _("不予认定")


class CaseAction(models.TextChoices):
    INVESTIGATE = "investigate", _("立案调查")
    CONFIRM = "confirm", _("认定侵权")
    DISMISS = "dismiss", _("不予认定")


class CaseSource(models.TextChoices):
    PUBLIC_FORM = "public_form", _("公众举报")
    FAKE_REPORT = "fake_report", _("证书查验页举报")
    SUPERVISOR = "supervisor", _("监管人员登记")


class InfringementKind(models.TextChoices):
    FORGED = "forged", _("伪造评价标识或证书")
    ALTERED = "altered", _("变造评价标识或证书")
    TRADED = "traded", _("买卖评价标识或证书")
    MISUSED = "misused", _("超范围或未经认证使用标识")
    OTHER = "other", _("其他")


class ReviewStep(models.TextChoices):
    """Review steps a recognised certificate may replace."""

    DOCUMENTS = "documents", _("文件审核")
    ONSITE = "onsite", _("现场审核")
    TESTING = "testing", _("产品检测")
