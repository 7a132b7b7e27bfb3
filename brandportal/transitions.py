"""The one way a state machine moves: lock, check, transition, save, log, effects.

Every state change of every model goes through `run_transition` (applications,
standards, infringement cases, reward payouts, spot-check plans). The model's
`@transition` method holds the state change and its conditions; the service of each
action calls `run_transition` with what is particular to it. In one transaction:

1. lock the row (`select_for_update`) and re-read it;
2. `expected_state` (the state the user saw) differs → `TransitionConflict` (409);
3. the action does not exist from the current state → `TransitionNotAllowed` (409);
4. `permitted(obj)` is false → Django's `PermissionDenied` ("not yours");
5. the conditions do not hold → `ConditionsNotMet` (400) with every Chinese reason
   ("not yet"): asked apart from the permission so that the refusal can say which;
6. run the transition, `before_save(obj)`, save (a concurrent save → `TransitionConflict`);
7. append one `activity.LogEntry`; `after(obj, entry)` writes what belongs to the same
   transaction (related rows, outbox notices);
8. `on_commit` callables run with the object once the transaction commits.

A refusal rolls everything back: no state, no log entry, no effect.
"""

from collections.abc import Callable, Iterable
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from activity.models import LogEntry

from .errors import ConditionsNotMet, TransitionConflict, TransitionNotAllowed


def unmet_conditions(obj, action: str) -> list[str]:
    """Why the conditions of `action` from `obj`'s current state fail, in Chinese.

    A condition may have `explain(obj) -> list[str]`; one without it says only that a
    condition does not hold.
    """
    meta = getattr(obj, action)._django_fsm
    transition = meta.get_transition(meta.field.get_state(obj))
    if transition is None:
        return []
    reasons = []
    for condition in transition.conditions:
        if hasattr(condition, "explain"):
            reasons.extend(condition.explain(obj))
        elif not condition(obj):
            reasons.append(_("条件不满足。"))
    return reasons


def _not_allowed(obj, field, label) -> str:
    return _("当前状态“%(state)s”下不能执行“%(action)s”。") % {
        "state": getattr(obj, f"get_{field.name}_display")(),
        "action": label,
    }


def log_action(obj, *, action: str, by, from_state="", to_state="", comment="", data=None):
    """Append one entry to the activity log of `obj` (call inside the change's transaction)."""
    return LogEntry.objects.create(
        content_object=obj,  # also keeps `obj` as the entry's object: no query to read it
        action=str(action),
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        actor=by,
        comment=comment,
        data=data or {},
    )


def run_transition(
    *,
    model,
    pk,
    action: str,
    by,
    comment: str = "",
    label=None,
    expected_state=None,
    kwargs: dict | None = None,
    permitted: Callable | None = None,
    conditions: Callable | None = None,
    not_allowed: Callable | None = None,
    conflict_message=None,
    before_save: Callable | None = None,
    after: Callable | None = None,
    on_commit: Iterable[Callable] = (),
    data: dict | None = None,
):
    """Run transition `action` on the row `pk` of `model` for user `by` (None: the system).

    `label`: the action's name for the default "not allowed" sentence; `not_allowed(obj)`
    replaces that sentence. `conditions(obj)` replaces the conditions' own explanations.
    `conflict_message`: the sentence of a `TransitionConflict`. Returns the saved object.
    """
    action = str(action)
    conflict = [conflict_message or _("该记录已被他人处理，请刷新后重试。")]
    try:
        with transaction.atomic():
            obj = model.objects.select_for_update().get(pk=pk)
            method = getattr(obj, action)
            field = method._django_fsm.field  # the FSMField: `state`, or `status` on plans
            from_state = field.get_state(obj)
            if expected_state is not None and from_state != expected_state:
                raise TransitionConflict(conflict)
            if not can_proceed(method, check_conditions=False):
                message = (
                    not_allowed(obj) if not_allowed else _not_allowed(obj, field, label or action)
                )
                raise TransitionNotAllowed([message])
            if permitted is not None and not permitted(obj):
                raise PermissionDenied
            reasons = conditions(obj) if conditions else unmet_conditions(obj, action)
            if reasons:
                raise ConditionsNotMet(reasons)
            method(**(kwargs or {}))
            if before_save is not None:
                before_save(obj)
            obj.save()
            entry = log_action(
                obj,
                action=action,
                by=by,
                from_state=from_state,
                to_state=field.get_state(obj),
                comment=comment,
                data=data,
            )
            if after is not None:
                after(obj, entry)
            for effect in on_commit:
                transaction.on_commit(partial(effect, obj))
    except ConcurrentTransition as error:
        raise TransitionConflict(conflict) from error
    return obj
