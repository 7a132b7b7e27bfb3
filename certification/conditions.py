"""Conditions of application transitions, each able to say in Chinese why it fails.

A condition is a callable on the application (django-fsm calls it to decide whether a
transition may proceed) with an `explain(application)` that lists what is missing.
"""

from django.utils.translation import gettext as _

from .enums import ApplicationState, CheckResult


class Condition:
    def __call__(self, application) -> bool:
        return not self.explain(application)

    def explain(self, application) -> list[str]:
        raise NotImplementedError


class StandardPublished(Condition):
    def explain(self, application):
        if application.standard.state != "published":
            return [
                _("所选标准“%(code)s”当前未处于已发布状态。") % {"code": application.standard.code}
            ]
        return []


class BodyAccredited(Condition):
    def explain(self, application):
        if not application.certification_body.is_accredited:
            return [_("所选第三方评价机构当前未获认可。")]
        return []


class RequiredDocumentsPresent(Condition):
    def explain(self, application):
        missing = application.missing_document_types()
        if missing:
            return [
                _("缺少必备材料：%(names)s。") % {"names": "、".join(str(m.label) for m in missing)}
            ]
        return []


class ReviewPassed(Condition):
    def explain(self, application):
        review = application.current_review
        if review is None or review.completed_at is None:
            return [_("本轮评审尚未完成。")]
        if review.result != CheckResult.PASS:
            return [_("本轮评审结论为不通过，不能批准认证。")]
        return []


class NoOtherOpenApplication(Condition):
    """Fails while another application for the same product is being processed."""

    def explain(self, application):
        from .models import Application

        live = (
            Application.objects.filter(product_id=application.product_id)
            .exclude(pk=application.pk)
            .filter(
                state__in=[
                    ApplicationState.SUBMITTED,
                    ApplicationState.UNDER_REVIEW,
                    ApplicationState.NEEDS_CHANGES,
                ]
            )
        )
        if live.exists():
            return [_("该产品已有一份正在办理的申请。")]
        return []


standard_published = StandardPublished()
body_accredited = BodyAccredited()
required_documents_present = RequiredDocumentsPresent()
review_passed = ReviewPassed()
no_other_open_application = NoOtherOpenApplication()
