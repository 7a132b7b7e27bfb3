"""Who may see and change pilot counties and task tables.

Provincial administrators manage everything. A county official sees their own pilot
county and its tasks, may edit those tasks and post progress updates on them, and
nothing of another county. Updates are never changed or deleted.
"""

import rules

from accounts.rules import is_county_official, is_provincial_admin


def _division_id(obj):
    """The administrative division an object of this app belongs to."""
    if hasattr(obj, "division_id"):
        return obj.division_id
    if hasattr(obj, "task"):
        obj = obj.task
    county = getattr(obj, "county", None)
    return county.division_id if county is not None else None


@rules.predicate
def is_own_county(user, obj) -> bool:
    """The object (pilot county, its task, member, phase, ...) is of the user's county."""
    if obj is None or user.county_id is None:
        return False
    return _division_id(obj) == user.county_id


is_county_official_of = is_county_official & is_own_county
can_view_county_data = is_provincial_admin | is_county_official_of

COUNTY_PARTS = ("pilotcounty", "leadershipmember", "phase", "target", "rewardrule")
for model in COUNTY_PARTS:
    rules.add_perm(f"pilots.view_{model}", can_view_county_data)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"pilots.{action}_{model}", is_provincial_admin)

rules.add_perm("pilots.view_governmentunit", is_provincial_admin | is_county_official)
for action in ("add", "change", "delete"):
    rules.add_perm(f"pilots.{action}_governmentunit", is_provincial_admin)

rules.add_perm("pilots.view_pilottask", can_view_county_data)
rules.add_perm("pilots.change_pilottask", can_view_county_data)
rules.add_perm("pilots.add_pilottask", is_provincial_admin)
rules.add_perm("pilots.delete_pilottask", is_provincial_admin)
# Asked with the task: may the user report progress on it?
rules.add_perm("pilots.post_update_pilottask", can_view_county_data)

rules.add_perm("pilots.view_pilottaskupdate", can_view_county_data)
rules.add_perm("pilots.add_pilottaskupdate", is_provincial_admin | is_county_official)

for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"pilots.{action}_provincialtask", is_provincial_admin)
rules.add_perm("pilots.post_update_provincialtask", is_provincial_admin)
rules.add_perm("pilots.view_provincialtaskupdate", is_provincial_admin)
rules.add_perm("pilots.add_provincialtaskupdate", is_provincial_admin)

for model in ("pilottaskupdate", "provincialtaskupdate"):
    for action in ("change", "delete"):
        rules.add_perm(f"pilots.{action}_{model}", rules.always_deny)

# Reward payouts: created only by the reward tasks, never by hand; a county's officials
# (and provincial administrators) approve, reject and record their payment.
rules.add_perm("pilots.view_rewardpayout", can_view_county_data)
for action in ("approve", "pay", "reject"):
    rules.add_perm(f"pilots.{action}_rewardpayout", can_view_county_data)
for action in ("add", "change", "delete"):
    rules.add_perm(f"pilots.{action}_rewardpayout", rules.always_deny)
