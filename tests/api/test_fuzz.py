"""Schemathesis fuzzes the public GET endpoints in-process (WSGI): no 500, no violation.

The schema is loaded from the app itself at /api/schema/; each operation gets a bounded
number of generated requests, so the run stays well under a minute.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from brandportal.wsgi import application
from tests.api import fuzzing
from tests.factories.directory import listed_certificate

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application).include(
    method="GET",
    path_regex=r"^/api/v1/(certified-products|enterprises|standards|certificates)/",
)


@pytest.fixture
def listed(db, settings):
    settings.API_ANON_RATE = None
    settings.CERTIFICATE_LOOKUP_RATE = "100000/min"
    cache.clear()
    # Requests go straight to the WSGI handler, whose request signals would close the
    # test's database connection (inside its transaction); Django's test Client
    # disconnects the same receiver.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield [listed_certificate() for _ in range(3)]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_public_get_endpoints_survive_fuzzing(case, listed):
    # Unknown codes and ids in filters are schema-valid strings and integers that the
    # API answers with 400 by design (naming the parameter), so the "positive data is
    # accepted" heuristic is left out; every other check (no 5xx, documented statuses,
    # content types, headers, response bodies matching the schema) runs.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


# --- every endpoint of the URL conf, with the inputs that used to be 500s --------------
#
# Endpoints come from the URL resolver; each page is fuzzed as the first role it opens for
# (anonymous first), through the inputs it declares: its forms' fields (GET forms as query
# parameters, POST forms as fields) and the query parameters of its links (filters,
# sorting, pages; the admin's filter sidebar included). API list endpoints get each filter
# of their FilterSet, API writes JSON bodies. A NUL anywhere must be a 400; nothing a 5xx.

ROLES = ["anonymous", "enterprise", "county", "province", "supervisor", "reviewer", "superuser"]
# Query parameters every page is tried with, besides those it declares.
COMMON_PARAMETERS = ["q", "page"]
# For query parameters and form fields: a deep JSON string there is just a long one.
FIELD_PAYLOADS = {label: value for label, value in fuzzing.PAYLOADS.items() if label != "deep-json"}


@pytest.fixture
def world(db, settings):
    settings.API_ANON_RATE = None
    settings.API_USER_RATE = None
    settings.CERTIFICATE_LOOKUP_RATE = "100000/min"
    settings.INFRINGEMENT_REPORT_RATE = "100000/hour"
    cache.clear()
    world = fuzzing.build_world()
    world.clients = fuzzing.clients(world)
    return world


class Outcomes:
    """Every request's answer that breaks the rule, to report them all at once."""

    def __init__(self):
        self.failures = []
        self.requests = 0

    def check(self, response, role, method, url, label, detail=""):
        self.requests += 1
        status = response.status_code
        # A NUL in a parameter or form field is refused before any view (400); in a JSON
        # body, by the parser, unless the view refuses the method or media type first.
        refused = {400, 405, 415} if detail == "json" else {400}
        must_refuse = label == "nul" or (detail == "json" and label.startswith("deep-json"))
        if status >= 500 or (must_refuse and status not in refused):
            self.failures.append(f"{status} {role} {method} {url} [{label}] {detail}"[:300])


def _urls(world, predicate):
    found, missing = [], []
    for endpoint in fuzzing.endpoints():
        if not predicate(endpoint):
            continue
        url = fuzzing.url_of(world, endpoint)
        if url is None:
            missing.append(endpoint.name)
        else:
            found.append((endpoint, url))
    assert not missing, f"add these patterns' arguments to fuzzing.pattern_kwargs: {missing}"
    return found


def _open_as_first_role(world, url, outcomes, roles=ROLES):
    for role in roles:
        response = world.clients[role].get(url)
        outcomes.check(response, role, "GET", url, "plain")
        if response.status_code == 200:
            return role, response
    return None, None


def _fuzz_query(world, outcomes, role, url, names, payloads=FIELD_PAYLOADS):
    # All of the page's parameters at once, per payload: a request per parameter and
    # payload would take minutes.
    client = world.clients[role]
    for label, payload in payloads.items():
        response = client.get(url, dict.fromkeys(sorted(names), payload))
        outcomes.check(response, role, "GET", url, label, ",".join(sorted(names)))


