"""The transition engine itself, on a real state machine (a certification application)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from activity.models import ImmutableLogError, LogEntry
from brandportal.errors import (
    ConditionsNotMet,
    ServiceError,
    TransitionConflict,
    TransitionNotAllowed,
)
from brandportal.transitions import run_transition
from certification.models import Application
from tests.factories.certification import ApplicationFactory, add_required_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready():
    application = ApplicationFactory()
    add_required_documents(application, application.created_by)
    return application


def _submit(application, **options):
    return run_transition(
        model=Application,
        pk=application.pk,
        action="submit",
        by=application.created_by,
        label="提交",
        **options,
    )


def test_engine_transition_saves_the_state_and_appends_one_log_entry(ready):
    _submit(ready, comment="请审核", data={"source": "test"})
    ready.refresh_from_db()
    assert ready.state == "submitted"
    entry = LogEntry.objects.for_object(ready).get()
    assert (entry.action, entry.from_state, entry.to_state) == ("submit", "draft", "submitted")
    assert entry.actor == ready.created_by
    assert entry.comment == "请审核"
    assert entry.data == {"source": "test"}
    assert entry.content_object == ready


def test_engine_expected_state_other_than_current_is_a_conflict(ready):
    with pytest.raises(TransitionConflict) as refusal:
        _submit(ready, expected_state="submitted", conflict_message="已被他人处理")
    assert refusal.value.status_code == 409
    assert refusal.value.reasons == ["已被他人处理"]
    assert not LogEntry.objects.for_object(ready).exists()


def test_engine_action_absent_from_the_state_is_not_allowed_with_the_state_named(ready):
    with pytest.raises(TransitionNotAllowed) as refusal:
        run_transition(model=Application, pk=ready.pk, action="accept", by=None, label="受理")
    assert refusal.value.status_code == 409
    assert refusal.value.reasons == ["当前状态“草稿”下不能执行“受理”。"]


def test_engine_permission_is_refused_before_conditions_are_explained():
    application = ApplicationFactory()  # no documents: the conditions fail too
    with pytest.raises(PermissionDenied):
        _submit(application, permitted=lambda obj: False)


def test_engine_unmet_conditions_are_explained_in_chinese():
    application = ApplicationFactory()
    with pytest.raises(ConditionsNotMet) as refusal:
        _submit(application, permitted=lambda obj: True)
    assert refusal.value.status_code == 400
    assert any(reason.startswith("缺少必备材料") for reason in refusal.value.reasons)
    application.refresh_from_db()
    assert application.state == "draft"


def test_engine_refusals_are_service_errors():
    for refusal in (TransitionConflict, TransitionNotAllowed, ConditionsNotMet):
        assert issubclass(refusal, ServiceError)


def test_engine_failure_after_the_log_rolls_back_state_and_log(ready):
    def fail(obj, entry):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        _submit(ready, after=fail)
    ready.refresh_from_db()
    assert ready.state == "draft"
    assert not LogEntry.objects.for_object(ready).exists()


def test_engine_on_commit_effects_run_only_after_commit(ready, django_capture_on_commit_callbacks):
    seen = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _submit(ready, on_commit=[lambda obj: seen.append(obj.state)])
        assert seen == []
    assert len(callbacks) == 1
    assert seen == ["submitted"]


def test_engine_on_commit_effects_are_dropped_on_rollback(
    ready, django_capture_on_commit_callbacks
):
    seen = []

    def fail(obj, entry):
        raise RuntimeError("boom")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        _submit(ready, on_commit=[lambda obj: seen.append(obj)], after=fail)
    assert callbacks == []
    assert seen == []


def test_engine_log_entry_cannot_be_changed_or_deleted(ready):
    _submit(ready)
    entry = LogEntry.objects.for_object(ready).get()
    entry.comment = "篡改"
    with pytest.raises(ImmutableLogError):
        entry.save()
    with pytest.raises(ImmutableLogError):
        entry.delete()
    with pytest.raises(ImmutableLogError):
        LogEntry.objects.filter(pk=entry.pk).update(comment="篡改")
    with pytest.raises(ImmutableLogError):
        LogEntry.objects.all().delete()


def test_engine_log_entry_labels_come_from_the_logged_model(ready):
    _submit(ready)
    entry = LogEntry.objects.for_object(ready).get()
    assert entry.get_from_state_display() == "草稿"
    assert entry.get_to_state_display() == "已提交"


@pytest.mark.postgres
def test_engine_log_raw_sql_update_and_delete_are_refused_by_the_database(ready):
    _submit(ready, comment="原文")
    entry = LogEntry.objects.for_object(ready).get()
    for statement in (
        "UPDATE activity_logentry SET comment = 'x' WHERE id = %s",
        "DELETE FROM activity_logentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [entry.pk])
    entry.refresh_from_db()
    assert entry.comment == "原文"
