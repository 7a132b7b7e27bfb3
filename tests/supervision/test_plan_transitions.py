"""Spot-check plans move through the core engine: each step in the one activity log."""

import pytest

from activity.models import LogEntry
from brandportal.errors import ConditionsNotMet, ServiceError, TransitionNotAllowed
from supervision.enums import CheckResult, PlanStatus
from supervision.services import plan_close, plan_draw
from tests.factories.supervision import certificates_in_scope, inspector, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn():
    certificates_in_scope(2)
    official = inspector()
    for _ in range(2):
        inspector()
    return plan_draw(plan=plan(enterprise_count=2), user=official), official


def test_plan_draw_and_close_are_logged_with_the_status_labels(drawn):
    drawn_plan, official = drawn
    drawn_plan.checks.update(result=CheckResult.PASSED)
    plan_close(plan=drawn_plan, user=official)
    entries = list(drawn_plan.log_entries.all())
    assert [(e.action, e.from_state, e.to_state, e.actor) for e in entries] == [
        ("draw", PlanStatus.PLANNED, PlanStatus.DRAWN, official),
        ("close", PlanStatus.DRAWN, PlanStatus.CLOSED, official),
    ]
    assert entries[1].get_to_state_display() == "已结束并公开"


def test_plan_drawn_twice_is_not_allowed_and_logs_once(drawn):
    drawn_plan, official = drawn
    with pytest.raises(TransitionNotAllowed) as refusal:
        plan_draw(plan=drawn_plan, user=official)
    assert refusal.value.status_code == 409
    assert "不能重新抽取" in refusal.value.message
    assert LogEntry.objects.for_object(drawn_plan).count() == 1


def test_plan_close_with_pending_checks_is_a_400_condition(drawn):
    drawn_plan, official = drawn
    with pytest.raises(ConditionsNotMet) as refusal:
        plan_close(plan=drawn_plan, user=official)
    assert refusal.value.status_code == 400
    assert isinstance(refusal.value, ServiceError)
    drawn_plan.refresh_from_db()
    assert drawn_plan.status == PlanStatus.DRAWN


def test_plan_draw_refused_by_the_pool_leaves_no_state_no_log_and_no_seed():
    certificates_in_scope(1)
    official = inspector()
    inspector()
    planned = plan(enterprise_count=3)
    with pytest.raises(ServiceError):
        plan_draw(plan=planned, user=official)
    planned.refresh_from_db()
    assert (planned.status, planned.revealed_seed) == (PlanStatus.PLANNED, "")
    assert not LogEntry.objects.for_object(planned).exists()
