"""Shared fixtures, and the rule for tests that need a service or a browser.

Tests marked `postgres`, `redis` or `browser` skip with a reason when the service is
absent, except in CI (CI=true), where an absent service is a failure: CI must run them.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.utils import translation

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _redis_reachable(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme not in {"redis", "rediss"}:
        return False
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), 1):
            return True
    except OSError:
        return False


def _missing_requirement(item) -> str | None:
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://... (CI does)"
    if item.get_closest_marker("redis"):
        url = os.environ.get("CELERY_BROKER_URL", "")
        if not _redis_reachable(url):
            return "needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0 (CI does)"
    if item.get_closest_marker("browser") and not (
        os.path.exists(CHROMIUM) or shutil.which("chromium")
    ):
        return "needs Debian's chromium (apt-get install chromium)"
    return None


def pytest_runtest_setup(item):
    reason = _missing_requirement(item)
    if reason is None:
        return
    if IN_CI:
        pytest.fail(f"CI must run this test, but it {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Each test starts in the portal's language: a request in English (LocaleMiddleware)
    leaves its language active in the thread, and later tests would read English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def site_url(settings):
    return settings.SITE_URL
