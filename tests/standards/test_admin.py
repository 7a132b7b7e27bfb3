"""The admin: only provincial administrators manage standards; buttons call the services."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from standards.enums import StandardState, StandardType
from standards.models import Standard
from tests.factories import (
    IndicatorFactory,
    StandardFactory,
    UserFactory,
    publishable_standard,
    user_with_role,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:standards_standard_add")
CHANGELIST_URL = reverse("admin:standards_standard_changelist")


def _change_url(standard):
    return reverse("admin:standards_standard_change", args=[standard.pk])


def _transition_url(standard, name):
    return reverse("admin:standards_standard_transition", args=[standard.pk, name])


def _form_data(indicators=(), **fields):
    """POST data for the standard's change form with its two inline formsets."""
    data = {
        "code": "T/ABC 001-2023",
        "title": "富硒柑橘评价",
        "type": StandardType.GROUP,
        "proposing_organisation": "寻乌县市场监督管理局",
        "pass_score": "0",
        "indicators-TOTAL_FORMS": str(len(indicators)),
        "indicators-INITIAL_FORMS": "0",
        "log_entries-TOTAL_FORMS": "0",
        "log_entries-INITIAL_FORMS": "0",
        **fields,
    }
    for index, (dimension, name, kind, max_score) in enumerate(indicators):
        data.update(
            {
                f"indicators-{index}-sort_order": str(index),
                f"indicators-{index}-dimension": dimension,
                f"indicators-{index}-name": name,
                f"indicators-{index}-requirement": "要求",
                f"indicators-{index}-kind": kind,
                f"indicators-{index}-max_score": max_score,
            }
        )
    return data


