"""The county dashboard and the province overview: numbers from the records, links to
them, county boundaries, and a bounded number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from certification.enums import ApplicationState
from pilots.charts import phase_timeline
from pilots.dashboard import county_dashboard
from pilots.enums import TaskStatus
from pilots.models import PilotCounty, Target
from pilots.progress import target_records, target_values
from pilots.services import pilot_task_post_update
from standards.enums import StandardState, StandardType
from standards.models import ProductCategory, Standard
from tests.factories import EnterpriseFactory, county, user_with_role
from tests.factories.certification import ApplicationFactory, ProductFactory
from tests.factories.pilots import (
    PhaseFactory,
    PilotCountyFactory,
    PilotTaskFactory,
    TargetFactory,
    county_official,
)

pytestmark = pytest.mark.django_db

RUIJIN = "360781"


def _certified(enterprise=None, category="selenium_citrus", state=ApplicationState.CERTIFIED):
    enterprise = enterprise or EnterpriseFactory()
    product = ProductFactory(
        enterprise=enterprise, category=ProductCategory.objects.get(code=category)
    )
    return ApplicationFactory(product=product, enterprise=enterprise, state=state)


def _standard(code, division="360734", state=StandardState.PUBLISHED, category="selenium_citrus"):
    standard = Standard.objects.create(
        code=code,
        title=f"标准 {code}",
        type=StandardType.GROUP,
        state=state,
        proposing_county=county(division),
    )
    standard.categories.set(ProductCategory.objects.filter(code=category))
    return standard


def _targets(response) -> dict:
    return {row.target.code: row.value for row in response.context["targets"]}


def test_dashboard_targets_follow_the_records(client, loaded):
    client.force_login(county_official())
    url = reverse("pilots:dashboard", args=["360734"])
    assert set(_targets(client.get(url)).values()) == {0}

    orchard = EnterpriseFactory()
    _certified(orchard)
    _certified(orchard, category="passion_fruit", state=ApplicationState.SUPERVISED)
    _certified(category="rare_earth_materials")
    _certified(state=ApplicationState.UNDER_REVIEW)  # not certified
    _certified(EnterpriseFactory(division=county(RUIJIN)))  # another county's
    _standard("T/XW 001-2023")
    _standard("T/XW 002-2023", state=StandardState.SUBMITTED)

    response = client.get(url)
    values = _targets(response)
    assert values["products"] == 3
    assert values["agriculture-enterprises"] == 1
    assert values["rare-earth-enterprise"] == 1
    assert values["standards"] == 1
    assert values["agriculture-group-standards"] == 1
    products = reverse("pilots:target_records", args=["360734", "products"])
    assert f'href="{products}"' in response.content.decode()
    assert "3/5" in response.content.decode()


def test_batch_target_values_match_each_targets_records(loaded):
    ruijin = PilotCountyFactory(division=county(RUIJIN))
    TargetFactory(county=ruijin, code="products", metric="products_certified", minimum=2)
    orchard = EnterpriseFactory()
    _certified(orchard)
    _certified(orchard, category="rice")
    _certified(category="rare_earth_materials", state=ApplicationState.SUSPENDED)
    _certified(state=ApplicationState.REVOKED)
    _certified(EnterpriseFactory(division=county(RUIJIN)))
    _standard("T/XW 001-2023")
    _standard("T/XW 002-2023", category="rare_earth_materials")
    _standard("T/XW 003-2022", state=StandardState.WITHDRAWN)
    _standard("T/RJ 001-2023", division=RUIJIN)
    targets = list(Target.objects.select_related("county", "sector"))
    batch = target_values(targets)
    each = {target.pk: target_records(target).count() for target in targets}
    assert batch == each
    assert any(batch.values())


def test_target_records_page_lists_what_the_target_counts(client, loaded):
    kept = _certified()
    _certified(state=ApplicationState.DRAFT)
    client.force_login(county_official())
    response = client.get(reverse("pilots:target_records", args=["360734", "products"]))
    assert response.status_code == 200
    assert [product.pk for product in response.context["page_obj"]] == [kept.product_id]
    assert kept.product.name in response.content.decode()


def test_task_counts_link_to_the_tasks_with_that_status(client, loaded):
    official = county_official()
    task = loaded.tasks.get(kind="breakdown", number=1)
    pilot_task_post_update(task=task, user=official, text="已成立领导小组", status="done")
    client.force_login(official)
    response = client.get(reverse("pilots:dashboard", args=["360734"]))
    statuses = {row.key: row for row in response.context["statuses"]}
    assert statuses[TaskStatus.DONE].count == 1
    assert statuses[TaskStatus.NOT_STARTED].count == loaded.tasks.count() - 1
    listing = client.get(statuses[TaskStatus.DONE].url)
    assert [t.pk for t in listing.context["tasks"]] == [task.pk]


def test_overdue_tasks_are_highlighted(client, loaded):
    task = loaded.tasks.get(kind="breakdown", number=2)
    task.deadline = datetime.date(2023, 1, 31)
    task.save(update_fields=["deadline"])
    client.force_login(county_official())
    response = client.get(reverse("pilots:dashboard", args=["360734"]))
    assert [t.pk for t in response.context["overdue_tasks"]] == [task.pk]
    statuses = {row.key: row.count for row in response.context["statuses"]}
    assert statuses["overdue"] == 1
    assert 'class="overdue"' in response.content.decode()
    listing = client.get(reverse("pilots:task_list", args=["360734"]), {"overdue": 1})
    assert [t.pk for t in listing.context["tasks"]] == [task.pk]


def test_recent_updates_show_on_the_dashboard(client, loaded):
    official = county_official()
    task = loaded.tasks.get(kind="breakdown", number=3)
    pilot_task_post_update(task=task, user=official, text="配套政策已起草", progress=40)
    client.force_login(official)
    response = client.get(reverse("pilots:dashboard", args=["360734"]))
    assert [u.text for u in response.context["updates"]] == ["配套政策已起草"]
    assert "配套政策已起草" in response.content.decode()


def test_timeline_marks_today_within_the_current_phase():
    pilot = PilotCountyFactory()
    PhaseFactory(county=pilot, name="组织实施", start=datetime.date(2022, 10, 1), end=None)
    timeline = phase_timeline(pilot.phases.all(), datetime.date(2023, 3, 1))
    bar = timeline.bars[0]
    assert bar.current
    assert bar.x < timeline.today_x < bar.x + bar.width


def test_timeline_current_phase_follows_today(loaded):
    data = county_dashboard(loaded, today=datetime.date(2030, 1, 1))
    current = [bar.phase.name for bar in data["timeline"].bars if bar.current]
    assert current == ["审核验收阶段"]  # open-ended: "as the province schedules"
    data = county_dashboard(loaded, today=datetime.date(2022, 12, 15))
    assert [bar.phase.name for bar in data["timeline"].bars if bar.current] == ["资格申报阶段"]


@pytest.mark.parametrize(
    "name,args",
    [
        ("pilots:dashboard", []),
        ("pilots:task_list", []),
        ("pilots:task_export", []),
        ("pilots:target_records", ["products"]),
    ],
)
def test_county_official_gets_404_for_another_countys_pages(client, loaded, name, args):
    PilotCountyFactory(division=county(RUIJIN))
    TargetFactory(county=PilotCounty.objects.get(division__code=RUIJIN), code="products")
    client.force_login(county_official(RUIJIN))
    assert client.get(reverse(name, args=["360734", *args])).status_code == 404
    assert client.get(reverse(name, args=[RUIJIN, *args])).status_code == 200


def test_county_official_gets_404_for_another_countys_task(client, loaded):
    ruijin = PilotCountyFactory(division=county(RUIJIN))
    ruijin_task = PilotTaskFactory(county=ruijin)
    xunwu_task = loaded.tasks.first()
    client.force_login(county_official(RUIJIN))
    for code, task in ((RUIJIN, xunwu_task), ("360734", xunwu_task)):
        url = reverse("pilots:task_detail", args=[code, task.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"text": "越权填报"}).status_code == 404
    assert not xunwu_task.updates.exists()
    own = reverse("pilots:task_detail", args=[RUIJIN, ruijin_task.pk])
    assert client.get(own).status_code == 200


@pytest.mark.parametrize("role", [Role.ENTERPRISE_USER, Role.REVIEWER, Role.SUPERVISOR])
def test_other_roles_get_404_for_county_pages(client, loaded, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("pilots:dashboard", args=["360734"])).status_code == 404
    assert client.get(reverse("pilots:overview")).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, loaded):
    response = client.get(reverse("pilots:dashboard", args=["360734"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_county_official_posts_an_update_on_its_own_task(client, loaded):
    official = county_official()
    task = loaded.tasks.get(kind="breakdown", number=4)
    client.force_login(official)
    url = reverse("pilots:task_detail", args=["360734", task.pk])
    response = client.post(url, {"text": "已起草两项团体标准", "status": "", "progress": "30"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 30)
    assert task.updates.get().author == official


def test_inconsistent_update_is_refused_with_the_reason(client, loaded):
    task = loaded.tasks.get(kind="breakdown", number=4)
    client.force_login(county_official())
    url = reverse("pilots:task_detail", args=["360734", task.pk])
    response = client.post(url, {"text": "完成", "status": "done", "progress": "50"})
    assert response.status_code == 200
    assert "已完成的任务进度应为 100%。" in response.content.decode()
    assert not task.updates.exists()


def test_overview_sends_a_county_official_to_its_county(client, loaded):
    client.force_login(county_official())
    response = client.get(reverse("pilots:overview"))
    assert response.status_code == 302
    assert response["Location"] == reverse("pilots:dashboard", args=["360734"])


def test_provincial_admin_sees_every_county_and_the_provincial_tasks(client, loaded):
    ruijin = PilotCountyFactory(division=county(RUIJIN))
    TargetFactory(county=ruijin, code="products", metric="products_certified", minimum=2)
    _certified(EnterpriseFactory(division=county(RUIJIN)))
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    response = client.get(reverse("pilots:overview"))
    assert response.status_code == 200
    rows = {row.county.division.code: row for row in response.context["rows"]}
    assert set(rows) == {"360734", RUIJIN}
    assert [(t.target.code, t.value) for t in rows[RUIJIN].targets] == [("products", 1)]
    assert response.context["provincial_total"] == 29
    statuses = {row.key: row for row in response.context["provincial_statuses"]}
    assert statuses[TaskStatus.NOT_STARTED].count == 29
    listing = client.get(statuses[TaskStatus.NOT_STARTED].url)
    assert len(listing.context["tasks"]) == 29
    assert client.get(reverse("pilots:dashboard", args=[RUIJIN])).status_code == 200


def test_provincial_task_list_is_for_provincial_admins_only(client, loaded):
    client.force_login(county_official())
    assert client.get(reverse("pilots:provincial_tasks")).status_code == 404


def _grow(pilot, size):
    """Add `size` tasks, certified products and standards to the county."""
    for _ in range(size):
        PilotTaskFactory(county=pilot, deadline=datetime.date(2023, 1, 31))
        _certified(EnterpriseFactory(division=pilot.division))
        _standard(f"T/GROW {Standard.objects.count():03d}-2024", division=pilot.division.code)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_dashboard_runs_the_same_number_of_queries_at_any_size(client, loaded):
    official = county_official()
    pilot_task_post_update(task=loaded.tasks.first(), user=official, text="进展", progress=10)
    client.force_login(official)
    url = reverse("pilots:dashboard", args=["360734"])
    client.get(url)  # warm caches (content types, sessions)
    _grow(loaded, 2)
    small = _queries(client, url)
    _grow(loaded, 12)
    large = _queries(client, url)
    assert small == large
    assert 5 <= large <= 20


def test_province_overview_runs_the_same_number_of_queries_at_any_size(client, loaded):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    url = reverse("pilots:overview")
    client.get(url)
    small = _queries(client, url)
    for code in (RUIJIN, "360730", "360731"):
        pilot = PilotCountyFactory(division=county(code))
        TargetFactory(county=pilot, code="products", metric="products_certified", minimum=2)
        TargetFactory(county=pilot, code="standards", minimum=2)
        _grow(pilot, 3)
    large = _queries(client, url)
    assert small == large
    assert 5 <= large <= 20


def test_target_label_names_its_sector_and_standard_type(loaded):
    labels = {target.code: target.label for target in loaded.targets.select_related("sector")}
    assert labels["products"] == "通过认证产品数"
    assert labels["agriculture-enterprises"] == "完成认证企业数（农业）"
    assert labels["rare-earth-group-standard"] == "制定发布标准数（稀土新材料，团体标准）"
