"""Phases of one pilot county never overlap; the last may have an open end."""

import datetime
import shutil

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.roles import Role
from pilots.loading import DATA_DIR
from pilots.models import Phase, PilotCounty, ProvincialTask
from tests.factories import county, user_with_role
from tests.factories.pilots import PhaseFactory, PilotCountyFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _phase(pilot, name, start, end):
    return Phase(county=pilot, name=name, start=start, end=end)


def test_phase_overlapping_another_is_refused_with_a_clear_error():
    pilot = PilotCountyFactory()
    PhaseFactory(county=pilot, name="组织实施阶段", start=D(2022, 10, 1), end=D(2022, 11, 30))
    clash = _phase(pilot, "资格申报阶段", D(2022, 11, 15), D(2022, 12, 31))
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    message = " ".join(error.value.messages)
    assert "资格申报阶段" in message and "组织实施阶段" in message
    assert "不得重叠" in message
    assert error.value.error_dict["__all__"][0].code == "phase_overlap"


def test_phase_starting_the_day_after_another_ends_is_accepted():
    pilot = PilotCountyFactory()
    PhaseFactory(county=pilot, start=D(2022, 10, 1), end=D(2022, 11, 30))
    _phase(pilot, "资格申报阶段", D(2022, 12, 1), D(2022, 12, 31)).full_clean()


def test_phase_sharing_one_day_is_refused():
    pilot = PilotCountyFactory()
    PhaseFactory(county=pilot, start=D(2022, 10, 1), end=D(2022, 11, 30))
    with pytest.raises(ValidationError):
        _phase(pilot, "下一阶段", D(2022, 11, 30), D(2022, 12, 31)).full_clean()


def test_phase_open_end_overlaps_everything_after_its_start():
    pilot = PilotCountyFactory()
    PhaseFactory(county=pilot, name="审核验收阶段", start=D(2023, 11, 1), end=None)
    with pytest.raises(ValidationError):
        _phase(pilot, "以后的阶段", D(2030, 1, 1), D(2030, 2, 1)).full_clean()
    with pytest.raises(ValidationError):
        _phase(pilot, "另一个开放阶段", D(2020, 1, 1), None).full_clean()
    _phase(pilot, "之前的阶段", D(2023, 1, 1), D(2023, 10, 31)).full_clean()


def test_phase_editing_itself_is_not_an_overlap():
    phase = PhaseFactory(start=D(2022, 10, 1), end=D(2022, 11, 30))
    phase.end = D(2022, 11, 15)
    phase.full_clean()


def test_phases_of_different_counties_may_overlap():
    PhaseFactory(county=PilotCountyFactory(), start=D(2022, 10, 1), end=D(2022, 11, 30))
    other = PilotCountyFactory(division=county("360781"))
    _phase(other, "组织实施阶段", D(2022, 10, 1), D(2022, 11, 30)).full_clean()


def test_phase_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as error:
        _phase(PilotCountyFactory(), "倒序", D(2022, 12, 1), D(2022, 11, 1)).full_clean()
    assert "end" in error.value.message_dict


def test_admin_refuses_overlapping_phases_in_one_submission(client):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    ruijin = county("360781")
    data = {
        "division": ruijin.pk,
        "plan_title": "瑞金市品牌试点县创建工作实施方案",
        "members-TOTAL_FORMS": "0",
        "targets-TOTAL_FORMS": "0",
        "reward_rules-TOTAL_FORMS": "0",
        "phases-TOTAL_FORMS": "2",
        "phases-0-order": "1",
        "phases-0-name": "第一阶段",
        "phases-0-start": "2024-01-01",
        "phases-0-end": "2024-06-30",
        "phases-1-order": "2",
        "phases-1-name": "第二阶段",
        "phases-1-start": "2024-06-01",
        "phases-1-end": "",
    }
    for prefix in ("members", "targets", "reward_rules", "phases"):
        data.update({f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0"})
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    response = client.post(reverse("admin:pilots_pilotcounty_add"), data)
    assert response.status_code == 200
    assert "不得重叠" in response.content.decode()
    assert not PilotCounty.objects.filter(division=ruijin).exists()

    data["phases-1-start"] = "2024-07-01"
    response = client.post(reverse("admin:pilots_pilotcounty_add"), data)
    assert response.status_code == 302
    assert Phase.objects.filter(county__division=ruijin).count() == 2


def test_loader_refuses_overlapping_phases_and_loads_nothing(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    path = data_dir / "xunwu.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["phases"][1]["start"] = D(2022, 11, 1)  # 资格申报 now starts inside 组织实施
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match="不得重叠"):
        call_command("load_pilot_data", data_dir=data_dir)
    assert not PilotCounty.objects.exists()
    assert not ProvincialTask.objects.exists()
