"""docker-compose.yml, the Dockerfile and .dockerignore, read as files (no Docker engine).

The web health check is also run for real, against gunicorn in production mode.
"""

import os
import re
import secrets
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url
import pytest
import yaml

from tests.brandportal.test_settings_env import env_example_vars, settings_env_vars

BASE_DIR = Path(__file__).resolve().parents[2]
COMPOSE_FILE = BASE_DIR / "docker-compose.yml"
DOCKERFILE = BASE_DIR / "Dockerfile"
APP_SERVICES = ("web", "worker", "beat")
INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def interpolated(value: str) -> str:
    """The value compose would produce, with every ${VAR...} replaced by a dummy."""
    return INTERPOLATION.sub("dummy", value)


def command_words(service: dict) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else [str(w) for w in command]


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, arguments = line.partition(" ")
            pairs.append((instruction.upper(), arguments.strip()))
    return pairs


def test_compose_defines_the_five_services(services):
    assert {"web", "worker", "beat", "db", "redis"} <= set(services)


def test_compose_app_services_build_from_repo_dockerfile(services):
    for name in (*APP_SERVICES, "migrate"):
        build = services[name]["build"]
        context = build if isinstance(build, str) else build["context"]
        dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile")
        assert (COMPOSE_FILE.parent / context).resolve() == BASE_DIR, name
        assert (BASE_DIR / context / dockerfile).resolve() == DOCKERFILE, name


def test_compose_web_runs_gunicorn_with_project_wsgi(services):
    words = command_words(services["web"])
    assert words[0] == "gunicorn"
    assert "brandportal.wsgi:application" in words
    assert "0.0.0.0:8000" in words


def test_compose_worker_and_beat_run_celery(services):
    assert command_words(services["worker"])[:4] == ["celery", "-A", "brandportal", "worker"]
    assert command_words(services["beat"])[:4] == ["celery", "-A", "brandportal", "beat"]


def test_compose_migrate_runs_before_app_services(services):
    assert command_words(services["migrate"])[:3] == ["python", "manage.py", "migrate"]
    assert "--no-input" in command_words(services["migrate"])
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name


def test_compose_database_url_points_at_db_service(services):
    db_env = services["db"]["environment"]
    for name in (*APP_SERVICES, "migrate"):
        url = interpolated(services[name]["environment"]["DATABASE_URL"])
        database = dj_database_url.parse(url)
        assert database["ENGINE"] == "django.db.backends.postgresql", name
        assert (database["HOST"], database["PORT"]) == ("db", 5432), name
        assert database["NAME"] == db_env["POSTGRES_DB"], name
        assert database["USER"] == db_env["POSTGRES_USER"], name


def test_compose_broker_url_points_at_redis_service(services):
    for name in (*APP_SERVICES, "migrate"):
        url = services[name]["environment"]["CELERY_BROKER_URL"]
        assert re.fullmatch(r"redis://redis:6379/\d+", url), name


def test_compose_app_environment_only_sets_variables_settings_reads(services):
    known = settings_env_vars()
    for name in (*APP_SERVICES, "migrate"):
        unknown = set(services[name]["environment"]) - known
        assert not unknown, f"{name} sets variables settings.py never reads: {sorted(unknown)}"


def test_compose_app_environment_runs_production_mode(services):
    for name in (*APP_SERVICES, "migrate"):
        environment = services[name]["environment"]
        assert str(environment["DJANGO_DEBUG"]) == "0", name
        assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?"), name
        assert "SECURE_SSL_REDIRECT" in environment, name


def test_compose_interpolated_variables_are_in_env_example():
    used = set(INTERPOLATION.findall(COMPOSE_FILE.read_text(encoding="utf-8")))
    missing = used - env_example_vars()
    assert not missing, f".env.example lacks: {sorted(missing)}"


def test_env_example_has_no_variable_nobody_reads():
    used = settings_env_vars() | set(
        INTERPOLATION.findall(COMPOSE_FILE.read_text(encoding="utf-8"))
    )
    stale = env_example_vars() - used
    assert not stale, f".env.example lists unused variables: {sorted(stale)}"


