"""Publishing is refused, with the reasons and nothing changed, when it is not ready."""

from decimal import Decimal

import pytest

from accounts.roles import Role
from activity.models import LogEntry
from standards import services
from standards.enums import IndicatorKind, StandardState
from standards.models import Standard
from tests.factories import (
    IndicatorFactory,
    StandardFactory,
    pdf_file,
    publishable_standard,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return user_with_role(Role.PROVINCIAL_ADMIN)


def _refused(standard, admin):
    with pytest.raises(services.TransitionRefused) as refused:
        services.standard_publish(standard=standard, user=admin)
    unchanged = Standard.objects.get(pk=standard.pk)
    assert unchanged.state == StandardState.SUBMITTED
    assert unchanged.published_on is None
    assert not LogEntry.objects.filter(standard=standard).exists()
    return refused.value.reasons


def test_publish_without_full_text_is_refused(admin):
    standard = publishable_standard()
    standard.full_text = None
    standard.save()
    assert _refused(standard, admin) == ["尚未上传标准全文（PDF）。"]


def test_publish_without_indicators_is_refused(admin):
    standard = publishable_standard(pass_score="0")
    standard.indicators.all().delete()
    assert _refused(standard, admin) == ["尚未设置任何指标。"]


def test_publish_with_threshold_above_total_is_refused(admin):
    standard = publishable_standard(pass_score="100.5")
    assert _refused(standard, admin) == ["合格分数线 100.5 高于评分项满分合计 100。"]


def test_publish_with_every_problem_lists_every_reason(admin):
    standard = StandardFactory(state=StandardState.SUBMITTED, pass_score=Decimal("10"))
    assert len(_refused(standard, admin)) == 3


def test_publish_threshold_counts_only_scored_indicators(admin):
    standard = StandardFactory(
        state=StandardState.SUBMITTED, pass_score=Decimal("30"), full_text=pdf_file()
    )
    IndicatorFactory(standard=standard, max_score=Decimal("20"))
    IndicatorFactory(standard=standard, kind=IndicatorKind.MANDATORY, max_score=None)
    assert standard.total_score() == Decimal("20")
    assert _refused(standard, admin) == ["合格分数线 30 高于评分项满分合计 20。"]


def test_publish_with_threshold_equal_to_total_succeeds(admin):
    standard = publishable_standard(pass_score="100")
    assert services.standard_publish(standard=standard, user=admin).state == "published"


def test_publish_mandatory_only_standard_with_zero_threshold_succeeds(admin):
    standard = publishable_standard(pass_score="0")
    standard.indicators.update(kind=IndicatorKind.MANDATORY, max_score=None)
    assert services.standard_publish(standard=standard, user=admin).state == "published"
