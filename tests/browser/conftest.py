"""Playwright (Python) driving Debian's chromium against pytest-django's live server.

Every test here is marked `browser`: it skips when chromium is missing, and fails in CI.
Playwright's sync API runs an event loop in this thread, so Django's async-safety check
would refuse ORM calls made by the test itself; the live server runs in its own thread.

Every browser context a test opens (the `page` fixture's and any `browser.new_context()`)
reports the Content-Security-Policy violations of its pages to `csp_violations`, and a
test whose pages caused any fails, naming the directive and what it blocked.
"""

import contextlib
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


# Runs in every page before its own scripts; `securitypolicyviolation` reaches the document
# for each blocked script, style, attribute or resource, enforced or not.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation([
    event.effectiveDirective,
    event.blockedURI || "inline",
    document.location.pathname,
    event.target.outerHTML ? event.target.outerHTML.slice(0, 80) : "",
    (event.sourceFile || "") + ":" + event.lineNumber,
    event.sample || "",
  ].join(" | "));
});
"""


class CspViolations:
    """The violations reported by every context opened while one test runs."""

    def __init__(self):
        self.contexts = []
        self.seen = []

    def watch(self, context):
        context.expose_binding("__cspViolation", lambda _source, text: self.seen.append(text))
        context.add_init_script(CSP_LISTENER)
        self.contexts.append(context)
        return context

    def take(self) -> list[str]:
        """The violations so far (after a round trip to each open page), then forget them."""
        from playwright.sync_api import Error

        for context in self.contexts:
            for page in context.pages:
                # A round trip delivers the binding calls already on their way; a page
                # closed or navigating away has delivered its earlier calls already.
                with contextlib.suppress(Error):
                    page.evaluate("0")
        taken, self.seen = self.seen, []
        return taken

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture(autouse=True)
def csp_violations(browser, monkeypatch):
    """Watches every browser context the test opens; see `pytest_runtest_call` below."""
    violations = CspViolations()
    new_context = browser.new_context

    def watched_context(*args, **kwargs):
        return violations.watch(new_context(*args, **kwargs))

    monkeypatch.setattr(browser, "new_context", watched_context)
    yield violations
    violations.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    # Checked in the test's own phase, so a violation fails the test rather than erroring
    # in teardown; a test that already failed keeps its own error.
    result = yield
    violations = getattr(item, "funcargs", {}).get("csp_violations")
    if violations is not None:
        seen = violations.take()
        assert not seen, "Content-Security-Policy violations:\n" + "\n".join(seen)
    return result


@pytest.fixture
def page(browser, live_server, csp_violations):
    """A fresh browser context in Chinese (zh-CN), with `page.base_url` the live server."""
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(10_000)
    return context.new_page()