def test_compose_db_redis_and_web_have_healthchecks(services):
    for name in ("db", "redis", "web"):
        test = services[name]["healthcheck"]["test"]
        assert test[0] in {"CMD", "CMD-SHELL"}, name
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"][1:] == ["redis-cli", "ping"]
    assert "/healthz/" in " ".join(services["web"]["healthcheck"]["test"])


def test_compose_app_services_wait_for_healthy_db_and_redis(services):
    for name in (*APP_SERVICES, "migrate"):
        depends = services[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name


def test_compose_volumes_are_declared_and_mounted(compose, services):
    declared = set(compose["volumes"])
    assert {"media", "private_media"} <= declared
    assert any(v.endswith(":/var/lib/postgresql/data") for v in services["db"]["volumes"])
    assert any(v.endswith(":/data") for v in services["redis"]["volumes"])
    for name in ("web", "worker"):
        environment = services[name]["environment"]
        mounts = dict(volume.split(":", 1) for volume in services[name]["volumes"])
        assert mounts["media"] == environment["MEDIA_ROOT"], name
        assert mounts["private_media"] == environment["PRIVATE_MEDIA_ROOT"], name
    for service in services.values():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            assert source in declared, f"volume {source} is not declared"


def test_dockerfile_installs_cjk_fonts_and_harfbuzz_subset():
    apt = " ".join(args for ins, args in dockerfile_instructions() if "apt-get install" in args)
    assert "fonts-noto-cjk" in apt.split()
    assert "libharfbuzz-subset0" in apt.split()
    assert "libpango-1.0-0" in apt.split()


def test_dockerfile_uses_python_311_bookworm_and_gunicorn():
    instructions = dockerfile_instructions()
    assert ("FROM", "python:3.11-slim-bookworm") in instructions
    cmd = [args for ins, args in instructions if ins == "CMD"][-1]
    assert cmd == '["gunicorn", "brandportal.wsgi:application", "--bind", "0.0.0.0:8000"]'


def test_dockerfile_runs_as_non_root_user():
    users = [args for ins, args in dockerfile_instructions() if ins == "USER"]
    assert users and users[-1] not in {"root", "0"}


def test_dockerfile_collectstatic_key_stays_out_of_image_env():
    instructions = dockerfile_instructions()
    assert any("collectstatic" in args and "SECRET_KEY=" in args for _, args in instructions)
    assert not any(ins == "ENV" and "SECRET_KEY" in args for ins, args in instructions)


def test_dockerignore_keeps_secrets_and_local_state_out():
    ignored = set((BASE_DIR / ".dockerignore").read_text(encoding="utf-8").split())
    assert {".env", ".venv", ".git", "db.sqlite3"} <= ignored


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited"
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not start listening")


def test_compose_web_healthcheck_passes_against_production_gunicorn(services, tmp_path):
    """The probe must get past ALLOWED_HOSTS and SECURE_SSL_REDIRECT, or web never
    turns healthy."""
    port = _free_port()
    test = services["web"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    code = test[3].replace("127.0.0.1:8000/", f"127.0.0.1:{port}/")
    assert code != test[3]
    env = {k: v for k, v in os.environ.items() if k not in settings_env_vars()}
    env |= {
        "DJANGO_SETTINGS_MODULE": "brandportal.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "portal.example.org,www.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'health.sqlite3'}",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(gunicorn), "brandportal.wsgi:application", "--bind", f"127.0.0.1:{port}"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, server)
        probe = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30
        )
        assert probe.returncode == 0, probe.stderr + log_path.read_text()
        bare = subprocess.run(
            [sys.executable, "-c", code.replace('"Host": host, ', "")],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert bare.returncode != 0, "without the Host header the probe should be refused"
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def test_compose_worker_has_healthcheck_and_restart_policy(services):
    worker = services["worker"]
    assert worker["restart"] == "unless-stopped"
    test = worker["healthcheck"]["test"]
    assert test[0] in {"CMD", "CMD-SHELL"}
    assert "inspect ping" in " ".join(test)
    assert "--concurrency=2" in command_words(worker), "README's connection budget counts 2"
