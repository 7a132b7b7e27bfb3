"""Benchmark of the pilot-county dashboards at province scale.

    .venv/bin/python bench/pilots_dashboard.py [--counties 50] [--tasks 30] [--products 1000]

Fills a fresh database with `--counties` pilot counties, each with Xunwu's six targets,
four phases, `--tasks` tasks (a third overdue, some with updates) and `--products`
certified products (from `--products // 5` enterprises), plus published county standards
and reward payouts; then requests, in this process through Django's test client:

1. one county official's dashboard (the same county each time);
2. the provincial administrator's overview of every county and the 29 provincial tasks.

Prints the median and p90 server time of `--runs` requests each, after a warm-up
request, and the number of queries per request. Nothing is asserted. Target: median
< 150 ms for the county dashboard on the 2-core reference machine.

The database is a fresh PostgreSQL database `pilots_bench` on 127.0.0.1:5432 when that
answers, else a temporary SQLite file; `--database-url` chooses another.
"""

import argparse
import datetime
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
TARGET_MS = 150


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counties", type=int, default=50)
    parser.add_argument("--tasks", type=int, default=30, help="tasks per county")
    parser.add_argument("--products", type=int, default=1000, help="certified products per county")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page")
    parser.add_argument("--database-url", default=None)
    return parser.parse_args()


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), 1):
            return True
    except OSError:
        return False


def prepare_environment(args, workdir: Path) -> str:
    database_url = args.database_url
    if database_url is None and _reachable("127.0.0.1", 5432):
        subprocess.run(
            ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c",
             "DROP DATABASE IF EXISTS pilots_bench", "-c", "CREATE DATABASE pilots_bench"],
            check=True, capture_output=True,
        )  # fmt: skip
        database_url = "postgres://postgres@127.0.0.1:5432/pilots_bench"
    database_url = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "brandportal.settings",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(workdir / "media"),
            "PRIVATE_MEDIA_ROOT": str(workdir / "private_media"),
            "CELERY_BROKER_URL": "",
            "LOG_LEVEL": "WARNING",
        }
    )
    for name in ("DJANGO_DEBUG", "SECRET_KEY"):
        os.environ.pop(name, None)
    return database_url


def _credit_code(n: int) -> str:
    from enterprises.validators import CREDIT_CODE_ALPHABET, credit_code_check_character

    serial = ""
    for _ in range(9):
        n, digit = divmod(n, len(CREDIT_CODE_ALPHABET))
        serial = CREDIT_CODE_ALPHABET[digit] + serial
    first17 = f"91360700{serial}"
    return first17 + credit_code_check_character(first17)


