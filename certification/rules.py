"""Who may do what to products and applications (django-rules permissions)."""

import rules

from accounts.rules import (
    is_county_official,
    is_enterprise_user,
    is_provincial_admin,
    is_reviewer,
    is_supervisor,
)

from .enums import EDITABLE_STATES


@rules.predicate
def owns(user, obj) -> bool:
    """The object (product or application) belongs to the user's enterprise."""
    return (
        obj is not None
        and user.enterprise_id is not None
        and (obj.enterprise_id == user.enterprise_id)
    )


@rules.predicate
def is_assigned_body(user, application) -> bool:
    return (
        application is not None
        and user.certification_body_id is not None
        and application.certification_body_id == user.certification_body_id
    )


@rules.predicate
def has_conflict(user, application) -> bool:
    if application is None:
        return False
    return user.conflicts.filter(enterprise_id=application.enterprise_id).exists()


@rules.predicate
def in_county(user, application) -> bool:
    return application is not None and user.county_id == application.enterprise.division_id


@rules.predicate
def is_editable(user, application) -> bool:
    return application is None or application.state in EDITABLE_STATES


enterprise_owner = is_enterprise_user & owns
body_reviewer = is_reviewer & is_assigned_body & ~has_conflict
supervisor = is_supervisor | is_provincial_admin

rules.add_perm("certification.view_product", enterprise_owner | supervisor)
rules.add_perm("certification.add_product", is_enterprise_user)
rules.add_perm("certification.change_product", enterprise_owner)

rules.add_perm(
    "certification.view_application",
    enterprise_owner | body_reviewer | supervisor | (is_county_official & in_county),
)
rules.add_perm("certification.add_application", is_enterprise_user)
rules.add_perm("certification.change_application", enterprise_owner & is_editable)
rules.add_perm("certification.submit_application", enterprise_owner)
rules.add_perm("certification.withdraw_application", enterprise_owner)
rules.add_perm("certification.resubmit_application", enterprise_owner)
rules.add_perm("certification.accept_application", body_reviewer)
rules.add_perm("certification.request_changes_application", body_reviewer)
rules.add_perm("certification.reject_application", body_reviewer)
rules.add_perm("certification.certify_application", body_reviewer)
rules.add_perm("certification.review_application", body_reviewer)
rules.add_perm("certification.suspend_application", supervisor)
rules.add_perm("certification.restore_application", supervisor)
rules.add_perm("certification.revoke_application", supervisor)
rules.add_perm(
    "certification.view_full_log", body_reviewer | supervisor | (is_county_official & in_county)
)
# Evidence: the owner, the assigned body's reviewers, supervisors and administrators.
rules.add_perm(
    "certification.view_applicationdocument", enterprise_owner | body_reviewer | supervisor
)
