"""Plans through the services: seed commitment, draw, verification, refusals, closing."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from accounts.roles import Role
from certification.models import ConflictOfInterest
from supervision import draw
from supervision.enums import CheckResult, PlanStatus
from supervision.models import SpotCheckPlan
from supervision.services import (
    ActionRefused,
    plan_close,
    plan_draw,
    plan_verify,
)
from tests.factories import county, user_with_role
from tests.factories.certificates import issued_certificate
from tests.factories.certification import ApplicationFactory, ProductFactory, advance
from tests.factories.enterprises import EnterpriseFactory
from tests.factories.supervision import certificates_in_scope, inspector, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool():
    """Four certified enterprises and four inspectors."""
    certificates = certificates_in_scope(4)
    inspectors = [inspector() for _ in range(4)]
    return certificates, inspectors


def test_plan_create_commits_to_a_seed_without_revealing_it():
    created = plan()
    assert created.status == PlanStatus.PLANNED
    assert created.seed_hash == draw.seed_hash(created.seed)
    assert created.revealed_seed == ""
    assert created.pool is None


def test_plan_create_needs_two_inspectors_per_check():
    with pytest.raises(ValidationError) as error:
        plan(inspectors_per_check=1)
    assert "inspectors_per_check" in error.value.message_dict


@pytest.mark.parametrize("role", [Role.ENTERPRISE_USER, Role.REVIEWER, Role.COUNTY_OFFICIAL])
def test_plan_create_refused_to_role(role):
    with pytest.raises(PermissionDenied):
        plan(user=user_with_role(role))


def test_plan_draw_records_pool_seed_and_checks(pool):
    certificates, inspectors = pool
    created = plan(enterprise_count=2)
    drawn = plan_draw(plan=created, user=inspectors[0])
    assert drawn.status == PlanStatus.DRAWN
    assert drawn.seed_revealed and drawn.revealed_seed == created.seed
    assert drawn.pool_hash == draw.pool_hash(drawn.pool)
    codes = [e["credit_code"] for e in drawn.pool["enterprises"]]
    assert codes == sorted(c.credit_code for c in certificates)
    checks = list(drawn.checks.all())
    assert len(checks) == 2
    for check, row in zip(checks, drawn.result, strict=True):
        assert check.enterprise.credit_code == row["credit_code"]
        assert {i.pk for i in check.inspectors.all()} == set(row["inspectors"])
        assert check.certificates.count() == 1
    assert plan_verify(drawn).matches


def test_plan_draw_reproduces_from_recorded_pool_and_seed(pool):
    drawn = plan_draw(plan=plan(enterprise_count=3), user=pool[1][0])
    rerun = draw.run_draw(drawn.pool, drawn.revealed_seed, 3, 2)
    assert [a.as_dict() for a in rerun] == drawn.result


def test_plan_draw_excludes_inspectors_with_a_conflict(pool):
    certificates, inspectors = pool
    target = certificates[0].application.enterprise
    for conflicted in inspectors[:2]:
        ConflictOfInterest.objects.create(reviewer=conflicted, enterprise=target, reason="亲属")
    drawn = plan_draw(plan=plan(user=inspectors[0], enterprise_count=4), user=inspectors[0])
    check = drawn.checks.get(enterprise=target)
    assert set(check.inspectors.all()) == set(inspectors[2:])


def test_plan_draw_scope_limits_the_pool():
    inside = issued_certificate()
    other_county = EnterpriseFactory(division=county("360702"))
    outside = issued_certificate(product=ProductFactory(enterprise=other_county))
    inspector(), inspector()
    drawn = plan_draw(plan=plan(enterprise_count=1, county=county()), user=inspector())
    codes = {e["credit_code"] for e in drawn.pool["enterprises"]}
    assert inside.credit_code in codes
    assert outside.credit_code not in codes


def test_plan_draw_pool_holds_only_valid_certificates(pool):
    certificates, inspectors = pool
    advance(certificates[0].application, "suspend")
    drawn = plan_draw(plan=plan(enterprise_count=1), user=inspectors[0])
    assert certificates[0].credit_code not in {e["credit_code"] for e in drawn.pool["enterprises"]}


def test_plan_draw_sample_larger_than_pool_is_refused_without_a_draw(pool):
    created = plan(enterprise_count=5)
    with pytest.raises(ActionRefused, match="大于"):
        plan_draw(plan=created, user=pool[1][0])
    created.refresh_from_db()
    assert created.status == PlanStatus.PLANNED
    assert not created.seed_revealed and created.pool is None
    assert not created.checks.exists()


def test_plan_draw_too_few_eligible_inspectors_is_refused_without_a_draw(pool):
    certificates, inspectors = pool
    target = certificates[0].application.enterprise
    for conflicted in inspectors[:3]:
        ConflictOfInterest.objects.create(reviewer=conflicted, enterprise=target, reason="持股")
    created = plan(user=inspectors[0], enterprise_count=1)
    with pytest.raises(ActionRefused, match=target.name):
        plan_draw(plan=created, user=inspectors[0])
    created.refresh_from_db()
    assert created.status == PlanStatus.PLANNED and not created.checks.exists()


@pytest.mark.parametrize("status", [PlanStatus.DRAWN, PlanStatus.CLOSED])
def test_plan_draw_again_is_refused(pool, status):
    user = pool[1][0]
    drawn = plan_draw(plan=plan(enterprise_count=1), user=user)
    if status == PlanStatus.CLOSED:
        _record_all(drawn)
        plan_close(plan=drawn, user=user)
    result = SpotCheckPlan.objects.get(pk=drawn.pk).result
    with pytest.raises(ActionRefused) as error:
        plan_draw(plan=drawn, user=user)
    assert error.value.status_code == 409
    assert SpotCheckPlan.objects.get(pk=drawn.pk).result == result
    assert drawn.checks.count() == 1


def test_plan_draw_refused_to_enterprise_user(pool):
    with pytest.raises(PermissionDenied):
        plan_draw(plan=plan(enterprise_count=1), user=user_with_role(Role.ENTERPRISE_USER))


def test_plan_verify_detects_a_tampered_result(pool):
    drawn = plan_draw(plan=plan(enterprise_count=2), user=pool[1][0])
    SpotCheckPlan.objects.filter(pk=drawn.pk).update(result=list(reversed(drawn.result)))
    verification = plan_verify(SpotCheckPlan.objects.get(pk=drawn.pk))
    assert not verification.matches
    assert any("重新抽取" in p for p in verification.problems)


def test_plan_verify_detects_a_swapped_seed(pool):
    drawn = plan_draw(plan=plan(enterprise_count=2), user=pool[1][0])
    SpotCheckPlan.objects.filter(pk=drawn.pk).update(seed="ab" * 32)
    assert not plan_verify(SpotCheckPlan.objects.get(pk=drawn.pk)).matches


def test_plan_verify_detects_an_edited_check(pool):
    _certificates, inspectors = pool
    drawn = plan_draw(plan=plan(enterprise_count=1), user=inspectors[0])
    check = drawn.checks.get()
    outsider = next(i for i in inspectors if i not in check.inspectors.all())
    check.inspectors.set([outsider, *list(check.inspectors.all())[1:]])
    verification = plan_verify(drawn)
    assert not verification.matches
    assert any("抽查记录" in p for p in verification.problems)


def test_plan_verify_before_the_draw_does_not_match():
    assert not plan_verify(plan()).matches


def test_verify_draw_command_says_match(pool):
    drawn = plan_draw(plan=plan(enterprise_count=2), user=pool[1][0])
    out = StringIO()
    call_command("verify_draw", str(drawn.pk), stdout=out)
    assert "MATCH" in out.getvalue()
    assert drawn.seed_hash in out.getvalue()


def test_verify_draw_command_fails_on_mismatch(pool):
    drawn = plan_draw(plan=plan(enterprise_count=2), user=pool[1][0])
    SpotCheckPlan.objects.filter(pk=drawn.pk).update(pool_hash="0" * 64)
    with pytest.raises(CommandError, match="MISMATCH"):
        call_command("verify_draw", str(drawn.pk), stdout=StringIO(), stderr=StringIO())


def test_verify_draw_command_unknown_plan():
    with pytest.raises(CommandError):
        call_command("verify_draw", "999999")


def test_plan_close_refused_while_checks_are_pending(pool):
    drawn = plan_draw(plan=plan(enterprise_count=1), user=pool[1][0])
    with pytest.raises(ActionRefused, match="未录入"):
        plan_close(plan=drawn, user=pool[1][0])


def test_plan_close_refused_before_the_draw():
    created = plan()
    with pytest.raises(ActionRefused):
        plan_close(plan=created, user=created.created_by)


def test_plan_close_after_results(pool):
    user = pool[1][0]
    drawn = plan_draw(plan=plan(enterprise_count=2), user=user)
    _record_all(drawn)
    closed = plan_close(plan=drawn, user=user)
    assert closed.status == PlanStatus.CLOSED and closed.closed_at is not None


def _record_all(plan_, result=CheckResult.PASSED):
    import datetime

    from supervision.services import check_record_result

    for check in plan_.checks.all():
        check_record_result(
            check=check,
            user=check.inspectors.first(),
            result=result,
            checked_on=datetime.date(2026, 5, 1),
        )


def test_plan_pool_ignores_applications_without_certificate():
    ApplicationFactory()
    inspector(), inspector()
    from supervision.services import plan_pool

    assert plan_pool(plan())["enterprises"] == []


def test_plan_draw_notifies_the_drawn_inspectors(pool, django_capture_on_commit_callbacks):
    from accounts.models import Notification

    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends on commit
        drawn = plan_draw(plan=plan(enterprise_count=1), user=pool[1][0])
    check = drawn.checks.get()
    notified = set(
        Notification.objects.filter(key=f"spot-check:{check.pk}").values_list(
            "recipient_id", flat=True
        )
    )
    assert notified == {i.pk for i in check.inspectors.all()}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_plan_draw_concurrent_draws_exactly_one_wins():
    from tests.concurrency import race

    certificates_in_scope(3)
    first, second = inspector(), inspector()
    created = plan(user=first, enterprise_count=2)
    outcomes = race(
        [lambda user=user: plan_draw(plan=created, user=user) for user in (first, second)]
    )
    refused = [o for o in outcomes if isinstance(o, ActionRefused)]
    assert len(refused) == 1, outcomes
    assert SpotCheckPlan.objects.get(pk=created.pk).checks.count() == 2
    assert plan_verify(SpotCheckPlan.objects.get(pk=created.pk)).matches


@pytest.mark.parametrize(
    ("scope", "drawn"),
    [
        ("selenium_citrus", {"citrus"}),
        ("agriculture", {"citrus", "rice"}),
        ("industry", {"rare_earth"}),
    ],
)
def test_plan_draw_category_scope_includes_subcategories(scope, drawn):
    from standards.models import ProductCategory

    by_code = ProductCategory.objects.in_bulk(field_name="code")
    made = {
        name: issued_certificate(product=ProductFactory(category=by_code[code]))
        for name, code in [
            ("citrus", "selenium_citrus"),
            ("rice", "rice"),
            ("rare_earth", "rare_earth_materials"),
        ]
    }
    official = inspector()
    inspector()
    result = plan_draw(
        plan=plan(user=official, enterprise_count=1, category=by_code[scope]), user=official
    )
    codes = {e["credit_code"] for e in result.pool["enterprises"]}
    assert codes == {made[name].credit_code for name in drawn}


def test_plan_draw_standard_scope():
    inside, outside = issued_certificate(), issued_certificate()
    official = inspector()
    inspector()
    result = plan_draw(
        plan=plan(user=official, enterprise_count=1, standard=inside.application.standard),
        user=official,
    )
    codes = {e["credit_code"] for e in result.pool["enterprises"]}
    assert codes == {inside.credit_code}
    assert outside.credit_code not in codes
