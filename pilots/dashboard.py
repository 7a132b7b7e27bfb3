"""What the dashboards show, read in a fixed number of queries whatever the data size.

`county_dashboard` serves one county's page, `province_overview` the provincial
administrator's page over every pilot county. Both count targets with
`progress.target_values` (three queries for any number of targets) and tasks with one
grouped query, so the number of queries does not grow with counties, tasks or records.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .charts import percent, phase_timeline, stacked_bar
from .enums import PayoutState, TaskStatus
from .models import PilotCounty, PilotTask, PilotTaskUpdate, ProvincialTask, RewardPayout, Target
from .progress import target_values

RECENT_UPDATES = 10
OVERDUE = "overdue"


@dataclass
class TargetProgress:
    target: Target
    value: int
    url: str

    @property
    def goal(self) -> int:
        return self.target.minimum

    @property
    def met(self) -> bool:
        return self.target.is_met(self.value)

    @property
    def percent(self) -> int:
        return percent(self.value, self.goal)


@dataclass
class StatusCount:
    key: str  # a TaskStatus or PayoutState value, or OVERDUE
    label: str
    count: int
    url: str
    amount: Decimal | None = None  # payouts only: their total


def _target_progress(targets) -> list[TargetProgress]:
    values = target_values(targets)
    return [
        TargetProgress(
            target,
            values[target.pk],
            reverse("pilots:target_records", args=[target.county.division.code, target.code]),
        )
        for target in targets
    ]


def _status_counts(counts: Counter, overdue: int, url) -> list[StatusCount]:
    rows = [
        StatusCount(status.value, status.label, counts.get(status.value, 0), url(status=status))
        for status in TaskStatus
    ]
    rows.append(StatusCount(OVERDUE, _("已逾期"), overdue, url(overdue=1)))
    return rows


def task_list_url(code: str, *, status=None, overdue=None) -> str:
    url = reverse("pilots:task_list", args=[code])
    if status:
        return f"{url}?status={status}"
    if overdue:
        return f"{url}?overdue=1"
    return url


def provincial_task_list_url(*, status=None, overdue=None) -> str:
    url = reverse("pilots:provincial_tasks")
    if status:
        return f"{url}?status={status}"
    if overdue:
        return f"{url}?overdue=1"
    return url


def county_dashboard(county: PilotCounty, today: datetime.date | None = None) -> dict:
    """Everything one county's dashboard shows."""
    today = today or timezone.localdate()
    code = county.division.code
    targets = list(county.targets.select_related("sector"))
    for target in targets:
        target.county = county  # already loaded: no query per target
    tasks = list(county.tasks.in_document_order().prefetch_related("responsible_units"))
    for task in tasks:
        task.county = county
        task.overdue = task.is_overdue(today)
    counts = Counter(task.status for task in tasks)
    overdue = sum(task.overdue for task in tasks)

    def url(**query):
        return task_list_url(code, **query)

    statuses = _status_counts(counts, overdue, url)
    updates = list(
        PilotTaskUpdate.objects.filter(task__county=county)
        .select_related("task", "author")
        .order_by("-created_at", "-pk")[:RECENT_UPDATES]
    )
    for update in updates:
        update.task.county = county
    return {
        "county": county,
        "today": today,
        "cultivation": _cultivation(county, today),
        "payouts": _payout_summary(county),
        "targets": _target_progress(targets),
        "timeline": phase_timeline(county.phases.all(), today),
        "statuses": statuses,
        "status_bar": stacked_bar(
            [(s.key, s.label, s.count, s.url) for s in statuses if s.key != OVERDUE]
        ),
        "task_total": len(tasks),
        "overdue_tasks": [task for task in tasks if task.overdue],
        "tasks": tasks,
        "updates": updates,
    }


def _cultivation(county: PilotCounty, today: datetime.date) -> dict:
    """The county's latest key cultivation list (重点培育清单) and how much of it is certified."""
    from promotion.cultivation import cultivation_progress
    from promotion.models import CultivationEntry

    year = (
        CultivationEntry.objects.filter(county_id=county.division_id)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    ) or today.year
    url = reverse("promotion:cultivation_list")
    return {
        "year": year,
        "progress": cultivation_progress(county.division_id, year),
        "url": f"{url}?county={county.division.code}&year={year}",
    }


def _payout_summary(county) -> list[StatusCount]:
    """Payouts by state with their amounts, each linking to the list of them."""
    rows = {
        row["state"]: row
        for row in RewardPayout.objects.filter(county=county)
        .order_by()
        .values("state")
        .annotate(n=Count("pk"), amount=Sum("amount"))
    }
    url = reverse("pilots:payout_list", args=[county.division.code])
    summary = []
    for state in PayoutState:
        row = rows.get(state.value, {})
        summary.append(
            StatusCount(
                state.value, state.label, row.get("n", 0), f"{url}?state={state}", row.get("amount")
            )
        )
    return summary


@dataclass
class CountyRow:
    county: PilotCounty
    targets: list
    statuses: list
    task_total: int


def province_overview(today: datetime.date | None = None) -> dict:
    """Every pilot county with its target progress and tasks, and the provincial tasks."""
    today = today or timezone.localdate()
    counties = list(PilotCounty.objects.select_related("division"))
    by_id = {county.pk: county for county in counties}
    targets = list(Target.objects.select_related("sector").order_by("county", "order", "pk"))
    for target in targets:
        target.county = by_id[target.county_id]
    progress = defaultdict(list)
    for row in _target_progress(targets):
        progress[row.target.county_id].append(row)

    task_counts = defaultdict(Counter)
    for row in PilotTask.objects.order_by().values("county_id", "status").annotate(n=Count("pk")):
        task_counts[row["county_id"]][row["status"]] = row["n"]
    overdue = dict(
        PilotTask.objects.overdue(today)
        .order_by()
        .values("county_id")
        .annotate(n=Count("pk"))
        .values_list("county_id", "n")
    )
    rows = []
    for county in counties:
        code = county.division.code

        def url(code=code, **query):
            return task_list_url(code, **query)

        counts = task_counts[county.pk]
        rows.append(
            CountyRow(
                county,
                progress[county.pk],
                _status_counts(counts, overdue.get(county.pk, 0), url),
                sum(counts.values()),
            )
        )

    provincial = Counter(
        dict(ProvincialTask.objects.order_by().values_list("status").annotate(n=Count("pk")))
    )
    provincial_statuses = _status_counts(
        provincial, ProvincialTask.objects.overdue(today).count(), provincial_task_list_url
    )
    return {
        "today": today,
        "rows": rows,
        "provincial_statuses": provincial_statuses,
        "provincial_total": sum(provincial.values()),
        "provincial_bar": stacked_bar(
            [(s.key, s.label, s.count, s.url) for s in provincial_statuses if s.key != OVERDUE]
        ),
    }
