"""Two people acting on one application at once: exactly one wins, the other is told."""

import pytest
from django.core.exceptions import PermissionDenied

from certification import services
from certification.enums import Action, ApplicationState
from certification.models import Application, TransitionLog
from tests.concurrency import race
from tests.factories.certification import ApplicationFactory, advance, reviewer_for, supervisor


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_reviewers_exactly_one_accepts():
    application = advance(ApplicationFactory(), Action.SUBMIT)
    first, second = reviewer_for(application), reviewer_for(application)

    def accept(user):
        return lambda: services.application_transition(
            application=application,
            action=Action.ACCEPT,
            user=user,
            expected_state=ApplicationState.SUBMITTED,
        )

    outcomes = race([accept(first), accept(second)])
    winners = [o for o in outcomes if isinstance(o, Application)]
    losers = [o for o in outcomes if isinstance(o, services.TransitionError)]
    assert len(winners) == 1, outcomes
    assert len(losers) == 1, outcomes
    assert losers[0].status_code == 409
    assert losers[0].reasons == ["此申请已被他人处理，请刷新后重试"]
    assert TransitionLog.objects.filter(application=application, action=Action.ACCEPT).count() == 1
    assert application.reviews.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_withdraw_and_accept_exactly_one_wins():
    application = advance(ApplicationFactory(), Action.SUBMIT)
    reviewer = reviewer_for(application)
    owner = application.created_by
    calls = [
        lambda: services.application_transition(
            application=application,
            action=Action.ACCEPT,
            user=reviewer,
            expected_state=ApplicationState.SUBMITTED,
        ),
        lambda: services.application_transition(
            application=application,
            action=Action.WITHDRAW,
            user=owner,
            expected_state=ApplicationState.SUBMITTED,
        ),
    ]
    outcomes = race(calls)
    winners = [o for o in outcomes if isinstance(o, Application)]
    assert len(winners) == 1, outcomes
    loser = next(o for o in outcomes if not isinstance(o, Application))
    assert isinstance(loser, services.Conflict)
    application.refresh_from_db()
    assert application.state == winners[0].state
    assert TransitionLog.objects.filter(application=application).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_suspend_and_revoke_leave_one_log_entry_each_winner():
    application = advance(
        ApplicationFactory(), Action.SUBMIT, Action.ACCEPT, Action.CERTIFY, Action.START_SUPERVISION
    )
    official = supervisor()
    calls = [
        lambda action=action: services.application_transition(
            application=application,
            action=action,
            user=official,
            comment="抽检不合格",
            expected_state=ApplicationState.SUPERVISED,
        )
        for action in (Action.SUSPEND, Action.REVOKE)
    ]
    outcomes = race(calls)
    winners = [o for o in outcomes if isinstance(o, Application)]
    assert len(winners) == 1, outcomes
    assert not any(isinstance(o, PermissionDenied) for o in outcomes)
    assert TransitionLog.objects.filter(application=application).count() == 5


@pytest.mark.django_db
def test_stale_expected_state_is_a_conflict():
    application = advance(ApplicationFactory(), Action.SUBMIT)
    reviewer = reviewer_for(application)
    with pytest.raises(services.Conflict) as error:
        services.application_transition(
            application=application,
            action=Action.ACCEPT,
            user=reviewer,
            expected_state=ApplicationState.DRAFT,
        )
    assert error.value.status_code == 409
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
