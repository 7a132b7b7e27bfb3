"""Benchmark of the certified-products list: the API beside a bare Django view.

    .venv/bin/python bench/api_list.py [--n 100000] [--requests 400] [--reseed]

Seeds `--n` certified products (applications, certificates and their directory
listings, all with bulk_create) into PostgreSQL (`--database-url`, default
postgres://postgres@127.0.0.1:5432/api_dev, created and migrated when missing), then
measures, in the same run and the same process, through Django's test Client (the full
middleware stack, no network):

1. the API: GET /api/v1/certified-products/ with filters (county + parent category,
   valid only) at the default page size, the first page and a page reached by cursor;
2. a bare view answering the same rows and fields with `values()` and `JsonResponse`.

Prints requests per second, p50 and p99 latency of each and the ratio of the rates;
asserts nothing. Targets: API ≥ 0.7× the bare view's rate, p99 < 50 ms at 100,000 rows.
Seeding is skipped when the database already holds `--n` listings (`--reseed` forces it).
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/api_dev"
FILTERS = {"county": "360734", "category": "agriculture"}
TARGET_RATIO = 0.7
TARGET_P99_MS = 50


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="certified products to seed")
    parser.add_argument("--requests", type=int, default=400, help="timed requests per endpoint")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--reseed", action="store_true", help="delete and seed again")
    return parser.parse_args()


def configure(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    # Production mode (no query log, no debug toolbar-like overhead), without TLS redirects.
    os.environ.update(
        DJANGO_DEBUG="0",
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        API_ANON_RATE="",  # no throttling: the benchmark is one client
        CELERY_BROKER_URL="",
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "brandportal.settings"
    sys.path.insert(0, str(BASE_DIR))
    _ensure_database(database_url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _ensure_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1]
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


# --- seeding ---------------------------------------------------------------------------


def seed(n: int, reseed: bool) -> None:
    from django.db import connection

    from directory.models import Listing

    if Listing.objects.count() >= n and not reseed:
        print(f"seed: {Listing.objects.count():,} listings already there")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE directory_listing, certificates_certificate, certification_application,"
            " certification_product, enterprises_enterprise CASCADE"
        )
    _seed_rows(n)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seed: {n:,} certified products in {time.perf_counter() - started:.1f} s")


def _seed_rows(n: int) -> None:
    from accounts.models import User
    from certificates.enums import CertificateStatus
    from certificates.models import Certificate
    from certification.enums import ApplicationState
    from certification.models import Application, Product
    from directory.models import Listing
    from enterprises.models import AdministrativeDivision, CertificationBody, DivisionLevel
    from standards.enums import StandardState, StandardType
    from standards.models import ProductCategory, Standard
    from tests.factories.enterprises import make_credit_code

    counties = list(AdministrativeDivision.objects.filter(level=DivisionLevel.COUNTY))
    categories = list(ProductCategory.objects.filter(parent__isnull=False))
    user, _created = User.objects.get_or_create(email="bench@example.com")
    body, _created = CertificationBody.objects.get_or_create(
        name="基准测试认证机构",
        defaults={"credit_code": make_credit_code(9_000_001, "360700"), "approval_number": "B-1"},
    )
    standards = []
    for index in range(5):
        standard, _created = Standard.objects.get_or_create(
            code=f"T/BENCH {index + 1:03d}-2026",
            defaults={
                "title": f"基准测试标准{index + 1}",
                "type": StandardType.GROUP,
                "state": StandardState.PUBLISHED,
            },
        )
        standards.append(standard)
    enterprise_count = max(1, n // 10)
    from enterprises.models import Enterprise

    enterprises = Enterprise.objects.bulk_create(
        [
            Enterprise(
                name=f"基准企业{i}有限公司",
                credit_code=make_credit_code(8_000_000 + i, counties[i % len(counties)].code),
                division=counties[i % len(counties)],
                industry="agriculture",
                address="江西省赣州市",
                contact_name="联系人",
                contact_phone="13800000000",
            )
            for i in range(enterprise_count)
        ],
        batch_size=5000,
    )
    statuses = [CertificateStatus.VALID] * 8 + [
        CertificateStatus.SUSPENDED,
        CertificateStatus.EXPIRED,
    ]
    base = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    batch = 10_000
    for start in range(0, n, batch):
        size = min(batch, n - start)
        indexes = range(start, start + size)
        products = Product.objects.bulk_create(
            [
                Product(
                    enterprise=enterprises[i % enterprise_count],
                    name=f"基准产品{i}",
                    category=categories[i % len(categories)],
                    site_address="江西省赣州市",
                    site_division=enterprises[i % enterprise_count].division,
                )
                for i in indexes
            ]
        )
        applications = Application.objects.bulk_create(
            [
                Application(
                    enterprise=product.enterprise,
                    product=product,
                    standard=standards[i % len(standards)],
                    certification_body=body,
                    state=ApplicationState.SUPERVISED,
                    created_by=user,
                )
                for i, product in zip(indexes, products, strict=True)
            ]
        )
        certificates = Certificate.objects.bulk_create(
            [
                Certificate(
                    number=f"JXGE-2026-{application.enterprise.division.code}-B{i:07d}",
                    application=application,
                    enterprise_name=application.enterprise.name,
                    credit_code=application.enterprise.credit_code,
                    product_name=application.product.name,
                    standard_code=application.standard.code,
                    standard_title=application.standard.title,
                    body_name=body.name,
                    division_code=application.enterprise.division.code,
                    issued_on=datetime.date(2026, 1, 1),
                    valid_until=datetime.date(2028, 12, 31),
                    status=statuses[i % len(statuses)],
                )
                for i, application in zip(indexes, applications, strict=True)
            ]
        )
        Listing.objects.bulk_create(
            [
                Listing(
                    certificate=certificate,
                    product=application.product,
                    enterprise=application.enterprise,
                    category=application.product.category,
                    division=application.enterprise.division,
                    standard=application.standard,
                    certification_body=body,
                    number=certificate.number,
                    product_name=certificate.product_name,
                    enterprise_name=certificate.enterprise_name,
                    credit_code=certificate.credit_code,
                    standard_code=certificate.standard_code,
                    standard_title=certificate.standard_title,
                    body_name=certificate.body_name,
                    status=certificate.status,
                    issued_on=certificate.issued_on,
                    valid_until=certificate.valid_until,
                    updated_at=base + datetime.timedelta(seconds=i),
                )
                for i, application, certificate in zip(
                    indexes, applications, certificates, strict=True
                )
            ]
        )
        print(f"  seeded {start + size:,}", end="\r", flush=True)
    print()


# --- the bare view ---------------------------------------------------------------------


def bare_view(request):
    """The same rows and fields as the API's first page, straight from values()."""
    from django.db.models import Q
    from django.http import JsonResponse

    from certificates.enums import CertificateStatus
    from directory.models import Listing

    rows = list(
        Listing.objects.filter(
            Q(category__code=FILTERS["category"]) | Q(category__parent__code=FILTERS["category"]),
            status=CertificateStatus.VALID,
            division__code=FILTERS["county"],
        )
        .order_by("-updated_at", "-id")
        .values(
            "id",
            "number",
            "product_name",
            "category__code",
            "category__name",
            "enterprise_name",
            "credit_code",
            "division__code",
            "division__name",
            "standard_code",
            "standard_title",
            "body_name",
            "status",
            "issued_on",
            "valid_until",
            "updated_at",
        )[:20]
    )
    return JsonResponse({"results": rows})


