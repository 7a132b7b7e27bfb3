"""Every write of the supervision app: one function per action, keyword-only, atomic.

The admin, the public views and the management commands call these.
"""

from .cases import (
    case_confirm,
    case_create_from_fake_report,
    case_dismiss,
    case_investigate,
    case_report,
)
from .checks import (
    check_add_evidence,
    check_mark_rectified,
    check_record_result,
    check_sanction,
)
from .errors import ActionRefused
from .plans import (
    DrawVerification,
    plan_close,
    plan_create,
    plan_draw,
    plan_pool,
    plan_verify,
)
from .recognition import citation_add, citation_verify
from .surveillance import surveillance_record, surveillance_suspend

__all__ = [
    "ActionRefused",
    "DrawVerification",
    "case_confirm",
    "case_create_from_fake_report",
    "case_dismiss",
    "case_investigate",
    "case_report",
    "check_add_evidence",
    "check_mark_rectified",
    "check_record_result",
    "check_sanction",
    "citation_add",
    "citation_verify",
    "plan_close",
    "plan_create",
    "plan_draw",
    "plan_pool",
    "plan_verify",
    "surveillance_record",
    "surveillance_suspend",
]