def _fuzz_post(world, outcomes, role, url, names):
    client = world.clients[role]
    for label, payload in FIELD_PAYLOADS.items():
        response = client.post(url, dict.fromkeys(names, payload))
        outcomes.check(response, role, "POST", url, label, ",".join(names))


def _is_page(endpoint):
    return endpoint.namespace not in {"admin", "api"}


@pytest.mark.postgres
def test_pages_survive_bad_input(world):
    outcomes = Outcomes()
    forms = {}  # (action, fields) -> the role whose page showed the form
    opened = set()
    logout = reverse("accounts:logout")
    for _endpoint, url in _urls(world, _is_page):
        role, response = _open_as_first_role(world, url, outcomes)
        if role is None:
            continue
        opened.add(url)
        if not response["Content-Type"].startswith("text/html"):
            _fuzz_query(world, outcomes, role, url, COMMON_PARAMETERS)
            continue
        inputs = fuzzing.page_inputs(url, response.content.decode())
        names = set(COMMON_PARAMETERS) | inputs.link_parameters
        for form in inputs.forms:
            if form.method == "get" and form.action == url:
                names |= set(form.fields)
            elif form.method == "post" and form.action != logout and form.fields:
                forms.setdefault((form.action, tuple(sorted(set(form.fields)))), role)
        _fuzz_query(world, outcomes, role, url, names)
    for (action, names), role in sorted(forms.items()):
        _fuzz_post(world, outcomes, role, action, names)
    # POST-only views (transitions, deletions) that no page showed a form for.
    posted = {action for action, _names in forms}
    for _endpoint, url in _urls(world, _is_page):
        if url not in opened and url not in posted and url != logout:
            for role in ("enterprise", "superuser"):
                _fuzz_post(world, outcomes, role, url, ["id", "action", "comment", "reason"])
    assert outcomes.failures == [], "\n".join(outcomes.failures)
    assert outcomes.requests > 500


@pytest.mark.postgres
def test_admin_changelists_survive_bad_input(world):
    outcomes = Outcomes()
    changelists = _urls(world, lambda e: e.name.endswith("_changelist") and e.namespace == "admin")
    assert len(changelists) > 30
    for _endpoint, url in changelists:
        response = world.clients["superuser"].get(url)
        outcomes.check(response, "superuser", "GET", url, "plain")
        assert response.status_code == 200, url
        # The search box and every filter of the sidebar (its links name the parameters).
        inputs = fuzzing.page_inputs(url, response.content.decode())
        _fuzz_query(world, outcomes, "superuser", url, {"q"} | inputs.link_parameters)
    assert outcomes.failures == [], "\n".join(outcomes.failures)


def _is_api_endpoint(endpoint):
    # Format-suffix twins and the unnamed catch-all add nothing; the schema is no list.
    return (
        endpoint.namespace == "api"
        and "format" not in endpoint.kwargs
        and endpoint.name not in {"api:schema", "api:docs"}
    )


@pytest.mark.postgres
def test_api_endpoints_survive_bad_input(world):
    outcomes = Outcomes()
    for endpoint, url in _urls(world, _is_api_endpoint):
        actions = fuzzing.api_actions(endpoint)
        if "get" in actions or not actions:
            role, _response = _open_as_first_role(world, url, outcomes)
            if role is not None:
                _fuzz_query(world, outcomes, role, url, fuzzing.api_filter_names(endpoint))
        if "post" in actions or not actions:
            names = fuzzing.api_body_fields(endpoint, actions["post"]) if actions else []
            client = world.clients["enterprise"]
            for label, body in fuzzing.json_bodies(names or ["username", "password"]).items():
                response = client.post(url, body, content_type="application/json")
                outcomes.check(response, "enterprise", "POST", url, label, "json")
            for label, payload in FIELD_PAYLOADS.items():
                response = client.post(url, dict.fromkeys(names or ["username"], payload))
                outcomes.check(response, "enterprise", "POST", url, label, "form")
    assert outcomes.failures == [], "\n".join(outcomes.failures)
