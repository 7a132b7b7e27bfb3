"""The Content-Security-Policy header on the portal's HTML pages, and templates without
inline code it would block. The browser tests (tests/browser) fail on any violation."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from accounts.roles import Role
from tests.factories import user_with_role

BASE_DIR = Path(settings.BASE_DIR)

PAGES = [
    (None, "/"),
    (None, "/directory/"),
    (None, "/verify/"),
    (None, "/standards/"),
    (None, "/news/"),
    (None, "/supervision/spot-checks/"),
    (None, "/accounts/login/"),
    (None, "/api/docs/"),
    (None, "/admin/login/"),
    (None, "/no-such-page/"),
    (Role.ENTERPRISE_USER, "/applications/"),
    (Role.ENTERPRISE_USER, "/enterprise/"),
    (Role.COUNTY_OFFICIAL, "/pilots/"),
    ("superuser", "/admin/"),
    ("superuser", "/admin/certification/application/"),
]


def policy(response) -> dict[str, list[str]]:
    """The header as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "path"), PAGES)
def test_csp_header_on_html_pages_forbids_inline_code_and_framing(client, who, path):
    if who == "superuser":
        client.force_login(user_with_role(Role.PROVINCIAL_ADMIN, is_staff=True, is_superuser=True))
    elif who is not None:
        client.force_login(user_with_role(who))
    response = client.get(path)
    assert response.status_code in {200, 404}
    assert response["Content-Type"].startswith("text/html")
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'self'" in csp[directive]
        assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"} & set(
            csp[directive]
        ), directive
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_csp_export_page_allows_only_the_vendor_attributes_by_hash(client):
    # django-import-export's export template has an inline handler and two style
    # attributes: that page alone allows their exact values, the rest stays strict.
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN, is_staff=True, is_superuser=True))
    csp = policy(client.get("/admin/standards/indicator/export/"))
    assert csp["script-src-attr"][0] == "'unsafe-hashes'"
    assert len(csp["script-src-attr"]) == 2
    assert csp["style-src-attr"][0] == "'unsafe-hashes'"
    assert len(csp["style-src-attr"]) == 3
    assert all(source.startswith("'sha256-") for source in csp["style-src-attr"][1:])
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "script-src-attr" not in policy(client.get("/admin/standards/indicator/"))


# What the policy blocks in a page: inline scripts, <style> blocks, style="" attributes,
# on*="" event handlers and javascript: URLs. `<script src=...>` and JSON data are fine.
INLINE_CODE = [
    (re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)", re.I), "script"),
    (re.compile(r"<style\b", re.I), "<style> block"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def page_templates():
    """Every HTML template of the project, except those WeasyPrint renders to PDF."""
    folders = [BASE_DIR / "templates", *BASE_DIR.glob("*/templates")]
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            if not path.name.endswith("_pdf.html"):
                yield path


def test_page_templates_exist():
    assert len(list(page_templates())) > 50  # the scan below looks where the templates are


def test_templates_have_no_inline_code_the_csp_blocks():
    found = [
        f"{path.relative_to(BASE_DIR)}:{number}: {what}"
        for path in page_templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for pattern, what in INLINE_CODE
        if pattern.search(line)
    ]
    assert not found, "\n".join(found)
