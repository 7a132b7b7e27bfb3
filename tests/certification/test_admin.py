"""The reviewer's workspace in the admin: reach, transition buttons, the review, the log."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from certification.enums import Action, ApplicationState, CheckResult
from certification.models import ConflictOfInterest, IndicatorScore, TransitionLog
from standards.enums import IndicatorKind
from tests.factories import user_with_role
from tests.factories.certification import ApplicationFactory, advance, reviewer_for

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:certification_application_changelist"


def _change_url(application):
    return reverse("admin:certification_application_change", args=[application.pk])


def _transition_url(application):
    return reverse("admin:certification_application_transition", args=[application.pk])


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _post_action(client, application, action, comment="", expected_state=None):
    return client.post(
        _transition_url(application),
        {
            "action": action,
            "comment": comment,
            "expected_state": expected_state or application.state,
        },
        follow=True,
    )


@pytest.fixture
def submitted():
    return advance(ApplicationFactory(), Action.SUBMIT)


@pytest.fixture
def reviewer(submitted):
    return reviewer_for(submitted)


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


# --- reach ---------------------------------------------------------------------------


def test_reviewer_lists_only_own_bodys_applications(reviewer_client, submitted):
    other = advance(ApplicationFactory(), Action.SUBMIT)
    response = reviewer_client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    listed = list(response.context["cl"].queryset)
    assert listed == [submitted]
    assert other not in listed


def test_reviewer_of_another_body_gets_404(client, submitted):
    client.force_login(user_with_role(Role.REVIEWER))
    assert client.get(_change_url(submitted)).status_code == 404
    response = client.post(
        _transition_url(submitted), {"action": "accept", "expected_state": "submitted"}
    )
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.SUBMITTED


def test_conflicted_reviewer_neither_sees_nor_acts(client, submitted, reviewer):
    ConflictOfInterest.objects.create(
        reviewer=reviewer, enterprise=submitted.enterprise, reason="亲属任职"
    )
    client.force_login(reviewer)
    assert list(client.get(reverse(CHANGELIST)).context["cl"].queryset) == []
    assert client.get(_change_url(submitted)).status_code == 404
    response = client.post(
        _transition_url(submitted), {"action": "accept", "expected_state": "submitted"}
    )
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.SUBMITTED


def test_supervisor_lists_all_and_filters_by_state(client, submitted):
    draft = ApplicationFactory()
    client.force_login(user_with_role(Role.SUPERVISOR))
    listed = set(client.get(reverse(CHANGELIST)).context["cl"].queryset)
    assert {submitted, draft} <= listed
    filtered = client.get(reverse(CHANGELIST), {"state__exact": "draft"}).context["cl"].queryset
    assert draft in filtered and submitted not in filtered


def test_changelist_search_and_county_filter(client, submitted):
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    response = client.get(reverse(CHANGELIST), {"q": submitted.product.name})
    assert list(response.context["cl"].queryset) == [submitted]
    response = client.get(
        reverse(CHANGELIST), {"enterprise__division__id__exact": submitted.enterprise.division_id}
    )
    assert submitted in response.context["cl"].queryset


# --- transition buttons --------------------------------------------------------------


def test_change_page_shows_the_allowed_actions_documents_and_log(reviewer_client, submitted):
    html = reviewer_client.get(_change_url(submitted)).content.decode()
    assert 'data-action="accept"' in html
    assert 'data-action="certify"' not in html
    assert 'name="expected_state" value="submitted"' in html
    document = submitted.documents.first()
    assert reverse("certification:document_download", args=[document.pk]) in html
    assert "提交申请" in html  # the log entry


def test_accept_button_moves_the_application_and_logs_the_reviewer(
    reviewer_client, submitted, reviewer
):
    response = _post_action(reviewer_client, submitted, Action.ACCEPT, comment="材料齐全")
    assert "已受理。" in _messages(response)
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.UNDER_REVIEW
    entry = TransitionLog.objects.filter(application=submitted).latest("pk")
    assert (entry.action, entry.actor, entry.comment) == (Action.ACCEPT, reviewer, "材料齐全")
    assert submitted.reviews.filter(round=1).exists()


def test_request_changes_needs_a_reason(reviewer_client, submitted, reviewer):
    application = advance(submitted, Action.ACCEPT, reviewer=reviewer)
    response = _post_action(reviewer_client, application, Action.REQUEST_CHANGES)
    assert "请填写原因，企业将看到这段说明。" in _messages(response)
    application.refresh_from_db()
    assert application.state == ApplicationState.UNDER_REVIEW
    _post_action(reviewer_client, application, Action.REQUEST_CHANGES, comment="请补充检测报告")
    application.refresh_from_db()
    assert application.state == ApplicationState.NEEDS_CHANGES


def test_stale_page_gets_the_conflict_message(reviewer_client, submitted, reviewer):
    advance(submitted, Action.ACCEPT, reviewer=reviewer)
    response = _post_action(
        reviewer_client, submitted, Action.REJECT, comment="不符合", expected_state="submitted"
    )
    assert "此申请已被他人处理，请刷新后重试" in _messages(response)
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.UNDER_REVIEW


def test_certify_before_a_passing_review_says_why(reviewer_client, submitted, reviewer):
    application = advance(submitted, Action.ACCEPT, reviewer=reviewer)
    response = _post_action(reviewer_client, application, Action.CERTIFY)
    assert "本轮评审尚未完成。" in _messages(response)
    application.refresh_from_db()
    assert application.state == ApplicationState.UNDER_REVIEW


def test_enterprise_actions_cannot_be_posted_in_the_admin(client, submitted):
    client.force_login(User.objects.create_superuser(email="root@example.com", password="x"))
    response = _post_action(client, submitted, Action.WITHDRAW)
    assert "无效的操作。" in _messages(response)
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.SUBMITTED


def test_application_admin_is_read_only(reviewer_client, submitted):
    response = reviewer_client.post(_change_url(submitted), {"recognised_brands_note": "x"})
    assert response.status_code == 403
    assert reviewer_client.get(reverse("admin:certification_application_add")).status_code == 403


# --- the review ----------------------------------------------------------------------


def _review_form_data(response) -> dict:
    """The POST data of an admin change form as rendered, for the test to adjust."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management.initial.get(name, "")
        for score_form in formset.forms:
            for name, field in score_form.fields.items():
                value = score_form.initial.get(name, field.initial)
                if name == "passed":
                    value = {True: "true", False: "false"}.get(value, "unknown")
                if hasattr(value, "pk"):
                    value = value.pk
                data[score_form.add_prefix(name)] = "" if value is None else value
    return data