def _urlconf():
    import types

    from django.urls import include, path

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [path("bare/", bare_view), path("", include("brandportal.urls"))]
    sys.modules["bench_urls"] = module
    return "bench_urls"


# --- measuring -------------------------------------------------------------------------


def timed(client, url: str, params) -> float:
    started = time.perf_counter()
    response = client.get(url, params)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return elapsed


def report(name: str, timings: list[float]) -> float:
    total = sum(timings)
    rate = len(timings) / total
    ordered = sorted(timings)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    print(f"{name:<34} {rate:8.0f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms")
    return rate


def main():
    args = parse_args()
    configure(args.database_url)
    seed(args.n, args.reseed)

    from django.test import Client
    from django.test.utils import override_settings

    from directory.models import Listing

    print(f"rows: {Listing.objects.count():,} listings; filters {FILTERS}, page size 20")
    with override_settings(ROOT_URLCONF=_urlconf()):
        client = Client()
        api = "/api/v1/certified-products/"
        first = client.get(api, FILTERS).json()
        assert first["results"], "the filters match nothing: seed more rows"
        # A page a few hundred rows down, reached the way a client walks the list.
        cursor_url = first["next"]
        for _ in range(10):
            cursor_url = client.get(cursor_url).json()["next"] or cursor_url
        cursor_params = dict(part.split("=", 1) for part in cursor_url.split("?", 1)[1].split("&"))
        from urllib.parse import unquote

        cursor_params = {key: unquote(value) for key, value in cursor_params.items()}
        targets = {
            "bare": ("/bare/", {}),
            "api_first": (api, FILTERS),
            "api_cursor": (api, cursor_params),
        }
        for url, params in targets.values():  # warm-up
            for _ in range(50):
                timed(client, url, params)
        # One request of each in turn, so that the machine's load hits all three alike.
        timings = {name: [] for name in targets}
        for _ in range(args.requests):
            for name, (url, params) in targets.items():
                timings[name].append(timed(client, url, params))
    bare, api_first, api_cursor = (timings[name] for name in targets)
    bare_rate = report("bare view (values + JsonResponse)", bare)
    api_rate = report("API, first page", api_first)
    report("API, page 11 by cursor", api_cursor)
    ratio = api_rate / bare_rate
    p99 = sorted(api_first + api_cursor)[int(len(api_first + api_cursor) * 0.99)] * 1000
    print(
        f"ratio API/bare: {ratio:.2f} (target ≥ {TARGET_RATIO}); "
        f"API p99 {p99:.1f} ms (target < {TARGET_P99_MS} ms)"
    )


if __name__ == "__main__":
    main()
