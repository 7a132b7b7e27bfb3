"""侵权信息: infringement cases of the brand's mark, their workflow and log."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from brandportal.dates import PAST_DATE
from brandportal.storage import private_storage

from ..enums import CaseAction, CaseSource, CaseState, InfringementKind
from .files import case_evidence_path


class InfringementCase(ConcurrentTransitionMixin, models.Model):
    """A reported infringement of the brand: reported → investigating → confirmed/dismissed.

    Only confirmed cases are public, and then only the fields `PUBLIC_FIELDS` lists
    (the reporter's contact, the evidence and internal notes never are). Its steps are
    logged in the activity log (`log`).
    """

    LOG_ACTIONS = CaseAction.choices  # labels of the actions in the activity log

    state = FSMField(
        _("状态"),
        max_length=15,
        choices=CaseState.choices,
        default=CaseState.REPORTED,
        protected=True,
        db_index=True,
    )
    source = models.CharField(_("来源"), max_length=15, choices=CaseSource.choices)
    kind = models.CharField(
        _("侵权类型"),
        max_length=10,
        choices=InfringementKind.choices,
        default=InfringementKind.OTHER,
    )
    party_name = models.CharField(_("涉事主体"), max_length=200)
    party_credit_code = models.CharField(_("涉事主体统一社会信用代码"), max_length=18, blank=True)
    place = models.CharField(_("发现地点"), max_length=255)
    description = models.TextField(_("情况描述"))
    certificate_number = models.CharField(_("涉及证书编号"), max_length=60, blank=True)
    evidence = models.FileField(
        _("证据文件"), upload_to=case_evidence_path, storage=private_storage, blank=True
    )
    evidence_kind = models.CharField(_("文件格式"), max_length=10, blank=True, editable=False)
    reporter_contact = models.CharField(_("举报人联系方式"), max_length=100, blank=True)
    fake_report = models.OneToOneField(
        "certificates.FakeReport",
        verbose_name=_("假冒举报"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="infringement_case",
        editable=False,
    )
    possible_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("疑似重复案件"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text=_("同一涉事主体和地点已有未结案件时标记，请处理人核对。"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_number = models.CharField(_("处罚决定书文号"), max_length=100, blank=True)
    decision_date = models.DateField(_("决定日期"), null=True, blank=True, validators=[PAST_DATE])
    penalty = models.TextField(_("处罚内容"), blank=True)
    dismissal_reason = models.TextField(_("不予认定理由"), blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    log = GenericRelation("activity.LogEntry", related_query_name="infringement_case")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("侵权案件")
        verbose_name_plural = _("侵权案件")
        constraints = [
            models.UniqueConstraint(
                fields=["decision_number"],
                condition=~models.Q(decision_number=""),
                name="case_decision_number_unique",
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.party_name}"

    @property
    def reference(self) -> str:
        return f"QQ{self.pk:06d}" if self.pk else "QQ-新"

    @transition(field=state, source=CaseState.REPORTED, target=CaseState.INVESTIGATING)
    def investigate(self):
        pass

    @transition(field=state, source=CaseState.INVESTIGATING, target=CaseState.CONFIRMED)
    def confirm(self):
        pass

    @transition(
        field=state,
        source=[CaseState.REPORTED, CaseState.INVESTIGATING],
        target=CaseState.DISMISSED,
    )
    def dismiss(self):
        pass
