"""双随机 plans: create (commit to a seed), draw (freeze the pool, reveal), verify, close."""

import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.rules import can
from brandportal.transitions import run_transition
from certificates.enums import CertificateStatus
from certificates.models import Certificate
from certification.models import ConflictOfInterest
from enterprises.models import Enterprise
from outbox.services import message_queue

from .. import draw
from ..enums import CheckResult, PlanStatus
from ..models import SpotCheck, SpotCheckPlan
from .errors import ActionRefused


def plan_create(
    *,
    user,
    title: str,
    enterprise_count: int,
    inspectors_per_check: int = 2,
    county=None,
    category=None,
    standard=None,
) -> SpotCheckPlan:
    """Create a plan and commit to a fresh random seed: only its SHA-256 is shown."""
    if not can(user, "supervision.add_spotcheckplan"):
        raise PermissionDenied
    seed = secrets.token_hex(32)
    plan = SpotCheckPlan(
        title=title,
        county=county,
        category=category,
        standard=standard,
        enterprise_count=enterprise_count,
        inspectors_per_check=inspectors_per_check,
        seed=seed,
        seed_hash=draw.seed_hash(seed),
        created_by=user,
    )
    plan.full_clean(exclude=["seed", "seed_hash", "status"])
    plan.save()
    return plan


def _certificates_in_scope(plan: SpotCheckPlan):
    queryset = Certificate.objects.filter(status=CertificateStatus.VALID)
    if plan.county_id:
        queryset = queryset.filter(application__enterprise__division_id=plan.county_id)
    if plan.category_id:
        queryset = queryset.filter(
            Q(application__product__category_id=plan.category_id)
            | Q(application__product__category__parent_id=plan.category_id)
        )
    if plan.standard_id:
        queryset = queryset.filter(application__standard_id=plan.standard_id)
    return queryset.select_related("application__enterprise")


def plan_pool(plan: SpotCheckPlan) -> dict:
    """The pool as of now, canonical: enterprises in scope and the inspector pool."""
    enterprises: dict[str, dict] = {}
    for certificate in _certificates_in_scope(plan):
        enterprise = certificate.application.enterprise
        entry = enterprises.setdefault(
            enterprise.credit_code,
            {"credit_code": enterprise.credit_code, "name": enterprise.name, "certificates": []},
        )
        entry["certificates"].append(certificate.number)
    inspectors = User.objects.filter(is_active=True, groups__name=Role.SUPERVISOR).distinct()
    conflicts: dict[int, list[str]] = {}
    for reviewer_id, code in ConflictOfInterest.objects.filter(reviewer__in=inspectors).values_list(
        "reviewer_id", "enterprise__credit_code"
    ):
        conflicts.setdefault(reviewer_id, []).append(code)
    return draw.canonical_pool(
        list(enterprises.values()),
        [
            {"id": pk, "conflicts": conflicts.get(pk, [])}
            for pk in inspectors.values_list("pk", flat=True)
        ],
    )


def plan_draw(*, plan: SpotCheckPlan, user) -> SpotCheckPlan:
    """Freeze the pool, reveal the seed, draw, and create one check per drawn enterprise.

    Refused (nothing stored, the seed stays secret) when the plan was drawn already or
    the pool cannot supply the sample.
    """
    if not can(user, "supervision.draw_spotcheckplan", plan):
        raise PermissionDenied
    drawn = {}

    def record_draw(locked):
        # After the transition, before the save: a pool that cannot supply the sample
        # refuses the draw and rolls it back, so the seed stays secret.
        pool = plan_pool(locked)
        try:
            assignments = draw.run_draw(
                pool, locked.seed, locked.enterprise_count, locked.inspectors_per_check
            )
        except draw.DrawError as error:
            raise ActionRefused(str(error)) from None
        locked.drawn_by = user
        locked.pool = pool
        locked.pool_hash = draw.pool_hash(pool)
        locked.result = [a.as_dict() for a in assignments]
        drawn.update(pool=pool, assignments=assignments)

    return run_transition(
        model=SpotCheckPlan,
        pk=plan.pk,
        action="draw",
        by=user,
        not_allowed=lambda locked: (
            _("计划“%(title)s”已抽取（当前状态：%(status)s），不能重新抽取。")
            % {"title": locked.title, "status": locked.get_status_display()}
        ),
        before_save=record_draw,
        after=lambda locked, entry: _create_checks(locked, drawn["pool"], drawn["assignments"]),
    )


