"""The application state machine: every transition from every state, by every role."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.roles import Role
from certification import services
from certification.enums import SYSTEM_ACTIONS, Action, ApplicationState
from certification.models import TransitionLog
from tests.factories import user_with_role
from tests.factories.certification import (
    ApplicationFactory,
    add_required_documents,
    advance,
    passing_review,
    reviewer_for,
)

pytestmark = pytest.mark.django_db
S = ApplicationState
A = Action

# How to bring a fresh draft into each state.
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [A.SUBMIT],
    S.UNDER_REVIEW: [A.SUBMIT, A.ACCEPT],
    S.NEEDS_CHANGES: [A.SUBMIT, A.ACCEPT, A.REQUEST_CHANGES],
    S.REJECTED: [A.SUBMIT, A.ACCEPT, A.REJECT],
    S.WITHDRAWN: [A.WITHDRAW],
    S.CERTIFIED: [A.SUBMIT, A.ACCEPT, A.CERTIFY],
    S.SUPERVISED: [A.SUBMIT, A.ACCEPT, A.CERTIFY, A.START_SUPERVISION],
    S.SUSPENDED: [A.SUBMIT, A.ACCEPT, A.CERTIFY, A.START_SUPERVISION, A.SUSPEND],
    S.REVOKED: [A.SUBMIT, A.ACCEPT, A.CERTIFY, A.START_SUPERVISION, A.REVOKE],
    S.EXPIRED: [A.SUBMIT, A.ACCEPT, A.CERTIFY, A.START_SUPERVISION, A.EXPIRE],
}

# (state, action) -> (role that may do it, resulting state); anything else is refused.
ALLOWED = {
    (S.DRAFT, A.SUBMIT): ("owner", S.SUBMITTED),
    (S.DRAFT, A.WITHDRAW): ("owner", S.WITHDRAWN),
    (S.SUBMITTED, A.WITHDRAW): ("owner", S.WITHDRAWN),
    (S.NEEDS_CHANGES, A.WITHDRAW): ("owner", S.WITHDRAWN),
    (S.SUBMITTED, A.ACCEPT): ("reviewer", S.UNDER_REVIEW),
    (S.UNDER_REVIEW, A.REQUEST_CHANGES): ("reviewer", S.NEEDS_CHANGES),
    (S.NEEDS_CHANGES, A.RESUBMIT): ("owner", S.UNDER_REVIEW),
    (S.UNDER_REVIEW, A.REJECT): ("reviewer", S.REJECTED),
    (S.UNDER_REVIEW, A.CERTIFY): ("reviewer", S.CERTIFIED),
    (S.CERTIFIED, A.START_SUPERVISION): ("system", S.SUPERVISED),
    (S.SUPERVISED, A.SUSPEND): ("supervisor", S.SUSPENDED),
    (S.SUSPENDED, A.RESTORE): ("supervisor", S.SUPERVISED),
    (S.SUPERVISED, A.REVOKE): ("supervisor", S.REVOKED),
    (S.SUSPENDED, A.REVOKE): ("supervisor", S.REVOKED),
    (S.SUPERVISED, A.EXPIRE): ("system", S.EXPIRED),
    (S.SUSPENDED, A.EXPIRE): ("system", S.EXPIRED),
}

ACTORS = [
    "owner",
    "other_enterprise",
    "reviewer",
    "other_body_reviewer",
    "conflicted_reviewer",
    "supervisor",
    "provincial_admin",
    "county_official",
    "system",
]


def _actor(kind, application):
    if kind == "owner":
        return application.created_by
    if kind == "other_enterprise":
        return user_with_role(Role.ENTERPRISE_USER)
    if kind == "reviewer":
        return reviewer_for(application)
    if kind == "other_body_reviewer":
        return user_with_role(Role.REVIEWER)
    if kind == "conflicted_reviewer":
        user = reviewer_for(application)
        user.conflicts.create(enterprise=application.enterprise, reason="亲属任职")
        return user
    if kind == "supervisor":
        return user_with_role(Role.SUPERVISOR)
    if kind == "provincial_admin":
        return user_with_role(Role.PROVINCIAL_ADMIN)
    if kind == "county_official":
        return user_with_role(Role.COUNTY_OFFICIAL, county=application.enterprise.division)
    return None


def _may(kind, required):
    if required == "supervisor":
        return kind in {"supervisor", "provincial_admin"}
    return kind == required


def _prepare(state):
    application = advance(ApplicationFactory(), *PATHS[state])
    assert application.state == state
    # Make every condition hold, so only state and role decide.
    if state in (S.DRAFT, S.NEEDS_CHANGES) and application.missing_document_types():
        add_required_documents(application)
    if state == S.UNDER_REVIEW:
        passing_review(application, reviewer_for(application))
    return application


CASES = [(state, action, kind) for state in S for action in A for kind in ACTORS]


@pytest.mark.parametrize(("state", "action", "kind"), CASES)
def test_transition_matrix(state, action, kind):
    application = _prepare(state)
    user = _actor(kind, application)
    log_count = TransitionLog.objects.filter(application=application).count()
    allowed = ALLOWED.get((state, action))
    if allowed is not None and _may(kind, allowed[0]):
        result = services.application_transition(
            application=application, action=action, user=user, comment="原因说明"
        )
        assert result.state == allowed[1]
        entry = TransitionLog.objects.filter(application=application).latest("pk")
        assert (entry.action, entry.from_state, entry.to_state) == (action, state, allowed[1])
        assert entry.actor == user
        return
    system_mismatch = (user is None) != (action in SYSTEM_ACTIONS)
    expected = (
        services.IllegalTransition if allowed is None and not system_mismatch else PermissionDenied
    )
    with pytest.raises(expected) as error:
        services.application_transition(
            application=application, action=action, user=user, comment="原因说明"
        )
    if expected is services.IllegalTransition:
        assert error.value.status_code == 409
        assert "不能执行" in error.value.reasons[0]
    application.refresh_from_db()
    assert application.state == state
    assert TransitionLog.objects.filter(application=application).count() == log_count
