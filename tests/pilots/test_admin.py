"""The pilots admin: search and filters, county boundaries, updates through the service."""

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from pilots.enums import PilotTaskKind, TaskStatus
from pilots.models import PilotTask, PilotTaskUpdate, ProvincialTask, ProvincialTaskUpdate
from pilots.services import pilot_task_post_update
from tests.factories import county, user_with_role
from tests.factories.pilots import PilotCountyFactory, PilotTaskFactory, county_official

pytestmark = pytest.mark.django_db


def _staff_official(code="360734"):
    # County officials are not among accounts.roles.STAFF_ROLES yet; the admin needs is_staff.
    return county_official(code, is_staff=True)


def _management(response) -> dict:
    """The management-form data of every inline on an admin change page."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(formset.total_form_count())
        data[f"{formset.prefix}-INITIAL_FORMS"] = str(formset.initial_form_count())
        data[f"{formset.prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{formset.prefix}-MAX_NUM_FORMS"] = "1000"
    return data


def _new_update_prefix(response) -> str:
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.extra:
            return inline.formset.prefix
    raise AssertionError("no inline to post a new update")


def test_provincial_admin_searches_and_filters_pilot_tasks(client, loaded):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    url = reverse("admin:pilots_pilottask_changelist")
    response = client.get(url, {"q": "圳品"})
    assert response.status_code == 200
    assert [task.number for task in response.context["cl"].result_list] == [5]
    response = client.get(url, {"q": "县财政局"})
    assert [task.number for task in response.context["cl"].result_list] == [3]
    response = client.get(url, {"kind__exact": PilotTaskKind.MAIN})
    assert response.context["cl"].result_count == 3
    assert client.get(url, {"overdue": "yes"}).context["cl"].result_count == 0


def test_provincial_admin_filters_provincial_tasks(client, loaded):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    url = reverse("admin:pilots_provincialtask_changelist")
    response = client.get(url, {"part": "四、保障措施"})
    assert response.context["cl"].result_count == 6
    response = client.get(url, {"q": "省税务局"})
    assert [task.number for task in response.context["cl"].result_list] == [29]
    response = client.get(url, {"overdue": "yes"})
    assert response.context["cl"].result_count == 13  # every dated task is past
    assert "持续推进" in client.get(url).content.decode()


def test_provincial_admin_sees_the_pilot_county_page(client, loaded):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    html = client.get(reverse("admin:pilots_pilotcounty_change", args=[loaded.pk])).content
    html = html.decode()
    for text in ("谢欣", "县委副书记、县政府副县长", "集中创建阶段", "完成5家以上企业认证"):
        assert text in html


def test_county_official_sees_only_own_county_tasks(client, loaded):
    ruijin_task = PilotTaskFactory(
        county=PilotCountyFactory(division=county("360781")), content="瑞金任务"
    )
    client.force_login(_staff_official())
    response = client.get(reverse("admin:pilots_pilottask_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 13
    assert "瑞金任务" not in response.content.decode()
    change = client.get(reverse("admin:pilots_pilottask_change", args=[ruijin_task.pk]))
    assert change.status_code == 302  # "does not exist" for another county's task
    assert client.get(reverse("admin:pilots_provincialtask_changelist")).status_code == 403


def test_county_official_posts_an_update_in_the_admin(client, loaded):
    task = PilotTask.objects.get(county=loaded, kind=PilotTaskKind.BREAKDOWN, number=2)
    official = _staff_official()
    client.force_login(official)
    url = reverse("admin:pilots_pilottask_change", args=[task.pk])
    page = client.get(url)
    assert page.status_code == 200
    prefix = _new_update_prefix(page)
    data = {
        **_management(page),
        "deadline": "2023-06-30",
        "content": "被篡改的内容",  # read only for officials: ignored
        f"{prefix}-0-text": "已形成重点培育产品清单初稿。",
        f"{prefix}-0-progress": "40",
        f"{prefix}-0-status": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    task.refresh_from_db()
    assert (task.status, task.progress, str(task.deadline)) == (
        TaskStatus.IN_PROGRESS,
        40,
        "2023-06-30",
    )
    assert task.content == "拟定县域范围内重点培育产品清单"
    update = PilotTaskUpdate.objects.get(task=task)
    assert (update.author, update.progress) == (official, 40)


def test_admin_update_with_inconsistent_values_shows_the_error(client, loaded):
    task = PilotTask.objects.get(county=loaded, kind=PilotTaskKind.BREAKDOWN, number=2)
    client.force_login(_staff_official())
    url = reverse("admin:pilots_pilottask_change", args=[task.pk])
    page = client.get(url)
    prefix = _new_update_prefix(page)
    data = {
        **_management(page),
        "deadline": "",
        f"{prefix}-0-text": "已完成？",
        f"{prefix}-0-status": TaskStatus.DONE,
        f"{prefix}-0-progress": "50",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "已完成的任务进度应为 100%" in response.content.decode()
    assert not PilotTaskUpdate.objects.exists()


def test_attachment_download_respects_county_boundaries(client, loaded):
    task = PilotTask.objects.get(county=loaded, kind=PilotTaskKind.BREAKDOWN, number=1)
    official = _staff_official()
    pdf = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4\n%%EOF\n")
    update = pilot_task_post_update(task=task, user=official, text="附纪要", attachment=pdf)
    url = reverse("admin:pilots_pilottask_attachment", args=[task.pk, update.pk])

    client.force_login(official)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n%%EOF\n"
    assert "attachment" in response["Content-Disposition"]
    page = client.get(reverse("admin:pilots_pilottask_change", args=[task.pk]))
    assert url in page.content.decode()

    client.force_login(_staff_official("360781"))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "model",
    ["governmentunit", "pilotcounty", "pilottask", "provincialtask"],
)
def test_admin_pages_render_for_provincial_admin(client, loaded, model):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    obj = apps.get_model("pilots", model).objects.order_by("pk").first()
    for url in (
        reverse(f"admin:pilots_{model}_changelist"),
        reverse(f"admin:pilots_{model}_add"),
        reverse(f"admin:pilots_{model}_change", args=[obj.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_provincial_admin_posts_a_provincial_task_update(client, loaded):
    task = ProvincialTask.objects.get(number=1)
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    url = reverse("admin:pilots_provincialtask_change", args=[task.pk])
    page = client.get(url)
    prefix = _new_update_prefix(page)
    data = {
        **_management(page),
        "number": "1",
        "part": task.part,
        "section": task.section,
        "content": task.content,
        "deadline": "2021-12-31",
        "responsible_units": [unit.pk for unit in task.responsible_units.all()],
        "responsible_units_text": task.responsible_units_text,
        f"{prefix}-0-text": "江西绿色生态品牌研究中心已成立。",
        f"{prefix}-0-status": TaskStatus.DONE,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.DONE, 100)
    assert ProvincialTaskUpdate.objects.filter(task=task).count() == 1
    assert not task.is_overdue()