def _scores_by_indicator(data, review):
    rows = {}
    for row in IndicatorScore.objects.filter(review=review).select_related("indicator"):
        index = next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == row.pk)
        rows[row.indicator] = f"scores-{index}-"
    return rows


def test_reviewer_scores_completes_and_certifies(reviewer_client, submitted, reviewer):
    application = advance(submitted, Action.ACCEPT, reviewer=reviewer)
    review = application.reviews.get(round=1)
    url = reverse("admin:certification_review_change", args=[review.pk])
    response = reviewer_client.get(url)
    assert response.status_code == 200
    # One pre-created row per indicator of the standard.
    assert review.scores.count() == application.standard.indicators.count() == 3
    data = _review_form_data(response)
    data.update(document_result=CheckResult.PASS, onsite_result=CheckResult.PASS)
    for indicator, prefix in _scores_by_indicator(data, review).items():
        if indicator.kind == IndicatorKind.MANDATORY:
            data[prefix + "passed"] = "true"
        else:
            data[prefix + "score"] = str(indicator.max_score)
    data["_complete"] = "1"
    response = reviewer_client.post(url, data, follow=True)
    messages = _messages(response)
    assert "评审已完成：总分 100.0，结论：通过。" in messages
    review.refresh_from_db()
    assert review.result == CheckResult.PASS and review.completed_at is not None

    response = _post_action(reviewer_client, application, Action.CERTIFY, comment="同意认证")
    application.refresh_from_db()
    assert application.state == ApplicationState.CERTIFIED


