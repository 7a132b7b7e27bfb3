"""The loaded pilot data matches the source documents, and loading is idempotent."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from pilots.enums import MemberRole, Metric, PilotTaskKind, RewardKind
from pilots.loading import DATA_DIR, split_units
from pilots.models import (
    GovernmentUnit,
    LeadershipMember,
    Phase,
    PilotCounty,
    PilotTask,
    ProvincialTask,
    RewardRule,
    Target,
)

from .expected import (
    PROVINCIAL_TASKS,
    XUNWU_MAIN_TASKS,
    XUNWU_MEMBERS,
    XUNWU_PHASES,
    XUNWU_TASKS,
)

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _unit_names(manager) -> set[str]:
    return set(manager.values_list("name", flat=True))


def test_xunwu_counts(loaded):
    tasks = PilotTask.objects.filter(county=loaded)
    assert tasks.filter(kind=PilotTaskKind.BREAKDOWN).count() == 10
    assert tasks.filter(kind=PilotTaskKind.MAIN).count() == 3
    assert loaded.phases.count() == 4
    assert loaded.members.count() == 13
    assert loaded.targets.count() == 6
    assert loaded.reward_rules.count() == 2


def test_xunwu_pilot_county_facts(loaded):
    assert loaded.division.code == "360734"
    assert loaded.plan_title == "寻乌县“江西绿色生态”品牌试点县创建工作实施方案"
    assert loaded.leadership_group_name == "寻乌县“江西绿色生态”品牌试点县创建工作领导小组"
    assert loaded.office_unit.name == "县市场监督管理局"
    assert loaded.office_director.name == "邱桂峰"
    assert loaded.approval_date is None  # the plan states none


def test_xunwu_breakdown_tasks_text_and_units(loaded):
    tasks = PilotTask.objects.filter(county=loaded, kind=PilotTaskKind.BREAKDOWN)
    got = [
        (task.number, task.content, task.responsible_units_text)
        for task in tasks.order_by("number")
    ]
    assert got == XUNWU_TASKS
    for task in tasks:
        assert _unit_names(task.responsible_units) == set(task.responsible_units_text.split("、"))
        assert not task.lead_units.exists()
        assert task.deadline is None  # annex 2 gives no deadlines


def test_xunwu_task_units_spot_check(loaded):
    task = PilotTask.objects.get(county=loaded, kind=PilotTaskKind.BREAKDOWN, number=10)
    assert _unit_names(task.responsible_units) == {"县委宣传部", "各成员单位"}
    task = PilotTask.objects.get(county=loaded, kind=PilotTaskKind.BREAKDOWN, number=3)
    assert task.responsible_units.count() == 7
    assert task.responsible_units.filter(name="县财政局").exists()


def test_xunwu_main_tasks_lead_and_responsible_units(loaded):
    tasks = PilotTask.objects.filter(county=loaded, kind=PilotTaskKind.MAIN).order_by("number")
    got = [
        (task.number, task.title, task.lead_units_text, task.responsible_units_text)
        for task in tasks
    ]
    assert got == XUNWU_MAIN_TASKS
    for task in tasks:
        assert _unit_names(task.lead_units) == set(task.lead_units_text.split("、"))
        assert _unit_names(task.responsible_units) == set(
            re.split("[、，]", task.responsible_units_text)
        )
    assert tasks[0].content.startswith("立足有机富硒的资源优势")


def test_xunwu_main_task_numbers_display_as_in_the_plan(loaded):
    numbers = [task.number_display for task in PilotTask.objects.filter(kind=PilotTaskKind.MAIN)]
    assert numbers == ["（一）", "（二）", "（三）"]


def test_xunwu_first_main_task_units_split_on_full_width_comma(loaded):
    task = PilotTask.objects.get(county=loaded, kind=PilotTaskKind.MAIN, number=1)
    assert _unit_names(task.responsible_units) == {
        "县果业发展服务中心",
        "县文广新旅局",
        "各乡（镇）人民政府",
    }
    assert task.responsible_units.get(name="各乡（镇）人民政府").is_collective


def test_xunwu_leadership_group_in_document_order(loaded):
    members = list(loaded.members.values_list("name", "role", "position"))
    assert members == XUNWU_MEMBERS
    assert [m[1] for m in members].count(MemberRole.MEMBER) == 11
    director = LeadershipMember.objects.get(county=loaded, also_office_director=True)
    assert (director.name, director.role) == ("邱桂峰", MemberRole.MEMBER)


def test_xunwu_phases_with_dates_and_open_end(loaded):
    phases = list(loaded.phases.values_list("name", "start", "end"))
    assert phases == XUNWU_PHASES
    assert loaded.phases.get(name="组织实施阶段").period_text == "2022年10月—11月"
    assert loaded.phases.get(name="审核验收阶段").end is None


def test_xunwu_targets(loaded):
    rows = {
        t.code: (
            t.metric,
            t.sector.code if t.sector else None,
            t.standard_type,
            t.minimum,
            t.maximum,
        )
        for t in loaded.targets.select_related("sector")
    }
    assert rows == {
        "standards": (Metric.STANDARDS_PUBLISHED, None, "", 2, 5),
        "products": (Metric.PRODUCTS_CERTIFIED, None, "", 5, None),
        "agriculture-group-standards": (
            Metric.STANDARDS_PUBLISHED,
            "agriculture",
            "group",
            2,
            None,
        ),
        "agriculture-enterprises": (Metric.ENTERPRISES_CERTIFIED, "agriculture", "", 5, None),
        "rare-earth-group-standard": (
            Metric.STANDARDS_PUBLISHED,
            "rare_earth_materials",
            "group",
            1,
            None,
        ),
        "rare-earth-enterprise": (
            Metric.ENTERPRISES_CERTIFIED,
            "rare_earth_materials",
            "",
            1,
            None,
        ),
    }
    assert str(loaded.targets.get(code="standards").range_display) == "2–5"


def test_xunwu_reward_policy(loaded):
    rules = {rule.kind: rule for rule in RewardRule.objects.filter(county=loaded)}
    assert rules[RewardKind.PER_PUBLISHED_STANDARD].amount == Decimal("50000.00")
    assert rules[RewardKind.PER_FIRST_CERTIFIED_ENTERPRISE].amount == Decimal("20000.00")
    assert all(rule.is_one_time and rule.payer == "县财政" for rule in rules.values())


def test_provincial_task_count_and_sections(loaded):
    assert ProvincialTask.objects.count() == 29
    sections = list(
        ProvincialTask.objects.order_by("number").values_list("section", flat=True).distinct()
    )
    assert [s[:3] for s in dict.fromkeys(sections)] == [
        "(一)",
        "(二)",
        "(三)",
        "(四)",
        "(五)",
        "(六)",
        "",
    ]
    by_section = {
        section: ProvincialTask.objects.filter(section__startswith=section).count()
        for section in ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)"]
    }
    assert by_section == {"(一)": 4, "(二)": 4, "(三)": 2, "(四)": 4, "(五)": 6, "(六)": 3}
    guarantees = ProvincialTask.objects.filter(part="四、保障措施")
    assert sorted(guarantees.values_list("number", flat=True)) == list(range(24, 30))
    assert ProvincialTask.objects.get(number=1).section == "(一)培植“江西绿色生态”品牌文化"


def test_provincial_tasks_text_deadline_and_units(loaded):
    tasks = ProvincialTask.objects.order_by("number")
    got = [
        (task.number, task.content, task.deadline_display, task.responsible_units_text)
        for task in tasks
    ]
    assert got == PROVINCIAL_TASKS
    for task in tasks.prefetch_related("responsible_units__division"):
        expected = {
            name.removesuffix("等") for name in re.split("[、,]", task.responsible_units_text)
        }
        assert _unit_names(task.responsible_units) == expected, task.number
        assert task.ongoing is (task.deadline_display == "持续推进")
        assert {unit.division.code for unit in task.responsible_units.all()} == {"360000"}


def test_provincial_task_units_spot_check(loaded):
    task = ProvincialTask.objects.get(number=8)
    assert task.responsible_units.count() == 20  # 19 departments "等", and the cities
    assert task.responsible_units.filter(name="省工商联").exists()
    task = ProvincialTask.objects.get(number=28)
    assert _unit_names(task.responsible_units) == {
        "省金融监管局",
        "人行南昌中心支行",
        "各设区市政府",
    }


def test_provincial_deadlines_are_month_ends(loaded):
    import datetime

    assert ProvincialTask.objects.get(number=1).deadline == datetime.date(2021, 12, 31)
    assert ProvincialTask.objects.get(number=6).deadline == datetime.date(2023, 12, 31)
    assert ProvincialTask.objects.get(number=17).deadline == datetime.date(2022, 12, 31)
    assert ProvincialTask.objects.filter(deadline__isnull=True).count() == 16


def test_split_units_drops_trailing_deng_and_splits_both_commas():
    assert split_units("省市场监管局、省工商联等,各设区市政府") == [
        "省市场监管局",
        "省工商联",
        "各设区市政府",
    ]
    assert split_units("县文广新旅局，各乡（镇）人民政府") == ["县文广新旅局", "各乡（镇）人民政府"]
    assert split_units("") == []


def test_collective_units_are_flagged(loaded):
    collective = set(
        GovernmentUnit.objects.filter(is_collective=True).values_list("name", flat=True)
    )
    assert collective == {"各成员单位", "各设区市政府", "各乡（镇）人民政府"}
    # 各成员单位 exists twice: the province's and the county's leadership group members.
    assert GovernmentUnit.objects.filter(name="各成员单位").count() == 2


def _snapshot():
    models = [GovernmentUnit, PilotCounty, LeadershipMember, Phase, Target, RewardRule]
    snapshot = {model.__name__: sorted(model.objects.values_list()) for model in models}
    for model in (PilotTask, ProvincialTask):
        snapshot[model.__name__] = sorted(model.objects.values_list())
        snapshot[f"{model.__name__}.units"] = sorted(
            model.responsible_units.through.objects.values_list()
        )
    snapshot["PilotTask.lead_units"] = sorted(PilotTask.lead_units.through.objects.values_list())
    return snapshot


def test_load_pilot_data_second_run_changes_nothing(db):
    call_command("load_pilot_data")
    before = _snapshot()
    call_command("load_pilot_data")
    assert _snapshot() == before


def test_load_pilot_data_reports_nothing_changed_on_second_run(db, capsys):
    call_command("load_pilot_data")
    call_command("load_pilot_data")
    assert "nothing changed" in capsys.readouterr().out


def test_reload_keeps_what_people_maintain(loaded):
    import datetime

    task = PilotTask.objects.get(county=loaded, kind=PilotTaskKind.BREAKDOWN, number=1)
    PilotTask.objects.filter(pk=task.pk).update(
        status="in_progress", progress=40, deadline=datetime.date(2023, 6, 30)
    )
    PilotCounty.objects.filter(pk=loaded.pk).update(approval_date=datetime.date(2022, 9, 1))
    call_command("load_pilot_data")
    task.refresh_from_db()
    loaded.refresh_from_db()
    assert (task.status, task.progress, task.deadline) == (
        "in_progress",
        40,
        datetime.date(2023, 6, 30),
    )
    assert loaded.approval_date == datetime.date(2022, 9, 1)


def test_reload_restores_document_text(loaded):
    task = ProvincialTask.objects.get(number=3)
    ProvincialTask.objects.filter(pk=task.pk).update(content="被改动的内容")
    task.responsible_units.clear()
    call_command("load_pilot_data")
    task.refresh_from_db()
    assert task.content == "组建“江西绿色生态”品牌专家智库"
    assert _unit_names(task.responsible_units) == {"省市场监管局"}


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _document_strings(
    data,
    keys=(
        "content",
        "title",
        "text",
        "responsible_units",
        "lead_units",
        "position",
        "name",
        "description",
        "period_text",
        "overall_goal",
        "office_duties",
        "plan_title",
        "section",
        "part",
        "deadline",
    ),
):
    """Every string in a data file that the document should contain verbatim."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key in keys and value:
                yield key, value
            else:
                yield from _document_strings(value, keys)
    elif isinstance(data, list):
        for item in data:
            yield from _document_strings(item, keys)


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source documents not found at {SEEDS}")
@pytest.mark.parametrize(
    ("data_file", "seed_file"),
    [("xunwu.yaml", "000_8e4071c7b84cc9b0.txt"), ("province.yaml", "001_8ee119f4c1b054f4.txt")],
)
def test_every_data_string_appears_verbatim_in_the_seed_document(data_file, seed_file):
    document = _normalise((SEEDS / seed_file).read_text(encoding="utf-8"))
    data = yaml.safe_load((DATA_DIR / data_file).read_text(encoding="utf-8"))
    strings = list(_document_strings(data))
    assert len(strings) > 30
    missing = [(key, value) for key, value in strings if _normalise(value) not in document]
    assert missing == []
