"""The certification application and its state machine, the spine of the portal."""

import re
import unicodedata

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .. import conditions as c
from ..enums import DEFAULT_REQUIRED_DOCUMENTS, Action, ApplicationState, DocumentType

S = ApplicationState
# An application's reference (SQ000003) as typed: the prefix in any case, zeros optional.
REFERENCE = re.compile(r"[Ss][Qq]-?0*(\d+)")


class ApplicationQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related(
            "enterprise__division", "product__category", "standard", "certification_body"
        )


class Application(ConcurrentTransitionMixin, models.Model):
    """An enterprise's application to certify one product against one published standard.

    The state changes only through the transition methods below (the field is
    protected); services in `certification.services` run them through the core engine
    (`brandportal.transitions`), which logs each one in the activity log.
    """

    LOG_ACTIONS = Action.choices  # labels of the actions in the activity log

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    product = models.ForeignKey(
        "certification.Product",
        verbose_name=_("产品"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    standard = models.ForeignKey(
        "standards.Standard",
        verbose_name=_("依据标准"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    certification_body = models.ForeignKey(
        "enterprises.CertificationBody",
        verbose_name=_("第三方评价机构"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    state = FSMField(
        _("状态"),
        max_length=20,
        choices=ApplicationState.choices,
        default=ApplicationState.DRAFT,
        protected=True,
        db_index=True,
    )
    round = models.PositiveSmallIntegerField(
        _("轮次"), default=1, help_text=_("每次补正后重新提交加一。")
    )
    renewal_of = models.ForeignKey(
        "self",
        verbose_name=_("续期自"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        help_text=_("续期申请所接续的原认证申请（及其证书）。"),
    )
    recognised_brands_note = models.TextField(
        _("已获互认品牌说明"), blank=True, help_text=_("如已获“圳品”等互认品牌认证，请注明。")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, db_index=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)

    # The application's timeline: its entries in the one activity log.
    log_entries = GenericRelation("activity.LogEntry", related_query_name="application")

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("认证申请")
        verbose_name_plural = _("认证申请")
        permissions = [
            ("review_application", _("评审认证申请")),
            ("supervise_application", _("监管已认证申请")),
        ]

    def __str__(self):
        return f"{self.reference}：{self.product}"

    @property
    def reference(self) -> str:
        return f"SQ{self.pk:06d}" if self.pk else "SQ-新"

    @staticmethod
    def pk_from_reference(text: str) -> int | None:
        """The id in a reference as people type it ("SQ000003", "sq3", full-width), or None."""
        match = REFERENCE.fullmatch(unicodedata.normalize("NFKC", text or "").strip())
        return int(match.group(1)) if match and len(match.group(1)) <= 12 else None

    # --- facts the conditions read -------------------------------------------------

    def required_document_types(self) -> list[DocumentType]:
        declared = [DocumentType(r.document_type) for r in self.standard.required_documents.all()]
        return declared or list(DEFAULT_REQUIRED_DOCUMENTS)

    def missing_document_types(self) -> list[DocumentType]:
        present = set(self.documents.values_list("document_type", flat=True))
        return [t for t in self.required_document_types() if t not in present]

    @cached_property
    def current_review(self):
        return self.reviews.filter(round=self.round).first()

    # --- transitions -------------------------------------------------------------------
    # Permission names are django-rules permissions (certification/rules.py); the
    # services check them with the acting user before calling the transition.

    @transition(
        field=state,
        source=S.DRAFT,
        target=S.SUBMITTED,
        conditions=[
            c.standard_published,
            c.body_accredited,
            c.required_documents_present,
            c.no_other_open_application,
        ],
        permission="certification.submit_application",
    )
    def submit(self):
        self.submitted_at = timezone.now()

    @transition(
        field=state,
        source=[S.DRAFT, S.SUBMITTED, S.NEEDS_CHANGES],
        target=S.WITHDRAWN,
        permission="certification.withdraw_application",
    )
    def withdraw(self):
        self.decided_at = timezone.now()

    @transition(
        field=state,
        source=S.SUBMITTED,
        target=S.UNDER_REVIEW,
        permission="certification.accept_application",
    )
    def accept(self):
        pass

    @transition(
        field=state,
        source=S.UNDER_REVIEW,
        target=S.NEEDS_CHANGES,
        permission="certification.request_changes_application",
    )
    def request_changes(self):
        pass

    @transition(
        field=state,
        source=S.NEEDS_CHANGES,
        target=S.UNDER_REVIEW,
        conditions=[c.standard_published, c.required_documents_present],
        permission="certification.resubmit_application",
    )
    def resubmit(self):
        self.round += 1
        self.__dict__.pop("current_review", None)

    @transition(
        field=state,
        source=S.UNDER_REVIEW,
        target=S.REJECTED,
        permission="certification.reject_application",
    )
    def reject(self):
        self.decided_at = timezone.now()

    @transition(
        field=state,
        source=S.UNDER_REVIEW,
        target=S.CERTIFIED,
        conditions=[c.standard_published, c.review_passed],
        permission="certification.certify_application",
    )
    def certify(self):
        self.decided_at = timezone.now()

    @transition(field=state, source=S.CERTIFIED, target=S.SUPERVISED)
    def start_supervision(self):
        pass

    @transition(
        field=state,
        source=S.SUPERVISED,
        target=S.SUSPENDED,
        permission="certification.suspend_application",
    )
    def suspend(self):
        pass

    @transition(
        field=state,
        source=S.SUSPENDED,
        target=S.SUPERVISED,
        permission="certification.restore_application",
    )
    def restore(self):
        pass

    @transition(
        field=state,
        source=[S.SUPERVISED, S.SUSPENDED],
        target=S.REVOKED,
        permission="certification.revoke_application",
    )
    def revoke(self):
        pass

    @transition(field=state, source=[S.SUPERVISED, S.SUSPENDED], target=S.EXPIRED)
    def expire(self):
        pass
