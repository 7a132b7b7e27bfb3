"""Playwright (Python) driving Debian's chromium against pytest-django's live server.

Every test here is marked `browser`: it skips when chromium is missing, and fails in CI.
Playwright's sync API runs an event loop in this thread, so Django's async-safety check
would refuse ORM calls made by the test itself; the live server runs in its own thread.
"""

import os

import pytest

from tests.conftest import CHROMIUM

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    # Browser tests need the live server, hence a transactional database; the serialized
    # rollback restores the data migrations load (divisions, role groups) after each.
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if item.get_closest_marker("django_db") is None:
                item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Django keeps apart the connections a thread uses while an event loop runs in it, and
    # Playwright runs one here. When database tests ran first, the test database's
    # serialized contents sit on the earlier connections: carry them over, or serialized
    # rollback restores nothing and the migrations' data is gone after the first flush.
    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connection = connections[alias]
            if contents is not None and not hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context in Chinese (zh-CN), with `page.base_url` the live server."""
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
