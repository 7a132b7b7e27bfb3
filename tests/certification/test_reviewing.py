"""The review of a round: scores, the computed total and result, and what certify needs."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import Role
from certification import services
from certification.enums import Action, ApplicationState, CheckResult
from certification.reviewing import review_complete, review_record_scores
from standards.enums import IndicatorKind
from tests.factories import user_with_role
from tests.factories.certification import ApplicationFactory, advance, reviewer_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    return advance(ApplicationFactory(), Action.SUBMIT, Action.ACCEPT)


def _verdicts(application, *, scored=None, mandatory=True):
    verdicts = {}
    for indicator in application.standard.indicators.all():
        if indicator.kind == IndicatorKind.MANDATORY:
            verdicts[indicator.pk] = {"passed": mandatory}
        else:
            value = indicator.max_score if scored is None else Decimal(scored)
            verdicts[indicator.pk] = {"score": value}
    return verdicts


def _review(application, *, document=CheckResult.PASS, onsite=CheckResult.PASS):
    review = application.reviews.get(round=application.round)
    review.document_result = document
    review.onsite_result = onsite
    review.save()
    return review


def test_accept_opens_the_round_review(application):
    assert application.reviews.filter(round=1).count() == 1


def test_review_full_marks_passes_and_certify_succeeds(application):
    reviewer = reviewer_for(application)
    review = _review(application)
    review_record_scores(review=review, user=reviewer, scores=_verdicts(application))
    review, reasons = review_complete(review=review, user=reviewer)
    assert reasons == []
    assert review.result == CheckResult.PASS
    assert review.total_score == Decimal("100")
    application = services.application_transition(
        application=application, action=Action.CERTIFY, user=reviewer
    )
    assert application.state == ApplicationState.CERTIFIED


def test_review_below_threshold_fails_and_certify_is_refused(application):
    reviewer = reviewer_for(application)
    review = _review(application)
    # two scored indicators at 25 each: 50 < pass score 60
    review_record_scores(review=review, user=reviewer, scores=_verdicts(application, scored="25"))
    review, reasons = review_complete(review=review, user=reviewer)
    assert review.result == CheckResult.FAIL
    assert review.total_score == Decimal("50")
    assert any("低于合格分数线" in reason for reason in reasons)
    with pytest.raises(services.ConditionsNotMet) as error:
        services.application_transition(
            application=application, action=Action.CERTIFY, user=reviewer
        )
    assert "本轮评审结论为不通过，不能批准认证。" in error.value.reasons


def test_review_failed_mandatory_indicator_fails_whatever_the_score(application):
    reviewer = reviewer_for(application)
    review = _review(application)
    review_record_scores(
        review=review, user=reviewer, scores=_verdicts(application, mandatory=False)
    )
    review, reasons = review_complete(review=review, user=reviewer)
    assert review.total_score == Decimal("100")
    assert review.result == CheckResult.FAIL
    assert "否决项“无重大环境违法记录”不合格。" in reasons


def test_review_failed_onsite_audit_fails(application):
    reviewer = reviewer_for(application)
    review = _review(application, onsite=CheckResult.FAIL)
    review_record_scores(review=review, user=reviewer, scores=_verdicts(application))
    review, reasons = review_complete(review=review, user=reviewer)
    assert review.result == CheckResult.FAIL
    assert "现场审核未通过。" in reasons


def test_certify_without_completed_review_is_refused(application):
    reviewer = reviewer_for(application)
    with pytest.raises(services.ConditionsNotMet) as error:
        services.application_transition(
            application=application, action=Action.CERTIFY, user=reviewer
        )
    assert error.value.reasons == ["本轮评审尚未完成。"]


def test_review_score_above_maximum_is_refused(application):
    reviewer = reviewer_for(application)
    review = _review(application)
    with pytest.raises(ValidationError) as error:
        review_record_scores(
            review=review, user=reviewer, scores=_verdicts(application, scored="41")
        )
    assert "得分应在 0 到 40.0 之间" in str(error.value)
    assert not review.scores.exists()


def test_review_other_body_reviewer_may_not_score(application):
    stranger = user_with_role(Role.REVIEWER)
    review = _review(application)
    with pytest.raises(PermissionDenied):
        review_record_scores(review=review, user=stranger, scores=_verdicts(application))


def test_review_conflicted_reviewer_may_not_score(application):
    reviewer = reviewer_for(application)
    reviewer.conflicts.create(enterprise=application.enterprise, reason="曾任该企业顾问")
    review = _review(application)
    with pytest.raises(PermissionDenied):
        review_record_scores(review=review, user=reviewer, scores=_verdicts(application))


def test_resubmit_opens_a_new_round_carrying_findings_forward(application):
    reviewer = reviewer_for(application)
    review = _review(application)
    review.test_results = "检测报告编号 2024-001：合格"
    review.save()
    review_record_scores(review=review, user=reviewer, scores=_verdicts(application))
    application = services.application_transition(
        application=application,
        action=Action.REQUEST_CHANGES,
        user=reviewer,
        comment="补充检测报告",
    )
    application = services.application_transition(
        application=application, action=Action.RESUBMIT, user=application.created_by
    )
    assert application.round == 2
    second = application.reviews.get(round=2)
    assert second.test_results == "检测报告编号 2024-001：合格"
    assert second.scores.count() == 3
    assert second.completed_at is None


@pytest.mark.parametrize("action", [Action.REQUEST_CHANGES, Action.REJECT])
def test_reason_is_required_for(application, action):
    with pytest.raises(services.ConditionsNotMet) as error:
        services.application_transition(
            application=application, action=action, user=reviewer_for(application), comment="  "
        )
    assert error.value.reasons == ["请填写原因，企业将看到这段说明。"]
    application.refresh_from_db()
    assert application.state == ApplicationState.UNDER_REVIEW


def test_submit_without_required_documents_lists_what_is_missing():
    application = ApplicationFactory()
    with pytest.raises(services.ConditionsNotMet) as error:
        services.application_transition(
            application=application, action=Action.SUBMIT, user=application.created_by
        )
    assert error.value.reasons == ["缺少必备材料：营业执照、产品检测报告。"]
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT
