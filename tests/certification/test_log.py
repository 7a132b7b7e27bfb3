"""The transition log is append-only: no code path changes or deletes an entry."""

import pytest
from django.db import DatabaseError, connection, transaction

from certification.enums import Action
from certification.models import TransitionLog
from certification.models.log import ImmutableLogError
from tests.factories.certification import ApplicationFactory, advance

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    application = advance(ApplicationFactory(), Action.SUBMIT)
    return TransitionLog.objects.get(application=application)


def test_log_records_who_when_from_to_and_comment(entry):
    assert entry.action == Action.SUBMIT
    assert (entry.from_state, entry.to_state) == ("draft", "submitted")
    assert entry.actor == entry.application.created_by
    assert entry.comment == "原因说明"
    assert entry.at is not None


def test_log_entry_cannot_be_saved_again(entry):
    entry.comment = "篡改"
    with pytest.raises(ImmutableLogError):
        entry.save()
    entry.refresh_from_db()
    assert entry.comment == "原因说明"


def test_log_entry_cannot_be_deleted(entry):
    with pytest.raises(ImmutableLogError):
        entry.delete()
    assert TransitionLog.objects.filter(pk=entry.pk).exists()


def test_log_queryset_update_and_delete_are_refused(entry):
    with pytest.raises(ImmutableLogError):
        TransitionLog.objects.filter(pk=entry.pk).update(comment="篡改")
    with pytest.raises(ImmutableLogError):
        TransitionLog.objects.all().delete()
    entry.refresh_from_db()
    assert entry.comment == "原因说明"


@pytest.mark.postgres
def test_log_raw_sql_update_and_delete_are_refused_by_the_database(entry):
    for statement in (
        "UPDATE activity_logentry SET comment = 'x' WHERE id = %s",
        "DELETE FROM activity_logentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [entry.pk])
    entry.refresh_from_db()
    assert entry.comment == "原因说明"