@pytest.fixture
def admin_user():
    return user_with_role(Role.PROVINCIAL_ADMIN)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_admin_provincial_admin_creates_a_standard_with_indicators(admin_client):
    data = _form_data(
        indicators=[
            ("resource_saving", "节水灌溉", "scored", "40"),
            ("quality_leadership", "硒含量", "mandatory", ""),
        ],
        pass_score="30",
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    standard = Standard.objects.get(code="T/ABC 001-2023")
    assert standard.state == StandardState.DRAFTING
    assert standard.indicators.count() == 2


def test_admin_duplicate_code_is_refused_and_nothing_changes(admin_client):
    StandardFactory(code="T/ABC 001-2023")
    response = admin_client.post(ADD_URL, _form_data(code="t/abc 001-2023"))
    assert response.status_code == 200
    assert "该标准编号已存在。" in response.content.decode()
    assert Standard.objects.filter(code="T/ABC 001-2023").count() == 1


def test_admin_malformed_code_is_refused(admin_client):
    response = admin_client.post(ADD_URL, _form_data(code="DB36 1234-2023", type="local"))
    assert response.status_code == 200
    assert "不是有效的地方标准编号" in response.content.decode()
    assert not Standard.objects.exists()


def test_admin_threshold_above_total_is_refused_on_save(admin_client):
    data = _form_data(indicators=[("resource_saving", "节水灌溉", "scored", "40")], pass_score="50")
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "合格分数线 50 高于评分项满分合计 40" in response.content.decode()
    assert not Standard.objects.exists()


def test_admin_non_pdf_full_text_is_refused(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("full.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = admin_client.post(ADD_URL, {**_form_data(), "full_text": fake})
    assert response.status_code == 200
    assert "标准全文必须是 PDF 文件。" in response.content.decode()
    assert not Standard.objects.exists()


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.SUPERVISOR])
def test_admin_other_staff_may_not_manage_standards(client, role):
    standard = publishable_standard(state=StandardState.SUBMITTED)
    published = publishable_standard(state=StandardState.PUBLISHED)
    client.force_login(user_with_role(role))
    assert client.get(CHANGELIST_URL).status_code == 403
    assert client.get(ADD_URL).status_code == 403
    assert client.get(_change_url(standard)).status_code in {302, 403}
    assert client.get(_change_url(published)).status_code in {302, 403}
    assert client.post(_change_url(published), {"title": "改"}).status_code in {302, 403}
    assert client.post(_transition_url(standard, "publish")).status_code == 403
    assert Standard.objects.get(pk=standard.pk).state == StandardState.SUBMITTED


def test_admin_non_staff_is_sent_to_login(client):
    standard = publishable_standard(state=StandardState.SUBMITTED)
    client.force_login(user_with_role(Role.ENTERPRISE_USER))
    response = client.post(_transition_url(standard, "publish"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert Standard.objects.get(pk=standard.pk).state == StandardState.SUBMITTED


def test_admin_shows_only_the_transitions_that_may_run(admin_client):
    submitted = publishable_standard(state=StandardState.SUBMITTED)
    html = admin_client.get(_change_url(submitted)).content.decode()
    assert 'data-transition="publish"' in html
    assert 'data-transition="submit"' not in html
    assert 'data-transition="withdraw"' not in html

    published = publishable_standard(state=StandardState.PUBLISHED)
    html = admin_client.get(_change_url(published)).content.decode()
    assert 'data-transition="withdraw"' in html and 'data-transition="supersede"' in html
    assert 'data-transition="publish"' not in html


def test_admin_explains_why_publishing_is_not_possible_yet(admin_client):
    standard = StandardFactory(state=StandardState.SUBMITTED)
    html = admin_client.get(_change_url(standard)).content.decode()
    assert 'data-transition="publish"' not in html
    assert "尚未上传标准全文（PDF）。" in html and "尚未设置任何指标。" in html


def test_admin_publish_button_publishes(admin_client, admin_user):
    standard = publishable_standard(state=StandardState.SUBMITTED)
    response = admin_client.post(_transition_url(standard, "publish"), {"comment": "审定通过"})
    assert response.status_code == 302
    standard = Standard.objects.get(pk=standard.pk)
    assert standard.state == StandardState.PUBLISHED
    entry = standard.log_entries.get()
    assert (entry.actor, entry.comment) == (admin_user, "审定通过")
    html = admin_client.get(response["Location"]).content.decode()
    assert "已发布" in html


def test_admin_refused_transition_shows_the_reasons(admin_client):
    standard = StandardFactory(state=StandardState.SUBMITTED)
    response = admin_client.post(_transition_url(standard, "publish"), follow=True)
    html = response.content.decode()
    assert "未能发布" in html and "尚未设置任何指标。" in html
    assert Standard.objects.get(pk=standard.pk).state == StandardState.SUBMITTED


def test_admin_supersede_button_takes_the_newer_standard(admin_client):
    old = publishable_standard(state=StandardState.PUBLISHED)
    new = publishable_standard(state=StandardState.PUBLISHED)
    admin_client.post(_transition_url(old, "supersede"), {"by": new.pk})
    old = Standard.objects.get(pk=old.pk)
    assert (old.state, old.superseded_by) == (StandardState.SUPERSEDED, new)


def test_admin_transition_needs_post(admin_client):
    standard = publishable_standard(state=StandardState.SUBMITTED)
    assert admin_client.get(_transition_url(standard, "publish")).status_code == 405


def test_admin_published_standard_content_is_frozen(admin_client):
    standard = publishable_standard(state=StandardState.PUBLISHED, code="T/ABC 001-2023")
    IndicatorFactory(standard=standard, name="额外指标")
    form = admin_client.get(_change_url(standard)).context["adminform"].form
    assert "code" not in form.fields and "pass_score" not in form.fields
    assert "notes" in form.fields
    indicator = standard.indicators.first()
    change = reverse("admin:standards_indicator_change", args=[indicator.pk])
    assert admin_client.post(change, {"name": "改名"}).status_code == 403


@pytest.mark.parametrize(
    ("state", "deletable"),
    [(StandardState.DRAFTING, True), (StandardState.SUBMITTED, False)],
)
def test_admin_only_drafts_may_be_deleted(admin_client, state, deletable):
    standard = publishable_standard(state=state)
    url = reverse("admin:standards_standard_delete", args=[standard.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert Standard.objects.filter(pk=standard.pk).exists() is not deletable
    if not deletable:
        assert response.status_code == 403


def test_admin_superuser_manages_standards(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(CHANGELIST_URL).status_code == 200
