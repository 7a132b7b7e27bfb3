"""Reviewers find an application in the admin by the reference they are quoted (SQ000003)."""

import pytest
from django.urls import reverse

from certification.enums import Action
from certification.models import Application
from tests.factories.certification import ApplicationFactory, advance, reviewer_for

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:certification_application_changelist"


def _found(client, term) -> list[int]:
    response = client.get(reverse(CHANGELIST), {"q": term})
    assert response.status_code == 200
    return [row.pk for row in response.context["cl"].result_list]


@pytest.mark.parametrize(
    "style",
    [
        lambda pk: f"SQ{pk:06d}",
        lambda pk: f"sq{pk}",
        lambda pk: f" SQ-{pk:06d} ",
        lambda pk: "".join(chr(ord(c) + 0xFEE0) for c in f"SQ{pk:06d}"),  # full width
    ],
)
def test_admin_search_finds_an_application_by_its_reference(client, style):
    application = advance(ApplicationFactory(), Action.SUBMIT)
    other = advance(
        ApplicationFactory(certification_body=application.certification_body), Action.SUBMIT
    )
    client.force_login(reviewer_for(application))
    assert _found(client, style(application.pk)) == [application.pk]
    assert other.pk not in _found(client, style(application.pk))


def test_admin_search_by_reference_stays_within_the_reviewers_body(client):
    mine = advance(ApplicationFactory(), Action.SUBMIT)
    theirs = advance(ApplicationFactory(), Action.SUBMIT)
    assert theirs.certification_body != mine.certification_body
    client.force_login(reviewer_for(mine))
    assert _found(client, theirs.reference) == []


def test_admin_search_by_name_still_works(client):
    application = advance(ApplicationFactory(), Action.SUBMIT)
    client.force_login(reviewer_for(application))
    assert _found(client, application.product.name) == [application.pk]


@pytest.mark.parametrize("text", ["", "SQ", "SQX1", "Q000003", "SQ" + "9" * 30, "寻乌"])
def test_pk_from_reference_refuses_what_is_not_a_reference(text):
    assert Application.pk_from_reference(text) is None
