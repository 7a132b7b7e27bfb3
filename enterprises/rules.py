"""Object permissions on enterprises, divisions and certification bodies."""

import rules

from accounts.rules import is_county_official, is_enterprise_user, is_official, is_provincial_admin


@rules.predicate
def is_member_of_enterprise(user, enterprise) -> bool:
    return enterprise is not None and user.enterprise_id == enterprise.pk


@rules.predicate
def is_official_of_enterprise_county(user, enterprise) -> bool:
    return enterprise is not None and user.county_id == enterprise.division_id


# Officials' reach by county is enforced by `enterprises_visible_to`; an object check
# repeats it so a direct URL cannot go around the list.
can_view_enterprise = (
    (is_enterprise_user & is_member_of_enterprise)
    | is_provincial_admin
    | (is_official & ~is_county_official)
    | (is_county_official & is_official_of_enterprise_county)
)

rules.add_perm("enterprises.view_enterprise", can_view_enterprise)
rules.add_perm(
    "enterprises.change_enterprise",
    (is_enterprise_user & is_member_of_enterprise) | is_provincial_admin,
)
rules.add_perm("enterprises.add_enterprise", is_provincial_admin)
rules.add_perm("enterprises.delete_enterprise", is_provincial_admin)
for action in ("add", "change", "delete"):
    rules.add_perm(f"enterprises.{action}_certificationbody", is_provincial_admin)
    rules.add_perm(f"enterprises.{action}_administrativedivision", is_provincial_admin)
rules.add_perm("enterprises.view_certificationbody", is_official | rules.is_authenticated)
rules.add_perm("enterprises.view_administrativedivision", rules.always_allow)
