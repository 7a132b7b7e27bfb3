"""County boundaries: officials reach their own county's pilot data only."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.roles import Role
from accounts.rules import can
from pilots.models import PilotTaskUpdate
from pilots.selectors import (
    pilot_counties_visible_to,
    pilot_task_for,
    pilot_task_updates_visible_to,
    pilot_tasks_visible_to,
    provincial_tasks_visible_to,
)
from pilots.services import pilot_task_post_update
from tests.factories import UserFactory, county, user_with_role
from tests.factories.pilots import (
    PilotCountyFactory,
    PilotTaskFactory,
    ProvincialTaskFactory,
    county_official,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def xunwu_task():
    return PilotTaskFactory(county=PilotCountyFactory(division=county("360734")))


@pytest.fixture
def ruijin_task():
    return PilotTaskFactory(county=PilotCountyFactory(division=county("360781")))


def _actor(kind):
    if kind == "xunwu_official":
        return county_official("360734")
    if kind == "ruijin_official":
        return county_official("360781")
    if kind == "official_without_county":
        return user_with_role(Role.COUNTY_OFFICIAL, county=None)
    if kind == "no_role":
        return UserFactory()
    return user_with_role(Role(kind))


# actor -> may (view, change, post an update on) a task of 寻乌县
TABLE = {
    Role.PROVINCIAL_ADMIN.value: (True, True, True),
    "xunwu_official": (True, True, True),
    "ruijin_official": (False, False, False),
    "official_without_county": (False, False, False),
    Role.SUPERVISOR.value: (False, False, False),
    Role.REVIEWER.value: (False, False, False),
    Role.ENTERPRISE_USER.value: (False, False, False),
    "no_role": (False, False, False),
}


@pytest.mark.parametrize(("kind", "expected"), TABLE.items())
def test_pilot_task_permission_table(kind, expected, xunwu_task):
    user = _actor(kind)
    may_view, may_change, may_post = expected
    assert can(user, "pilots.view_pilottask", xunwu_task) is may_view
    assert can(user, "pilots.change_pilottask", xunwu_task) is may_change
    assert can(user, "pilots.post_update_pilottask", xunwu_task) is may_post
    assert pilot_tasks_visible_to(user).filter(pk=xunwu_task.pk).exists() is may_view
    assert can(user, "pilots.view_pilotcounty", xunwu_task.county) is may_view
    assert pilot_counties_visible_to(user).filter(pk=xunwu_task.county_id).exists() is may_view


def test_official_lists_only_own_county_tasks(xunwu_task, ruijin_task):
    assert list(pilot_tasks_visible_to(county_official("360734"))) == [xunwu_task]
    assert list(pilot_tasks_visible_to(county_official("360781"))) == [ruijin_task]
    admin = user_with_role(Role.PROVINCIAL_ADMIN)
    assert set(pilot_tasks_visible_to(admin)) == {xunwu_task, ruijin_task}


def test_other_county_task_is_404_via_selector(xunwu_task, ruijin_task):
    official = county_official("360734")
    assert pilot_task_for(official, xunwu_task.pk) == xunwu_task
    with pytest.raises(Http404):
        pilot_task_for(official, ruijin_task.pk)


def test_other_county_task_update_is_permission_denied_via_service(ruijin_task):
    with pytest.raises(PermissionDenied):
        pilot_task_post_update(task=ruijin_task, user=county_official("360734"), text="越权填报")
    assert not PilotTaskUpdate.objects.exists()
    ruijin_task.refresh_from_db()
    assert ruijin_task.status == "not_started"


def test_updates_visible_only_within_the_county(xunwu_task, ruijin_task):
    xunwu_official, ruijin_official = county_official("360734"), county_official("360781")
    pilot_task_post_update(task=xunwu_task, user=xunwu_official, text="寻乌进展")
    pilot_task_post_update(task=ruijin_task, user=ruijin_official, text="瑞金进展")
    texts = pilot_task_updates_visible_to(xunwu_official).values_list("text", flat=True)
    assert list(texts) == ["寻乌进展"]


def test_updates_are_never_changed_or_deleted(xunwu_task):
    official = county_official("360734")
    update = pilot_task_post_update(task=xunwu_task, user=official, text="进展")
    admin = user_with_role(Role.PROVINCIAL_ADMIN)
    for user in (official, admin):
        assert not can(user, "pilots.change_pilottaskupdate", update)
        assert not can(user, "pilots.delete_pilottaskupdate", update)


def test_provincial_tasks_are_for_provincial_admins():
    task = ProvincialTaskFactory()
    admin = user_with_role(Role.PROVINCIAL_ADMIN)
    assert can(admin, "pilots.change_provincialtask", task)
    assert list(provincial_tasks_visible_to(admin)) == [task]
    official = county_official()
    assert not can(official, "pilots.view_provincialtask", task)
    assert not provincial_tasks_visible_to(official).exists()


def test_roles_get_pilots_permissions_from_the_migration():
    official = set(
        Group.objects.get(name=Role.COUNTY_OFFICIAL)
        .permissions.filter(content_type__app_label="pilots")
        .values_list("codename", flat=True)
    )
    assert {"view_pilottask", "change_pilottask", "add_pilottaskupdate"} <= official
    assert not official & {"add_pilottask", "delete_pilottask", "change_provincialtask"}
    provincial = set(
        Group.objects.get(name=Role.PROVINCIAL_ADMIN)
        .permissions.filter(content_type__app_label="pilots")
        .values_list("codename", flat=True)
    )
    assert len(provincial) == 40  # ten models x view/add/change/delete
    assert {"delete_pilotcounty", "change_provincialtask", "add_governmentunit"} <= provincial
