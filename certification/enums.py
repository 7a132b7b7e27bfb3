"""Choices of the certification app, importable from anywhere without the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    UNDER_REVIEW = "under_review", _("评审中")
    NEEDS_CHANGES = "needs_changes", _("待补正")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤回")
    CERTIFIED = "certified", _("已认证")
    SUPERVISED = "supervised", _("监管中")
    SUSPENDED = "suspended", _("暂停")
    REVOKED = "revoked", _("撤销")
    EXPIRED = "expired", _("过期")


# States in which the enterprise may still edit the application and its documents.
EDITABLE_STATES = frozenset({ApplicationState.DRAFT, ApplicationState.NEEDS_CHANGES})
# States that hold a certification (a certificate is or is about to be issued).
CERTIFIED_STATES = frozenset(
    {ApplicationState.CERTIFIED, ApplicationState.SUPERVISED, ApplicationState.SUSPENDED}
)


class Action(models.TextChoices):
    """The transitions of an application, by method name."""

    SUBMIT = "submit", _("提交申请")
    WITHDRAW = "withdraw", _("撤回申请")
    ACCEPT = "accept", _("受理")
    REQUEST_CHANGES = "request_changes", _("要求补正")
    RESUBMIT = "resubmit", _("补正后重新提交")
    REJECT = "reject", _("不予认证")
    CERTIFY = "certify", _("批准认证")
    START_SUPERVISION = "start_supervision", _("转入监管")
    SUSPEND = "suspend", _("暂停")
    RESTORE = "restore", _("恢复")
    REVOKE = "revoke", _("撤销")
    EXPIRE = "expire", _("到期")


# Actions whose comment is a reason the enterprise will read: it may not be empty.
ACTIONS_NEEDING_REASON = frozenset(
    {Action.REQUEST_CHANGES, Action.REJECT, Action.SUSPEND, Action.REVOKE}
)
# Actions only the system performs (the certificate task, the expiry sweep).
SYSTEM_ACTIONS = frozenset({Action.START_SUPERVISION, Action.EXPIRE})


class DocumentType(models.TextChoices):
    BUSINESS_LICENSE = "business_license", _("营业执照")
    TEST_REPORT = "test_report", _("产品检测报告")
    PRODUCTION_LICENSE = "production_license", _("生产许可")
    QUALITY_SYSTEM = "quality_system", _("质量管理体系文件")
    OTHER = "other", _("其他")


# Required when a standard names no documents of its own.
DEFAULT_REQUIRED_DOCUMENTS = (DocumentType.BUSINESS_LICENSE, DocumentType.TEST_REPORT)


class CheckResult(models.TextChoices):
    PENDING = "pending", _("待定")
    PASS = "pass", _("通过")
    FAIL = "fail", _("不通过")
