"""Benchmark of certificate issuing: PDF rendering, and a real Celery worker's throughput.

    .venv/bin/python bench/certificate_pdf.py [--renders 30] [--tasks 20]

Prints, without asserting anything:
1. the median (and p90) time to render one certificate PDF in this process, after a
   warm-up render (the first one loads fontconfig's cache), and the PDF's size;
2. the throughput of `--tasks` certificates issued end to end (number, PDF, supervision)
   by a `celery worker --concurrency 2` subprocess consuming from local Redis, and the
   worker's peak memory (largest child's VmHWM, and the largest sum of RSS over the
   worker's process tree while it ran).

Targets on the 2-core reference machine: median render ≤ 150 ms, PDF ≤ 200 KB.

The database is a fresh PostgreSQL database `certs_bench` on 127.0.0.1:5432 when that
answers (the worker's two processes then lock counter rows as in production), else a
temporary SQLite file; `--database-url` chooses another. The broker is Redis database 13
(`--broker`), purged before the run so no stray task is counted.
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
CELERY = Path(sys.executable).with_name("celery")
TARGET_RENDER_MS = 150
TARGET_PDF_KB = 200


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=30, help="PDF renders to time")
    parser.add_argument("--tasks", type=int, default=20, help="certificates through the worker")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for the worker")
    return parser.parse_args()


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), 1):
            return True
    except OSError:
        return False


def prepare_environment(args, workdir: Path) -> dict:
    """Environment for this process and the worker: same database, files, broker."""
    database_url = args.database_url
    if database_url is None and _reachable("127.0.0.1", 5432):
        subprocess.run(
            ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c",
             "DROP DATABASE IF EXISTS certs_bench", "-c", "CREATE DATABASE certs_bench"],
            check=True, capture_output=True,
        )  # fmt: skip
        database_url = "postgres://postgres@127.0.0.1:5432/certs_bench"
    database_url = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {
        "DJANGO_SETTINGS_MODULE": "brandportal.settings",
        "DATABASE_URL": database_url,
        "PRIVATE_MEDIA_ROOT": str(workdir / "private_media"),
        "MEDIA_ROOT": str(workdir / "media"),
        "CELERY_BROKER_URL": args.broker,
        "CELERY_RESULT_BACKEND": args.broker,
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    for name in ("DJANGO_DEBUG", "SECRET_KEY"):
        os.environ.pop(name, None)
    return env


# --- 1. rendering ----------------------------------------------------------------------


def bench_render(renders: int) -> None:
    import datetime

    from certificates.models import Certificate
    from certificates.rendering import render_pdf

    certificate = Certificate(
        number="JXGE-2026-360734-0001",
        enterprise_name="寻乌县绿源果业有限公司",
        credit_code="91360734MA39TC8P6H",
        product_name="寻乌富硒脐橙（特级果）",
        scope="寻乌富硒脐橙（特级果）（富硒柑橘），按 T/JXGE 001-2024 评价",
        site_address="江西省赣州市寻乌县文峰乡石排村",
        standard_code="T/JXGE 001-2024",
        standard_title="“江西绿色生态”品牌评价 富硒柑橘",
        body_name="江西省绿色生态产品认证中心有限公司",
        division_code="360734",
        issued_on=datetime.date(2026, 11, 23),
        valid_until=datetime.date(2029, 11, 22),
    )
    started = time.perf_counter()
    pdf = render_pdf(certificate)
    warm_up = time.perf_counter() - started
    timings = []
    for _ in range(renders):
        started = time.perf_counter()
        pdf = render_pdf(certificate)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings) * 1000
    p90 = statistics.quantiles(timings, n=10)[-1] * 1000 if renders >= 2 else median
    size_kb = len(pdf) / 1024
    print("== PDF rendering (this process) ==")
    print(f"first render (loads fonts): {warm_up * 1000:.0f} ms")
    print(f"renders:        {renders}")
    print(f"median render:  {median:.0f} ms   (p90 {p90:.0f} ms; target ≤ {TARGET_RENDER_MS} ms)")
    print(f"PDF size:       {size_kb:.0f} KB   (target ≤ {TARGET_PDF_KB} KB)")


# --- 2. the worker ---------------------------------------------------------------------


def certified_applications(count: int) -> list[int]:
    from tests.factories.certificates import certified_application

    return [certified_application().pk for _ in range(count)]


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        queue.extend(int(child) for child in children)
    return pids


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def start_worker(env: dict, log_path: Path) -> subprocess.Popen:
    log = log_path.open("w")
    return subprocess.Popen(
        [str(CELERY), "-A", "brandportal", "worker", "--concurrency", "2", "--pool", "prefork",
         "--loglevel", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "--hostname", f"bench-{os.getpid()}@%h"],
        cwd=BASE_DIR, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is not None:
        return
    os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def bench_worker(args, env: dict, workdir: Path) -> None:
    from brandportal.celery import app
    from certificates.models import Certificate
    from certification.enums import ApplicationState
    from certification.models import Application
    from certification.tasks import issue_certificate

    application_ids = certified_applications(args.tasks)
    app.control.purge()  # tasks queued while certifying: sent again below, timed
    log_path = workdir / "worker.log"
    worker = start_worker(env, log_path)
    peak_tree_kb = peak_child_kb = 0
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"worker did not start; its log:\n{log_path.read_text()}")
        started = time.perf_counter()
        for application_id in application_ids:
            issue_certificate.delay(application_id)
        deadline = time.monotonic() + args.timeout
        done = 0
        while done < len(application_ids):
            pids = _tree(worker.pid)
            peak_tree_kb = max(peak_tree_kb, sum(_status_kb(p, "VmRSS") for p in pids))
            peak_child_kb = max([peak_child_kb, *(_status_kb(p, "VmHWM") for p in pids[1:])])
            done = Application.objects.filter(
                pk__in=application_ids, state=ApplicationState.SUPERVISED
            ).count()
            if time.monotonic() > deadline:
                sys.exit(f"only {done} of {len(application_ids)} issued; log:\n"
                         f"{log_path.read_text()[-3000:]}")  # fmt: skip
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
    finally:
        stop_worker(worker)
    issued = Certificate.objects.filter(application_id__in=application_ids)
    numbers = list(issued.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == len(application_ids), "numbers not unique"
    print("== Issuing through a real worker (celery --concurrency 2, Redis) ==")
    print(f"database:       {env['DATABASE_URL'].split('@')[-1]}")
    print(f"certificates:   {len(numbers)} in {elapsed:.2f} s")
    print(f"throughput:     {len(numbers) / elapsed:.1f} certificates/s "
          f"({elapsed / len(numbers) * 1000:.0f} ms each, wall clock)")  # fmt: skip
    print(f"worker memory:  peak child {peak_child_kb / 1024:.0f} MiB (VmHWM); "
          f"peak total RSS of the worker's processes {peak_tree_kb / 1024:.0f} MiB")  # fmt: skip


def main() -> None:
    args = parse_args()
    sys.path.insert(0, str(BASE_DIR))
    if not _reachable("127.0.0.1", int(args.broker.rsplit(":", 1)[-1].split("/")[0])):
        sys.exit(f"Redis is not reachable at {args.broker}")
    with tempfile.TemporaryDirectory(prefix="certificate-bench-") as tmp:
        workdir = Path(tmp)
        env = prepare_environment(args, workdir)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        bench_render(args.renders)
        print()
        bench_worker(args, env, workdir)


if __name__ == "__main__":
    main()
