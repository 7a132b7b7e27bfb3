"""Who may do what in supervision: permission tables of role (× object) → allowed."""

import pytest

from accounts.roles import Role
from accounts.rules import can
from supervision.services import plan_draw
from tests.factories import user_with_role
from tests.factories.certificates import issued_certificate
from tests.factories.certification import reviewer_for
from tests.factories.supervision import CitationFactory, certificates_in_scope, inspector, plan

pytestmark = pytest.mark.django_db

ROLES = [
    Role.ENTERPRISE_USER,
    Role.REVIEWER,
    Role.SUPERVISOR,
    Role.COUNTY_OFFICIAL,
    Role.PROVINCIAL_ADMIN,
]
OFFICIALS = {Role.SUPERVISOR, Role.PROVINCIAL_ADMIN}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "permission",
    [
        "supervision.add_spotcheckplan",
        "supervision.draw_spotcheckplan",
        "supervision.close_spotcheckplan",
        "supervision.view_spotcheck",
        "supervision.sanction_spotcheck",
        "supervision.view_spotcheckevidence",
        "supervision.view_infringementcase",
        "supervision.change_infringementcase",
        "supervision.suspend_for_surveillance",
    ],
)
def test_rules_official_permissions_by_role(role, permission):
    assert can(user_with_role(role), permission) == (role in OFFICIALS)


@pytest.mark.parametrize(("stage", "allowed"), [("drawn", True), ("closed", False)])
def test_rules_check_is_changeable_only_while_its_plan_is_drawn(stage, allowed):
    import datetime

    from supervision.services import check_record_result, plan_close

    certificates_in_scope(1)
    official = inspector()
    inspector()
    drawn = plan_draw(plan=plan(user=official, enterprise_count=1), user=official)
    check = drawn.checks.get()
    if stage == "closed":
        check_record_result(
            check=check, user=official, result="passed", checked_on=datetime.date(2026, 5, 1)
        )
        plan_close(plan=drawn, user=official)
        check.refresh_from_db()
    assert can(official, "supervision.change_spotcheck", check) == allowed


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("body_reviewer", True),
        ("conflicted_reviewer", False),
        ("other_reviewer", False),
        ("supervisor", False),
        ("owner", False),
    ],
)
def test_rules_add_surveillance_audit(who, allowed):
    from certification.models import ConflictOfInterest

    certificate = issued_certificate()
    application = certificate.application
    if who in ("body_reviewer", "conflicted_reviewer"):
        user = reviewer_for(application)
        if who == "conflicted_reviewer":
            ConflictOfInterest.objects.create(
                reviewer=user, enterprise=application.enterprise, reason="亲属"
            )
    elif who == "other_reviewer":
        user = user_with_role(Role.REVIEWER)
    elif who == "supervisor":
        user = inspector()
    else:
        user = application.created_by
    assert can(user, "supervision.add_surveillanceaudit", certificate) == allowed


@pytest.mark.parametrize(
    ("who", "view", "change"),
    [
        ("owner", True, False),
        ("other_enterprise", False, False),
        ("body_reviewer", True, True),
        ("other_reviewer", False, False),
        ("supervisor", True, False),
    ],
)
def test_rules_citation(who, view, change):
    citation = CitationFactory(application=issued_certificate().application)
    application = citation.application
    user = {
        "owner": lambda: application.created_by,
        "other_enterprise": lambda: user_with_role(Role.ENTERPRISE_USER),
        "body_reviewer": lambda: reviewer_for(application),
        "other_reviewer": lambda: user_with_role(Role.REVIEWER),
        "supervisor": inspector,
    }[who]()
    assert can(user, "supervision.view_recognisedcertificatecitation", citation) == view
    assert can(user, "supervision.change_recognisedcertificatecitation", citation) == change


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("drawn_inspector", True), ("other_supervisor", False), ("provincial_admin", True)],
)
def test_rules_only_the_drawn_inspectors_record_a_check(who, allowed):
    certificates_in_scope(1)
    inspectors = [inspector() for _ in range(3)]
    drawn = plan_draw(plan=plan(user=inspectors[0], enterprise_count=1), user=inspectors[0])
    check = drawn.checks.get()
    assigned = set(check.inspectors.all())
    user = {
        "drawn_inspector": lambda: next(iter(assigned)),
        "other_supervisor": lambda: next(i for i in inspectors if i not in assigned),
        "provincial_admin": lambda: user_with_role(Role.PROVINCIAL_ADMIN),
    }[who]()
    assert can(user, "supervision.change_spotcheck", check) == allowed
