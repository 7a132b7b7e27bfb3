"""Load the pilot counties and the provincial key-task list from `pilots/data/*.yaml`.

The data files are transcriptions of the source documents. Loading is idempotent: each
record is found by its natural key and written only when a document field differs, so
a second run changes nothing. Fields people maintain in the portal (task status,
progress, a pilot task's deadline, the approval date) are set on creation only and
never overwritten by a reload.
"""

import datetime
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction

from enterprises.models import AdministrativeDivision
from standards.models import ProductCategory

from .enums import PilotTaskKind
from .models import (
    GovernmentUnit,
    LeadershipMember,
    Phase,
    PilotCounty,
    PilotTask,
    ProvincialTask,
    RewardRule,
    Target,
)
from .models.tasks import month_end

DATA_DIR = Path(__file__).resolve().parent / "data"
PROVINCE_FILE = "province.yaml"
ONGOING = "持续推进"


class PilotDataError(Exception):
    """The data file is inconsistent (an unknown unit, a bad deadline, ...)."""


class LoadStats:
    def __init__(self):
        # Records created and updated, and unit lists (re)linked, by model name.
        self.created, self.updated, self.linked = Counter(), Counter(), Counter()

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.linked)

    def summary(self) -> str:
        names = sorted(set(self.created) | set(self.updated))
        if not names:
            return "nothing changed"
        return "; ".join(
            f"{name}: {self.created[name]} created, {self.updated[name]} updated" for name in names
        )


def split_units(text: str) -> list[str]:
    """Unit names in a 责任单位 text: split on 、 ， , and drop a trailing 等 ("and others")."""
    names = [name.strip() for name in re.split(r"[、，,]", text or "")]
    return [name.removesuffix("等") for name in names if name]


def parse_month(text: str):
    """The deadline of a 完成时限 cell: the month's last day, or None for 持续推进."""
    if text == ONGOING:
        return None
    match = re.fullmatch(r"(\d{4})年(\d{1,2})月", text or "")
    if match is None:
        raise PilotDataError(f"Unreadable deadline {text!r}: expected 2021年12月 or {ONGOING}.")
    return month_end(datetime.date(int(match[1]), int(match[2]), 1))


def index(queryset, *key_fields) -> dict:
    """Existing records by natural key (attribute names), fetched in one query."""
    return {tuple(getattr(obj, field) for field in key_fields): obj for obj in queryset}


def upsert(model, stats: LoadStats, existing: dict, keys: dict, values: dict, create_only=None):
    """update_or_create on a natural key, saving only when a value differs.

    `existing` is the `index()` of the model's records, keyed by the values of `keys`.
    Uniqueness is the natural key's; field validation and the model's clean() still run.
    """
    key = tuple(keys.values())
    obj = existing.get(key)
    if obj is None:
        obj = model(**keys, **values, **(create_only or {}))
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        existing[key] = obj
        stats.created[model._meta.model_name] += 1
        return obj
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save(update_fields=[model._meta.get_field(f).name for f in changed])
        stats.updated[model._meta.model_name] += 1
    return obj


def set_units(task, field: str, units: list, stats: LoadStats) -> None:
    manager = getattr(task, field)
    if set(manager.all()) != set(units):
        manager.set(units)
        stats.linked[f"{task._meta.model_name}.{field}"] += 1


def _division(code: str) -> AdministrativeDivision:
    try:
        return AdministrativeDivision.objects.get(code=code)
    except AdministrativeDivision.DoesNotExist:
        raise PilotDataError(f"Unknown administrative division {code}.") from None


def _load_units(division, entries, stats) -> dict[str, GovernmentUnit]:
    existing = index(GovernmentUnit.objects.filter(division=division), "division_id", "name")
    units = {}
    for entry in entries:
        units[entry["name"]] = upsert(
            GovernmentUnit,
            stats,
            existing,
            {"division_id": division.pk, "name": entry["name"]},
            {"is_collective": entry.get("collective", False)},
        )
    return units


def _units(units: dict, text: str, where: str) -> list[GovernmentUnit]:
    unknown = [name for name in split_units(text) if name not in units]
    if unknown:
        raise PilotDataError(f"{where}: units not declared under 'units': {unknown}")
    return [units[name] for name in split_units(text)]


def load_province(data: dict, stats: LoadStats) -> None:
    units = _load_units(_division(data["division"]), data["units"], stats)
    existing = index(ProvincialTask.objects.prefetch_related("responsible_units"), "number")
    for row in data["tasks"]:
        task = upsert(
            ProvincialTask,
            stats,
            existing,
            {"number": row["number"]},
            {
                "part": row["part"],
                "section": row.get("section", ""),
                "content": row["content"],
                "deadline": parse_month(row["deadline"]),
                "responsible_units_text": row["responsible_units"],
            },
        )
        where = f"provincial task {row['number']}"
        set_units(task, "responsible_units", _units(units, row["responsible_units"], where), stats)