def _create_checks(plan, pool, assignments) -> None:
    numbers = {e["credit_code"]: e["certificates"] for e in pool["enterprises"]}
    enterprises = Enterprise.objects.in_bulk(
        [a.credit_code for a in assignments], field_name="credit_code"
    )
    for position, assignment in enumerate(assignments, start=1):
        check = SpotCheck.objects.create(
            plan=plan, position=position, enterprise=enterprises[assignment.credit_code]
        )
        check.certificates.set(
            Certificate.objects.filter(number__in=numbers[assignment.credit_code])
        )
        check.inspectors.set(assignment.inspector_ids)
        _notify_inspectors(check, assignment.inspector_ids)


def _notify_inspectors(check: SpotCheck, inspector_ids) -> None:
    title = _("双随机抽查任务：%(plan)s · %(enterprise)s") % {
        "plan": check.plan.title,
        "enterprise": check.enterprise.name,
    }
    url = reverse("admin:supervision_spotcheck_change", args=[check.pk])
    for inspector_id in inspector_ids:
        message_queue(recipient_id=inspector_id, key=f"spot-check:{check.pk}", title=title, url=url)


@dataclass
class DrawVerification:
    matches: bool
    problems: list[str] = field(default_factory=list)


def plan_verify(plan: SpotCheckPlan) -> DrawVerification:
    """Re-run the draw from the recorded pool and the revealed seed; compare everything."""
    if plan.status == PlanStatus.PLANNED or not plan.seed_revealed:
        return DrawVerification(False, [_("计划尚未抽取，种子未公开。")])
    problems = []
    if draw.seed_hash(plan.seed) != plan.seed_hash:
        problems.append(_("公开的种子与事先公布的种子摘要不符。"))
    if draw.pool_hash(plan.pool) != plan.pool_hash:
        problems.append(_("抽取池与其摘要不符。"))
    try:
        rerun = [
            a.as_dict()
            for a in draw.run_draw(
                plan.pool, plan.seed, plan.enterprise_count, plan.inspectors_per_check
            )
        ]
    except draw.DrawError as error:
        return DrawVerification(False, [*problems, str(error)])
    if rerun != plan.result:
        problems.append(_("按抽取池和种子重新抽取的结果与记录的结果不同。"))
    if not _checks_match(plan):
        problems.append(_("抽查记录与抽取结果不一致。"))
    return DrawVerification(not problems, problems)


def _checks_match(plan: SpotCheckPlan) -> bool:
    """The stored checks hold the recorded result's enterprises and inspectors, in order
    of the draw (a check's inspectors are a set: compared sorted)."""
    checks = plan.checks.select_related("enterprise").prefetch_related("inspectors")
    stored = [
        (check.enterprise.credit_code, sorted(i.pk for i in check.inspectors.all()))
        for check in checks.order_by("position")
    ]
    expected = [(row["credit_code"], sorted(row["inspectors"])) for row in plan.result or []]
    return stored == expected


def plan_close(*, plan: SpotCheckPlan, user) -> SpotCheckPlan:
    """Close a drawn plan once every check has a result; its public page then opens."""
    if not can(user, "supervision.close_spotcheckplan", plan):
        raise PermissionDenied

    def checks_pending(locked) -> list[str]:
        pending = locked.checks.filter(result=CheckResult.PENDING).count()
        if pending:
            return [_("还有 %(count)s 家企业未录入检查结果。") % {"count": pending}]
        return []

    return run_transition(
        model=SpotCheckPlan,
        pk=plan.pk,
        action="close",
        by=user,
        not_allowed=lambda locked: (
            _("只有已抽取的计划才能结束（当前状态：%(status)s）。")
            % {"status": locked.get_status_display()}
        ),
        conditions=checks_pending,
    )
