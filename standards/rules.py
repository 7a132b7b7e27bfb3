"""Who may do what with standards: provincial administrators manage, the public reads.

Drafts and submitted standards are never public; published, withdrawn and superseded
ones are, to everyone (anonymous visitors included).
"""

import rules

from accounts.rules import is_provincial_admin

from .enums import EDITABLE_STATES, PUBLIC_STATES, StandardState


@rules.predicate
def is_public_standard(user, standard) -> bool:
    return standard is not None and standard.state in PUBLIC_STATES


@rules.predicate
def is_deletable_standard(user, standard) -> bool:
    # Without an object (the changelist's bulk action) each object is checked again.
    return standard is None or standard.state == StandardState.DRAFTING


@rules.predicate
def is_editable_standard(user, standard) -> bool:
    return standard is None or standard.state in EDITABLE_STATES


rules.add_perm("standards.view_standard", is_public_standard | is_provincial_admin)
rules.add_perm("standards.add_standard", is_provincial_admin)
rules.add_perm("standards.change_standard", is_provincial_admin)
# A standard once submitted is part of the record: withdraw it instead.
rules.add_perm("standards.delete_standard", is_provincial_admin & is_deletable_standard)
for transition in ("submit", "publish", "withdraw", "supersede"):
    rules.add_perm(f"standards.{transition}_standard", is_provincial_admin)
# Indicators are edited only while their standard is (checked by the admin and imports).
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"standards.{action}_indicator", is_provincial_admin)
rules.add_perm("standards.view_productcategory", rules.always_allow)
for action in ("add", "change", "delete"):
    rules.add_perm(f"standards.{action}_productcategory", is_provincial_admin)
rules.add_perm("standards.view_standardlogentry", is_provincial_admin)