def _load_members(county, group: dict, stats) -> None:
    existing = index(county.members.all(), "county_id", "name")
    for order, row in enumerate(group["members"], start=1):
        upsert(
            LeadershipMember,
            stats,
            existing,
            {"county_id": county.pk, "name": row["name"]},
            {
                "role": row["role"],
                "position": row["position"],
                "also_office_director": row.get("also_office_director", False),
                "order": order,
            },
        )


def _load_phases(county, rows, stats) -> None:
    existing = index(county.phases.all(), "county_id", "name")
    for order, row in enumerate(rows, start=1):
        upsert(
            Phase,
            stats,
            existing,
            {"county_id": county.pk, "name": row["name"]},
            {
                "order": order,
                "start": row["start"],
                "end": row.get("end"),
                "period_text": row.get("period_text", ""),
                "description": row.get("description", ""),
            },
        )


def _load_targets(county, rows, stats) -> None:
    sectors = {category.code: category for category in ProductCategory.objects.all()}
    existing = index(county.targets.all(), "county_id", "code")
    for order, row in enumerate(rows, start=1):
        sector = None
        if row.get("sector"):
            sector = sectors.get(row["sector"])
            if sector is None:
                raise PilotDataError(f"Target {row['code']}: unknown sector {row['sector']}.")
        upsert(
            Target,
            stats,
            existing,
            {"county_id": county.pk, "code": row["code"]},
            {
                "metric": row["metric"],
                "sector": sector,
                "standard_type": row.get("standard_type", ""),
                "minimum": row["minimum"],
                "maximum": row.get("maximum"),
                "text": row.get("text", ""),
                "order": order,
            },
        )


def _load_rewards(county, rows, stats) -> None:
    existing = index(county.reward_rules.all(), "county_id", "kind")
    for row in rows:
        upsert(
            RewardRule,
            stats,
            existing,
            {"county_id": county.pk, "kind": row["kind"]},
            {
                "amount": Decimal(str(row["amount"])),
                "payer": row.get("payer", ""),
                "text": row.get("text", ""),
            },
        )


def _load_tasks(county, units, main_rows, rows, stats) -> None:
    existing = index(
        county.tasks.prefetch_related("lead_units", "responsible_units"),
        "county_id",
        "kind",
        "number",
    )
    for kind, task_rows in ((PilotTaskKind.MAIN, main_rows), (PilotTaskKind.BREAKDOWN, rows)):
        for row in task_rows:
            task = upsert(
                PilotTask,
                stats,
                existing,
                {"county_id": county.pk, "kind": kind.value, "number": row["number"]},
                {
                    "title": row.get("title", ""),
                    "content": row["content"],
                    "lead_units_text": row.get("lead_units", ""),
                    "responsible_units_text": row["responsible_units"],
                },
                create_only={"deadline": row.get("deadline")},
            )
            where = f"{county} {kind.label} {row['number']}"
            lead = _units(units, row.get("lead_units", ""), where)
            set_units(task, "lead_units", lead, stats)
            responsible = _units(units, row["responsible_units"], where)
            set_units(task, "responsible_units", responsible, stats)


def load_county(data: dict, stats: LoadStats) -> PilotCounty:
    division = _division(data["division"])
    units = _load_units(division, data["units"], stats)
    group = data.get("leadership_group", {})
    office_unit = group.get("office_unit")
    if office_unit and office_unit not in units:
        raise PilotDataError(f"Office unit {office_unit} is not declared under 'units'.")
    values = {
        "plan_title": data["plan_title"],
        "overall_goal": data.get("overall_goal", ""),
        "leadership_group_name": group.get("name", ""),
        "office_unit": units.get(office_unit),
        "office_duties": group.get("office_duties", ""),
    }
    create_only = {}
    # A date the document states is document data; otherwise people fill it in.
    if data.get("approval_date"):
        values["approval_date"] = data["approval_date"]
    else:
        create_only["approval_date"] = None
    existing = index(PilotCounty.objects.filter(division=division), "division_id")
    county = upsert(PilotCounty, stats, existing, {"division_id": division.pk}, values, create_only)
    if group:
        _load_members(county, group, stats)
    _load_phases(county, data.get("phases", []), stats)
    _load_targets(county, data.get("targets", []), stats)
    _load_rewards(county, data.get("rewards", []), stats)
    _load_tasks(county, units, data.get("main_tasks", []), data.get("tasks", []), stats)
    return county


def read(path: Path) -> dict:
    with open(path, encoding="utf-8") as file:
        return yaml.safe_load(file)


def load_pilot_data(data_dir: Path = DATA_DIR) -> LoadStats:
    """Load province.yaml and every county file in `data_dir`, in one transaction."""
    stats = LoadStats()
    with transaction.atomic():
        load_province(read(data_dir / PROVINCE_FILE), stats)
        for path in sorted(data_dir.glob("*.yaml")):
            if path.name != PROVINCE_FILE:
                load_county(read(path), stats)
    return stats
