"""Writes on reviews: scoring indicators and completing a review round."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import can
from standards.enums import IndicatorKind

from .enums import ApplicationState, CheckResult
from .models import Application, IndicatorScore, Review


def compute_result(review: Review) -> tuple[Decimal, CheckResult, list[str]]:
    """Total score, pass/fail, and the reasons for a fail, from the recorded findings."""
    standard = review.application.standard
    indicators = list(standard.indicators.all())
    scores = {s.indicator_id: s for s in review.scores.all()}
    total = Decimal("0")
    reasons = []
    for indicator in indicators:
        score = scores.get(indicator.pk)
        if indicator.kind == IndicatorKind.MANDATORY:
            if score is None or score.passed is None:
                reasons.append(_("否决项“%(name)s”尚未评定。") % {"name": indicator.name})
            elif not score.passed:
                reasons.append(_("否决项“%(name)s”不合格。") % {"name": indicator.name})
        else:
            if score is None or score.score is None:
                reasons.append(_("评分项“%(name)s”尚未打分。") % {"name": indicator.name})
            else:
                total += score.score
    if review.document_result != CheckResult.PASS:
        reasons.append(_("文件审核未通过。"))
    if review.onsite_result != CheckResult.PASS:
        reasons.append(_("现场审核未通过。"))
    if total < standard.pass_score:
        reasons.append(
            _("总分 %(total)s 低于合格分数线 %(pass)s。")
            % {"total": total, "pass": standard.pass_score}
        )
    return total, (CheckResult.FAIL if reasons else CheckResult.PASS), reasons


def review_record_scores(*, review: Review, user, scores: dict[int, dict]) -> Review:
    """Record indicator verdicts: {indicator_id: {"score": Decimal|None, "passed": bool|None}}."""
    application = review.application
    if not can(user, "certification.review_application", application):
        raise PermissionDenied
    if application.state != ApplicationState.UNDER_REVIEW or review.round != application.round:
        raise ValidationError(_("只有评审中申请的当前轮次评审可以修改。"))
    indicators = {i.pk: i for i in application.standard.indicators.all()}
    errors = []
    for indicator_id, verdict in scores.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            errors.append(_("指标 %(id)s 不属于本申请所依据的标准。") % {"id": indicator_id})
            continue
        score = verdict.get("score")
        out_of_range = score is not None and not (0 <= score <= (indicator.max_score or 0))
        if indicator.kind == IndicatorKind.SCORED and out_of_range:
            errors.append(
                _("“%(name)s”得分应在 0 到 %(max)s 之间。")
                % {"name": indicator.name, "max": indicator.max_score}
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Review.objects.select_for_update().get(pk=review.pk)
        for indicator_id, verdict in scores.items():
            IndicatorScore.objects.update_or_create(
                review=review,
                indicator_id=indicator_id,
                defaults={
                    "score": verdict.get("score"),
                    "passed": verdict.get("passed"),
                    "note": verdict.get("note", ""),
                },
            )
        review.reviewer = user
        review.completed_at = None
        review.result = CheckResult.PENDING
        review.total_score, _result, _reasons = compute_result(review)
        review.save()
    return review


def review_complete(*, review: Review, user) -> tuple[Review, list[str]]:
    """Close the round's review: compute the total and the result, and say why if it fails.

    A failing review is still completed (the reviewer may then reject or request changes);
    `certify` requires a completed passing one.
    """
    application = review.application
    if not can(user, "certification.review_application", application):
        raise PermissionDenied
    with transaction.atomic():
        locked_app = Application.objects.select_for_update().get(pk=application.pk)
        if locked_app.state != ApplicationState.UNDER_REVIEW or review.round != locked_app.round:
            raise ValidationError(_("只有评审中申请的当前轮次评审可以完成。"))
        locked = Review.objects.select_for_update().get(pk=review.pk)
        total, result, reasons = compute_result(locked)
        locked.total_score = total
        locked.result = result
        locked.reviewer = user
        locked.completed_at = timezone.now()
        locked.save()
    return locked, reasons


def review_prepare_scores(review: Review) -> None:
    """Give the review an empty score row per indicator of the standard, for the form.

    Empty rows change no result (an unscored indicator counts as missing either way), so
    this is safe to run whenever the review form is opened; it only adds missing rows.
    """
    present = review.scores.values("indicator_id")
    missing = review.application.standard.indicators.exclude(pk__in=present)
    IndicatorScore.objects.bulk_create(
        [IndicatorScore(review=review, indicator=indicator) for indicator in missing],
        ignore_conflicts=True,
    )
