"""Settings read from the environment: each case runs in a fresh interpreter.

Settings are evaluated once per process, so every case starts a subprocess whose
environment holds only the variables under test (none of the ones settings.py reads leak
in from the shell that runs pytest).
"""

import ast
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS_FILE = BASE_DIR / "brandportal" / "settings.py"
ENV_EXAMPLE = BASE_DIR / ".env.example"

_READERS = {"os.environ.get", "os.getenv", "env_bool", "env_list"}


def settings_env_vars() -> set[str]:
    """Names settings.py reads: os.environ.get/os.getenv/env_bool/env_list("X", ...)
    and os.environ["X"]."""
    names = set()
    for node in ast.walk(ast.parse(SETTINGS_FILE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and ast.unparse(node.func) in _READERS and node.args:
            first = node.args[0]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            first = node.slice
        else:
            continue
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.add(first.value)
    return names


def env_example_vars() -> set[str]:
    """Names assigned in .env.example, including the commented-out `# NAME=value` ones."""
    pattern = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)
    return set(pattern.findall(ENV_EXAMPLE.read_text(encoding="utf-8")))


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run `code` with brandportal.settings and only `env` among the settings' variables."""
    clean = {k: v for k, v in os.environ.items() if k not in settings_env_vars()}
    clean |= {"DJANGO_SETTINGS_MODULE": "brandportal.settings", "PYTHONPATH": str(BASE_DIR)}
    return subprocess.run(
        [sys.executable, "-c", code],
        env=clean | env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def read_settings(*names: str, **env: str) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}, default=str))"
    )
    result = run_python(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_env(**extra: str) -> dict[str, str]:
    return {
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "portal.example.org",
        **extra,
    }


def test_settings_env_parser_finds_known_variables():
    names = settings_env_vars()
    assert {"DJANGO_DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"} <= names
    assert {"CELERY_BROKER_URL", "EMAIL_USE_TLS", "CSRF_TRUSTED_ORIGINS"} <= names


def test_env_example_lists_every_settings_variable():
    missing = settings_env_vars() - env_example_vars()
    assert not missing, f".env.example lacks: {sorted(missing)}"


def test_env_example_documents_each_variable_with_a_comment():
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    assignment = re.compile(r"^#?\s*[A-Z][A-Z0-9_]*=")
    for index, line in enumerate(lines):
        if assignment.match(line):
            before = lines[index - 1] if index else ""
            assert before.startswith("#") and not assignment.match(before), (
                f"{line!r} has no explanatory comment line above it"
            )


def test_database_without_url_is_sqlite_in_project_folder():
    values = read_settings("DATABASES")
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == BASE_DIR / "db.sqlite3"


def test_database_with_url_uses_that_database():
    url = "postgres://portal:pw@dbhost:5433/portal_db"
    database = read_settings("DATABASES", DATABASE_URL=url)["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["HOST"], database["PORT"]) == ("portal_db", "dbhost", 5433)
    assert database["USER"] == "portal"


def test_celery_without_broker_runs_tasks_eagerly():
    values = read_settings("CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL")
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True
    assert values["CELERY_BROKER_URL"] == "memory://"


def test_celery_with_broker_sends_tasks_to_it():
    url = "redis://broker.example:6379/3"
    values = read_settings(
        "CELERY_TASK_ALWAYS_EAGER",
        "CELERY_BROKER_URL",
        "CELERY_RESULT_BACKEND",
        CELERY_BROKER_URL=url,
    )
    assert values["CELERY_TASK_ALWAYS_EAGER"] is False
    assert values["CELERY_BROKER_URL"] == url
    # No result store on the broker: nothing reads results, and a result backend on a
    # down Redis held every request that queued a task for ~19 s.
    assert values["CELERY_RESULT_BACKEND"] is None


def test_celery_result_backend_only_when_asked_for():
    url = "redis://broker.example:6379/3"
    values = read_settings(
        "CELERY_RESULT_BACKEND",
        "CELERY_TASK_IGNORE_RESULT",
        CELERY_BROKER_URL=url,
        CELERY_RESULT_BACKEND="redis://results.example:6379/4",
    )
    assert values["CELERY_RESULT_BACKEND"] == "redis://results.example:6379/4"
    assert values["CELERY_TASK_IGNORE_RESULT"] is False


def test_database_connections_close_after_each_request_by_default():
    url = "postgres://portal:pw@dbhost:5433/portal_db"
    database = read_settings("DATABASES", DATABASE_URL=url)["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 0
    assert database["CONN_HEALTH_CHECKS"] is True
    persistent = read_settings("DATABASES", DATABASE_URL=url, DATABASE_CONN_MAX_AGE="60")
    assert persistent["DATABASES"]["default"]["CONN_MAX_AGE"] == 60


def test_production_without_secret_key_is_improperly_configured():
    result = run_python("import django; django.setup()", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_production_without_allowed_hosts_is_improperly_configured():
    env = production_env()
    del env["ALLOWED_HOSTS"]
    result = run_python("import django; django.setup()", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS must be set" in result.stderr


def test_production_check_deploy_reports_no_issues():
    # DJANGO_ALLOW_ASYNC_UNSAFE is set in-process by the browser tests' harness; a
    # production process never has it, and `check --deploy` rightly flags it.
    skip = settings_env_vars() | {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in skip}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=clean | {"DJANGO_SETTINGS_MODULE": "brandportal.settings"} | production_env(),
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in output


def test_production_mode_hardens_cookies_and_https():
    values = read_settings(
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        **production_env(),
    )
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_ssl_redirect_can_be_turned_off_for_a_proxy():
    values = read_settings("SECURE_SSL_REDIRECT", **production_env(SECURE_SSL_REDIRECT="0"))
    assert values["SECURE_SSL_REDIRECT"] is False


def test_email_backend_defaults_to_console():
    values = read_settings("EMAIL_BACKEND")
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_cache_unset_is_a_per_process_memory_cache():
    cache = read_settings("CACHES")["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_cache_url_selects_the_shared_redis_cache():
    cache = read_settings("CACHES", CACHE_URL="redis://cache.internal:6379/1")["CACHES"]["default"]
    assert cache == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
        # A down cache must cost a request at most a second (then throttles count locally).
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