def test_score_above_the_maximum_is_a_form_error(reviewer_client, submitted, reviewer):
    application = advance(submitted, Action.ACCEPT, reviewer=reviewer)
    review = application.reviews.get(round=1)
    url = reverse("admin:certification_review_change", args=[review.pk])
    data = _review_form_data(reviewer_client.get(url))
    for indicator, prefix in _scores_by_indicator(data, review).items():
        if indicator.kind == IndicatorKind.SCORED:
            data[prefix + "score"] = "999"
    response = reviewer_client.post(url, data)
    assert response.status_code == 200
    assert "得分应在 0 到" in response.content.decode()
    assert not review.scores.filter(score__isnull=False).exists()


def test_completing_a_failing_review_lists_the_reasons(reviewer_client, submitted, reviewer):
    application = advance(submitted, Action.ACCEPT, reviewer=reviewer)
    review = application.reviews.get(round=1)
    response = reviewer_client.post(
        reverse("admin:certification_review_complete", args=[review.pk]), follow=True
    )
    messages = _messages(response)
    assert "评审已完成：总分 0，结论：不通过。" in messages
    assert "文件审核未通过。" in messages
    review.refresh_from_db()
    assert review.result == CheckResult.FAIL


def test_review_of_a_certified_application_is_read_only(client, submitted, reviewer):
    application = advance(submitted, Action.ACCEPT, Action.CERTIFY, reviewer=reviewer)
    client.force_login(reviewer)
    review = application.reviews.get(round=1)
    url = reverse("admin:certification_review_change", args=[review.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"document_result": "fail"}).status_code == 403


# --- the log, conflicts, products ----------------------------------------------------


def test_transition_log_admin_is_read_only_even_for_superusers(client, submitted):
    client.force_login(User.objects.create_superuser(email="root@example.com", password="x"))
    entry = TransitionLog.objects.filter(application=submitted).first()
    change = reverse("admin:certification_transitionlog_change", args=[entry.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"comment": "改"}).status_code == 403
    assert client.get(reverse("admin:certification_transitionlog_add")).status_code == 403
    delete = reverse("admin:certification_transitionlog_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.comment != "改"


def test_reviewer_declares_own_conflict(reviewer_client, submitted, reviewer):
    other_reviewer = reviewer_for(submitted)
    response = reviewer_client.post(
        reverse("admin:certification_conflictofinterest_add"),
        {
            "enterprise": submitted.enterprise_id,
            "reason": "曾任该企业顾问",
            "reviewer": other_reviewer.pk,
        },
    )
    assert response.status_code == 302
    conflict = ConflictOfInterest.objects.get()
    assert conflict.reviewer == reviewer
    assert list(reviewer_client.get(reverse(CHANGELIST)).context["cl"].queryset) == []


def test_product_admin_is_read_only_for_supervisors(client, submitted):
    client.force_login(user_with_role(Role.SUPERVISOR))
    url = reverse("admin:certification_product_change", args=[submitted.product_id])
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "改名"}).status_code == 403
    submitted.product.refresh_from_db()
    assert submitted.product.name != "改名"


def test_changelist_queries_do_not_grow_with_the_list(reviewer_client, submitted):
    def count():
        with CaptureQueriesContext(connection) as context:
            assert reviewer_client.get(reverse(CHANGELIST)).status_code == 200
        return len(context.captured_queries)

    one = count()
    for _ in range(4):
        ApplicationFactory(certification_body=submitted.certification_body)
    assert count() == one


def test_supervisor_suspends_a_supervised_application_with_a_reason(client, submitted):
    application = advance(submitted, Action.ACCEPT, Action.CERTIFY, Action.START_SUPERVISION)
    client.force_login(user_with_role(Role.SUPERVISOR))
    html = client.get(_change_url(application)).content.decode()
    assert 'data-action="suspend"' in html and 'data-action="revoke"' in html
    assert "原因（企业可见，必填）" in html
    _post_action(client, application, Action.SUSPEND, comment="抽检不合格")
    application.refresh_from_db()
    assert application.state == ApplicationState.SUSPENDED
