"""Two administrators acting on one standard at once: exactly one wins, the other is told."""

import pytest

from accounts.roles import Role
from activity.models import LogEntry
from standards import services
from standards.enums import StandardState
from standards.models import Standard
from tests.concurrency import race
from tests.factories import publishable_standard, published_standard, user_with_role


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_publish_twice_publishes_once():
    standard = publishable_standard(state=StandardState.SUBMITTED)
    first, second = user_with_role(Role.PROVINCIAL_ADMIN), user_with_role(Role.PROVINCIAL_ADMIN)
    outcomes = race(
        [
            lambda: services.standard_publish(standard=standard, user=first),
            lambda: services.standard_publish(standard=standard, user=second),
        ]
    )
    winners = [o for o in outcomes if isinstance(o, Standard)]
    losers = [o for o in outcomes if isinstance(o, services.TransitionRefused)]
    assert (len(winners), len(losers)) == (1, 1), outcomes
    assert losers[0].reasons == ["该标准的状态刚被他人修改，请刷新页面后重试。"]
    assert LogEntry.objects.filter(standard=standard).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_withdraw_and_supersede_exactly_one_wins():
    standard, newer = published_standard(), published_standard()
    admin = user_with_role(Role.PROVINCIAL_ADMIN)
    outcomes = race(
        [
            lambda: services.standard_withdraw(standard=standard, user=admin),
            lambda: services.standard_supersede(standard=standard, by=newer, user=admin),
        ]
    )
    assert sum(isinstance(o, Standard) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, services.TransitionRefused) for o in outcomes) == 1, outcomes
    final = Standard.objects.get(pk=standard.pk)
    assert final.state in {StandardState.WITHDRAWN, StandardState.SUPERSEDED}
    assert LogEntry.objects.filter(standard=standard).count() == 1