def populate(args):
    """Bulk-create the province; returns (a county official, a provincial admin)."""
    from accounts.models import User
    from accounts.roles import Role
    from certification.enums import ApplicationState
    from certification.models import Application, Product
    from enterprises.models import AdministrativeDivision, CertificationBody, Enterprise
    from pilots.enums import Metric, PayoutState, PilotTaskKind, RewardKind, TaskStatus
    from pilots.loading import load_pilot_data
    from pilots.models import (
        GovernmentUnit,
        Phase,
        PilotCounty,
        PilotTask,
        PilotTaskUpdate,
        RewardPayout,
        RewardRule,
        Target,
    )
    from standards.enums import StandardState, StandardType
    from standards.models import ProductCategory, Standard

    load_pilot_data()  # 寻乌县 and the 29 provincial tasks, as in production
    province = AdministrativeDivision.objects.get(code="360000")
    categories = {c.code: c for c in ProductCategory.objects.all()}
    leaves = [c for c in categories.values() if c.parent_id is not None]
    admin = User.objects.create_user("province@bench.example", "bench-pass-1", full_name="省级")
    admin.add_role(Role.PROVINCIAL_ADMIN)
    owner = User.objects.create_user("owner@bench.example", "bench-pass-1", full_name="企业")
    body = CertificationBody.objects.create(
        name="基准认证机构", credit_code=_credit_code(9_000_000), approval_number="CNCA-B-1"
    )
    general = Standard.objects.create(
        code="T/BENCH 000-2024", title="基准标准", type=StandardType.GROUP,
        state=StandardState.PUBLISHED, proposing_organisation="基准",
    )  # fmt: skip
    today = datetime.date.today()
    divisions = AdministrativeDivision.objects.bulk_create(
        AdministrativeDivision(
            code=f"39{i:04d}", name=f"基准{i}县", level="county", parent=province
        )
        for i in range(1, args.counties)
    )
    divisions.insert(0, AdministrativeDivision.objects.get(code="360734"))
    serial = 0
    for index, division in enumerate(divisions):
        county, _ = PilotCounty.objects.get_or_create(
            division=division, defaults={"plan_title": f"{division.name}实施方案"}
        )
        if index:
            Target.objects.bulk_create(
                Target(county=county, code=code, metric=metric, sector=categories.get(sector),
                       standard_type=kind, minimum=minimum, order=order)
                for order, (code, metric, sector, kind, minimum) in enumerate([
                    ("standards", Metric.STANDARDS_PUBLISHED, None, "", 2),
                    ("products", Metric.PRODUCTS_CERTIFIED, None, "", 5),
                    ("agri-standards", Metric.STANDARDS_PUBLISHED, "agriculture", "group", 2),
                    ("agri-enterprises", Metric.ENTERPRISES_CERTIFIED, "agriculture", "", 5),
                    ("re-standard", Metric.STANDARDS_PUBLISHED, "rare_earth_materials", "group", 1),
                    ("re-enterprise", Metric.ENTERPRISES_CERTIFIED, "rare_earth_materials", "", 1),
                ])
            )  # fmt: skip
            Phase.objects.bulk_create(
                Phase(county=county, name=name, order=order, start=start, end=end)
                for order, (name, start, end) in enumerate([
                    ("组织实施阶段", datetime.date(2022, 10, 1), datetime.date(2022, 11, 30)),
                    ("资格申报阶段", datetime.date(2022, 12, 1), datetime.date(2022, 12, 31)),
                    ("集中创建阶段", datetime.date(2023, 1, 1), datetime.date(2023, 10, 31)),
                    ("审核验收阶段", datetime.date(2023, 11, 1), None),
                ])
            )  # fmt: skip
            for kind, amount in ((RewardKind.PER_PUBLISHED_STANDARD, 50000),
                                 (RewardKind.PER_FIRST_CERTIFIED_ENTERPRISE, 20000)):  # fmt: skip
                RewardRule.objects.create(county=county, kind=kind, amount=amount)
        units = GovernmentUnit.objects.bulk_create(
            GovernmentUnit(division=division, name=f"县基准局{u}") for u in range(5)
        )
        existing = county.tasks.count()
        tasks = PilotTask.objects.bulk_create(
            PilotTask(
                county=county, kind=PilotTaskKind.BREAKDOWN, number=100 + t,
                content=f"基准任务{t}：推进“江西绿色生态”品牌建设",
                deadline=today - datetime.timedelta(days=30) if t % 3 == 0 else None,
                status=TaskStatus.IN_PROGRESS if t % 2 else TaskStatus.NOT_STARTED,
                progress=50 if t % 2 else 0,
            )
            for t in range(max(args.tasks - existing, 0))
        )  # fmt: skip
        through = PilotTask.responsible_units.through
        through.objects.bulk_create(
            through(pilottask=task, governmentunit=units[t % 5]) for t, task in enumerate(tasks)
        )
        PilotTaskUpdate.objects.bulk_create(
            PilotTaskUpdate(task=task, author=admin, text="基准进展", progress=50)
            for task in tasks[:15]
        )
        enterprises = Enterprise.objects.bulk_create(
            Enterprise(
                name=f"{division.name}基准企业{e}", credit_code=_credit_code(serial + e),
                division=division, industry="agriculture", address="基准路1号",
                contact_name="张三", contact_phone="13800000000",
            )
            for e in range(max(args.products // 5, 1))
        )  # fmt: skip
        serial += len(enterprises)
        products = Product.objects.bulk_create(
            Product(
                enterprise=enterprises[p % len(enterprises)], name=f"基准产品{p}",
                category=leaves[p % len(leaves)], site_address="基准路1号",
                site_division=division,
            )
            for p in range(args.products)
        )  # fmt: skip
        Application.objects.bulk_create(
            Application(
                product=product, enterprise_id=product.enterprise_id, standard=general,
                certification_body=body, created_by=owner, state=ApplicationState.SUPERVISED,
            )
            for product in products
        )  # fmt: skip
        for s in range(3):
            standard = Standard.objects.create(
                code=f"T/B{index:03d} {s:03d}-2024", title=f"基准团体标准{s}",
                type=StandardType.GROUP, state=StandardState.PUBLISHED,
                proposing_county=division, proposing_organisation=division.name,
            )  # fmt: skip
            standard.categories.add(leaves[s % len(leaves)])
        rule = county.reward_rules.get(kind=RewardKind.PER_FIRST_CERTIFIED_ENTERPRISE)
        RewardPayout.objects.bulk_create(
            RewardPayout(
                county=county, rule=rule, enterprise=enterprise, amount=rule.amount,
                beneficiary_name=enterprise.name, reason="首次认证",
                state=PayoutState.PENDING,
            )
            for enterprise in enterprises[:20]
        )  # fmt: skip
    official = User.objects.create_user("xunwu@bench.example", "bench-pass-1", full_name="寻乌")
    official.county = divisions[0]
    official.save(update_fields=["county"])
    official.add_role(Role.COUNTY_OFFICIAL)
    return official, admin


def time_page(client, url: str, runs: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up: template loading, caches
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)  # now: the next request clears the connection's log
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return timings, count


def report(name: str, timings: list[float], queries: int) -> None:
    median = statistics.median(timings)
    p90 = statistics.quantiles(timings, n=10)[-1] if len(timings) > 1 else timings[0]
    print(f"{name}: median {median:.1f} ms, p90 {p90:.1f} ms, {queries} queries per request")


def main():
    args = parse_args()
    sys.path.insert(0, str(BASE_DIR))
    with tempfile.TemporaryDirectory() as tmp:
        database_url = prepare_environment(args, Path(tmp))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        setup_test_environment(debug=False)
        print(f"database: {connection.vendor} ({database_url.split('@')[-1]})")
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        official, admin = populate(args)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"data: {args.counties} counties × {args.tasks} tasks × {args.products} certified "
            f"products ({time.perf_counter() - started:.0f} s to build)"
        )
        client = Client()
        client.force_login(official)
        report(
            "county dashboard (寻乌县)",
            *time_page(client, reverse("pilots:dashboard", args=["360734"]), args.runs),
        )
        client.force_login(admin)
        report(
            f"province overview ({args.counties} counties)",
            *time_page(client, reverse("pilots:overview"), args.runs),
        )
        print(f"target: county dashboard median < {TARGET_MS} ms")
        connection.close()


if __name__ == "__main__":
    main()
