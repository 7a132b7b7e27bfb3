"""What the public sees: published, withdrawn and superseded standards, never drafts."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from standards.enums import Dimension, IndicatorKind, StandardState, StandardType
from standards.validators import GENERAL_REQUIREMENT_CODE
from tests.factories import (
    IndicatorFactory,
    StandardFactory,
    category,
    publishable_standard,
    published_standard,
    user_with_role,
)

pytestmark = pytest.mark.django_db

HIDDEN_STATES = [StandardState.DRAFTING, StandardState.SUBMITTED]
PUBLIC_STATES = [StandardState.PUBLISHED, StandardState.WITHDRAWN, StandardState.SUPERSEDED]


def _listed_codes(client, **params):
    response = client.get(reverse("standards:list"), params)
    assert response.status_code == 200
    return {standard.code for standard in response.context["page_obj"]}


@pytest.mark.parametrize("state", PUBLIC_STATES)
def test_public_catalogue_lists_published_withdrawn_and_superseded(client, state):
    standard = publishable_standard(state=state)
    assert standard.code in _listed_codes(client)
    assert client.get(reverse("standards:detail", args=[standard.pk])).status_code == 200


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("role", [None, Role.ENTERPRISE_USER, Role.REVIEWER, Role.COUNTY_OFFICIAL])
def test_public_drafts_and_submissions_are_never_shown(client, state, role):
    if role:
        client.force_login(user_with_role(role))
    standard = publishable_standard(state=state)
    assert standard.code not in _listed_codes(client)
    assert client.get(reverse("standards:detail", args=[standard.pk])).status_code == 404
    assert client.get(reverse("standards:full_text", args=[standard.pk])).status_code == 404


def test_public_provincial_admin_may_preview_a_draft(client):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    standard = publishable_standard(state=StandardState.DRAFTING)
    assert standard.code not in _listed_codes(client)
    response = client.get(reverse("standards:detail", args=[standard.pk]))
    assert response.status_code == 200
    assert "仅管理员可见" in response.content.decode()


def test_public_filter_by_type_state_and_category(client):
    citrus = published_standard(code="T/ABC 001-2023", categories=[category("selenium_citrus")])
    local = published_standard(
        code="DB36/T 1234-2023", type=StandardType.LOCAL, categories=[category("rice")]
    )
    withdrawn = publishable_standard(
        code="Q/ABC 001-2023", type=StandardType.ENTERPRISE, state=StandardState.WITHDRAWN
    )
    assert _listed_codes(client, type="local") == {local.code}
    assert _listed_codes(client, state="withdrawn") == {withdrawn.code}
    assert _listed_codes(client, category="selenium_citrus") == {citrus.code}
    # A parent category includes its children.
    assert _listed_codes(client, category="agriculture") == {citrus.code, local.code}
    assert _listed_codes(client, category="agriculture", type="group") == {citrus.code}


def test_public_catalogue_lists_the_general_requirement_first(client):
    group = published_standard(code="T/AAA 001-2023")
    local = published_standard(code="DB36/T 0001-2023", type=StandardType.LOCAL)
    general = published_standard(code=GENERAL_REQUIREMENT_CODE, type=StandardType.GENERAL)
    response = client.get(reverse("standards:list"))
    assert list(response.context["page_obj"]) == [general, local, group]


def test_public_filter_cannot_reach_hidden_states(client):
    publishable_standard(state=StandardState.DRAFTING)
    response = client.get(reverse("standards:list"), {"state": "drafting"})
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == []


def test_public_search_by_code_or_title(client):
    citrus = published_standard(code="T/ABC 001-2023", title="富硒柑橘评价")
    rare_earth = published_standard(code="T/XYZ 002-2023", title="稀土新材料评价")
    assert _listed_codes(client, q="富硒") == {citrus.code}
    assert _listed_codes(client, q="xyz 002") == {rare_earth.code}
    assert _listed_codes(client, q="评价") == {citrus.code, rare_earth.code}


def test_public_catalogue_paginates(client):
    for _ in range(21):
        published_standard()
    first = client.get(reverse("standards:list"))
    assert len(first.context["page_obj"]) == 20
    second = client.get(reverse("standards:list"), {"page": 2})
    assert len(second.context["page_obj"]) == 1


def test_public_catalogue_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _ in range(10):
        published_standard(categories=[category("rice"), category("vegetables")])
    with django_assert_max_num_queries(6):
        client.get(reverse("standards:list"))


def test_public_detail_groups_indicators_by_dimension_in_order(client):
    standard = StandardFactory(state=StandardState.PUBLISHED)
    IndicatorFactory(standard=standard, dimension=Dimension.QUALITY_LEADERSHIP, name="硒含量")
    IndicatorFactory(standard=standard, dimension=Dimension.RESOURCE_SAVING, name="节水灌溉")
    IndicatorFactory(
        standard=standard,
        dimension=Dimension.ENVIRONMENTAL_PROTECTION,
        name="农药残留",
        kind=IndicatorKind.MANDATORY,
        max_score=None,
    )
    response = client.get(reverse("standards:detail", args=[standard.pk]))
    labels = [label for label, _indicators, _subtotal in response.context["groups"]]
    assert labels == ["资源节约", "环境保护", "质量领先"]
    html = response.content.decode()
    assert html.index("节水灌溉") < html.index("农药残留") < html.index("硒含量")


def test_public_full_text_downloads_as_pdf(client):
    standard = published_standard(code="DB36/T 1234-2023", type=StandardType.LOCAL)
    response = client.get(reverse("standards:full_text", args=[standard.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "DB36_T_1234-2023.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_public_full_text_is_not_under_media(settings):
    standard = published_standard()
    assert str(settings.PRIVATE_MEDIA_ROOT) in standard.full_text.path
    assert str(settings.MEDIA_ROOT) not in standard.full_text.path
    with pytest.raises(ValueError):
        standard.full_text.url  # noqa: B018


def test_public_withdrawn_standard_says_so(client):
    standard = publishable_standard(state=StandardState.WITHDRAWN, withdrawn_on="2025-06-30")
    html = client.get(reverse("standards:detail", args=[standard.pk])).content.decode()
    assert "本标准已于 2025-06-30 废止" in html
