"""Every change of a standard's state: check the rule, then the core transition engine.

Views, the admin and the demo loader call these; nothing sets `Standard.state` directly.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from accounts.rules import can
from brandportal.errors import ServiceError
from brandportal.transitions import run_transition

from .enums import StandardState
from .models import Standard
from .signals import standard_published

# The refusals are the core's (brandportal.errors); the name is kept for callers.
TransitionRefused = ServiceError


@dataclass(frozen=True)
class TransitionSpec:
    name: str
    label: str  # a lazy Chinese msgid
    permission: str


TRANSITIONS = {
    "submit": TransitionSpec("submit", gettext_lazy("提交"), "standards.submit_standard"),
    "publish": TransitionSpec("publish", gettext_lazy("发布"), "standards.publish_standard"),
    "withdraw": TransitionSpec("withdraw", gettext_lazy("废止"), "standards.withdraw_standard"),
    "supersede": TransitionSpec(
        "supersede", gettext_lazy("标记为被替代"), "standards.supersede_standard"
    ),
}


def transition_problems(standard: Standard, name: str) -> list[str]:
    """Why transition `name` cannot run on `standard` now (empty when it can)."""
    method = getattr(standard, name)
    if can_proceed(method, check_conditions=False):
        if name == "submit":
            return standard.submit_problems()
        if name == "publish":
            return standard.publish_problems()
        return []
    return [
        _("当前状态为“%(state)s”，不能%(action)s。")
        % {"state": standard.get_state_display(), "action": TRANSITIONS[name].label}
    ]


def available_transitions(standard: Standard, user) -> list[TransitionSpec]:
    """The transitions `user` may perform on `standard` whose conditions hold now."""
    return [
        spec
        for spec in TRANSITIONS.values()
        if can(user, spec.permission, standard) and not transition_problems(standard, spec.name)
    ]


def _run(*, standard: Standard, user, name: str, comment: str, effects=(), **kwargs) -> Standard:
    spec = TRANSITIONS[name]
    if not can(user, spec.permission, standard):
        raise PermissionDenied
    return run_transition(
        model=Standard,
        pk=standard.pk,
        action=name,
        by=user,
        comment=comment,
        kwargs=kwargs,
        expected_state=standard.state,
        conflict_message=_("该标准的状态刚被他人修改，请刷新页面后重试。"),
        not_allowed=lambda locked: transition_problems(locked, name)[0],
        conditions=lambda locked: transition_problems(locked, name),
        on_commit=effects,
    )


def standard_submit(*, standard: Standard, user, comment: str = "") -> Standard:
    """Record that the proposer has submitted the draft for publication."""
    return _run(standard=standard, user=user, name="submit", comment=comment)


def standard_publish(*, standard: Standard, user, comment: str = "") -> Standard:
    """Publish a submitted standard; needs its full text, indicators and a reachable pass
    score. Sends `standard_published` once the transaction commits."""
    return _run(
        standard=standard,
        user=user,
        name="publish",
        comment=comment,
        effects=[
            lambda published: standard_published.send(
                sender=Standard, standard=published, user=user
            )
        ],
    )


def standard_withdraw(*, standard: Standard, user, comment: str = "") -> Standard:
    """Withdraw (废止) a published standard; it stays public, marked as withdrawn."""
    return _run(standard=standard, user=user, name="withdraw", comment=comment)


def standard_supersede(*, standard: Standard, by: Standard, user, comment: str = "") -> Standard:
    """Mark a published standard as superseded by `by`, a newer published standard."""
    if by is None or by.pk == standard.pk:
        raise TransitionRefused([_("请选择另一项标准作为替代标准。")])
    if by.state != StandardState.PUBLISHED:
        raise TransitionRefused([_("替代标准“%(code)s”尚未发布。") % {"code": by.code}])
    return _run(standard=standard, user=user, name="supersede", comment=comment, by=by)
