"""Who may do what in supervision (django-rules permissions, asked through `can()`).

Supervisors (市场监管人员) and provincial administrators run spot checks, sanctions and
infringement cases. Reviewers record the yearly surveillance of their body's
certificates. Enterprises cite recognised certificates on their own editable
applications; the assigned body's reviewers verify them.
"""

import rules

from accounts.rules import is_enterprise_user, is_provincial_admin, is_reviewer, is_supervisor
from certification.rules import body_reviewer, enterprise_owner, is_editable
from certification.rules import supervisor as official

from .enums import PlanStatus

SUPERVISION = "supervision"


@rules.predicate
def plan_is_drawn(user, obj) -> bool:
    """The plan (or the check's plan) is drawn and not yet closed."""
    plan = getattr(obj, "plan", obj)
    return plan is None or plan.status == PlanStatus.DRAWN


@rules.predicate
def is_assigned_inspector(user, check) -> bool:
    """The user was drawn as one of the check's inspectors."""
    return check is None or check.inspectors.filter(pk=user.pk).exists()


@rules.predicate
def of_body_certificate(user, audit_or_certificate) -> bool:
    """The certificate (or the audit's) was issued on an application of the user's body."""
    if audit_or_certificate is None:
        return True
    certificate = getattr(audit_or_certificate, "certificate", audit_or_certificate)
    return body_reviewer.test(user, certificate.application)


@rules.predicate
def of_own_application(user, citation) -> bool:
    return citation is None or enterprise_owner.test(user, citation.application)


@rules.predicate
def of_own_editable_application(user, citation) -> bool:
    return citation is None or (
        enterprise_owner.test(user, citation.application)
        and is_editable.test(user, citation.application)
    )


@rules.predicate
def of_reviewed_application(user, citation) -> bool:
    return citation is None or body_reviewer.test(user, citation.application)


def _add(name: str, predicate) -> None:
    rules.add_perm(f"{SUPERVISION}.{name}", predicate)


for action in ("view", "add", "change", "draw", "close"):
    _add(f"{action}_spotcheckplan", official)
_add("view_spotcheck", official)
# The drawn inspectors record their check (administrators may correct it).
_add(
    "change_spotcheck",
    ((is_supervisor & is_assigned_inspector) | is_provincial_admin) & plan_is_drawn,
)
_add("sanction_spotcheck", official)
_add("view_spotcheckevidence", official)
_add("view_sanction", official)
_add("view_surveillanceaudit", official | (is_reviewer & of_body_certificate))
_add("add_surveillanceaudit", is_reviewer & of_body_certificate)
_add("suspend_for_surveillance", official)
for action in ("view", "change"):
    _add(f"{action}_infringementcase", official)
_add("add_infringementcase", official)
_add("view_caselog", official)
_add("view_recognisedbrand", rules.is_authenticated)
for action in ("add", "change"):
    _add(f"{action}_recognisedbrand", is_provincial_admin)
_add(
    "view_recognisedcertificatecitation",
    (is_enterprise_user & of_own_application) | (is_reviewer & of_reviewed_application) | official,
)
_add("add_recognisedcertificatecitation", is_enterprise_user & of_own_editable_application)
_add("change_recognisedcertificatecitation", is_reviewer & of_reviewed_application)
