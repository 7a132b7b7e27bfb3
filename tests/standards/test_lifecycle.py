"""The lifecycle: which transitions run from which state, for whom, and what they leave."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.roles import Role
from activity.models import ImmutableLogError, LogEntry
from standards import services
from standards.enums import StandardState
from standards.models import Standard
from standards.signals import standard_published
from tests.factories import UserFactory, publishable_standard, published_standard, user_with_role

pytestmark = pytest.mark.django_db

D, S, P, W, X = (
    StandardState.DRAFTING,
    StandardState.SUBMITTED,
    StandardState.PUBLISHED,
    StandardState.WITHDRAWN,
    StandardState.SUPERSEDED,
)

# (action, source state) -> target state; every other pair is refused.
ALLOWED = {("submit", D): S, ("publish", S): P, ("withdraw", P): W, ("supersede", P): X}


def _act(action, standard, user):
    if action == "supersede":
        newer = published_standard()
        return services.standard_supersede(standard=standard, by=newer, user=user)
    return getattr(services, f"standard_{action}")(standard=standard, user=user)


@pytest.fixture
def admin():
    return user_with_role(Role.PROVINCIAL_ADMIN)


@pytest.mark.parametrize("source", [D, S, P, W, X])
@pytest.mark.parametrize("action", ["submit", "publish", "withdraw", "supersede"])
def test_lifecycle_transition_table_for_provincial_admin(admin, action, source):
    standard = publishable_standard(state=source)
    target = ALLOWED.get((action, source))
    if target is None:
        with pytest.raises(services.TransitionRefused) as refused:
            _act(action, standard, admin)
        assert "当前状态为" in refused.value.reasons[0]
        assert Standard.objects.get(pk=standard.pk).state == source
        assert not LogEntry.objects.filter(standard=standard).exists()
    else:
        result = _act(action, standard, admin)
        assert result.state == target
        assert Standard.objects.get(pk=standard.pk).state == target
        entry = LogEntry.objects.get(standard=standard)
        assert (entry.action, entry.from_state, entry.to_state, entry.actor) == (
            action,
            source,
            target,
            admin,
        )


@pytest.mark.parametrize(
    "role", [Role.ENTERPRISE_USER, Role.REVIEWER, Role.SUPERVISOR, Role.COUNTY_OFFICIAL, None]
)
@pytest.mark.parametrize(("action", "source"), list(ALLOWED))
def test_lifecycle_transition_refused_to_anyone_but_provincial_admin(role, action, source):
    user = user_with_role(role) if role else UserFactory()
    standard = publishable_standard(state=source)
    with pytest.raises(PermissionDenied):
        _act(action, standard, user)
    assert Standard.objects.get(pk=standard.pk).state == source


def test_lifecycle_superuser_counts_as_provincial_admin():
    superuser = UserFactory(is_superuser=True, is_staff=True)
    standard = publishable_standard(state=D)
    assert services.standard_submit(standard=standard, user=superuser).state == S


def test_lifecycle_submit_needs_a_proposer(admin):
    standard = publishable_standard(state=D, proposing_organisation="")
    with pytest.raises(services.TransitionRefused) as refused:
        services.standard_submit(standard=standard, user=admin)
    assert refused.value.reasons == ["提交前需填写提出单位或提出县（区）。"]


def test_lifecycle_dates_recorded_by_submit_and_publish(admin):
    standard = publishable_standard(state=D)
    standard = services.standard_submit(standard=standard, user=admin, comment="县里提交")
    assert standard.submitted_on is not None
    standard = services.standard_publish(standard=standard, user=admin)
    assert standard.published_on is not None
    assert standard.effective_on == standard.published_on
    comments = list(standard.log_entries.values_list("comment", flat=True))
    assert "县里提交" in comments


def test_lifecycle_supersede_names_the_newer_standard(admin):
    old, new = published_standard(), published_standard()
    old = services.standard_supersede(standard=old, by=new, user=admin)
    assert old.state == X
    assert Standard.objects.get(pk=old.pk).superseded_by == new


@pytest.mark.parametrize("newer_state", [D, S, W])
def test_lifecycle_supersede_by_an_unpublished_standard_is_refused(admin, newer_state):
    old, newer = published_standard(), publishable_standard(state=newer_state)
    with pytest.raises(services.TransitionRefused) as refused:
        services.standard_supersede(standard=old, by=newer, user=admin)
    assert "尚未发布" in refused.value.reasons[0]
    assert Standard.objects.get(pk=old.pk).state == P


def test_lifecycle_supersede_by_itself_is_refused(admin):
    standard = published_standard()
    with pytest.raises(services.TransitionRefused):
        services.standard_supersede(standard=standard, by=standard, user=admin)


def test_lifecycle_state_cannot_be_set_directly():
    standard = publishable_standard(state=D)
    with pytest.raises(AttributeError):
        standard.state = P


def test_lifecycle_stale_copy_loses_to_a_concurrent_transition(admin):
    standard = published_standard()
    stale = Standard.objects.get(pk=standard.pk)
    services.standard_withdraw(standard=standard, user=admin)
    with pytest.raises(services.TransitionRefused) as refused:
        services.standard_supersede(standard=stale, by=published_standard(), user=admin)
    assert "刚被他人修改" in refused.value.reasons[0]
    assert Standard.objects.get(pk=standard.pk).state == W


def test_lifecycle_publish_fires_the_hook_after_commit(admin, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, standard, user, **kwargs):
        received.append((standard.pk, standard.state, user))

    standard_published.connect(receiver)
    try:
        standard = publishable_standard(state=S)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.standard_publish(standard=standard, user=admin)
        assert received == []  # nothing before the commit
        for callback in callbacks:
            callback()
        assert received == [(standard.pk, P, admin)]
    finally:
        standard_published.disconnect(receiver)


def test_lifecycle_log_entries_are_never_edited(admin):
    standard = services.standard_submit(standard=publishable_standard(state=D), user=admin)
    entry = standard.log_entries.get()
    entry.comment = "改写"
    with pytest.raises(ImmutableLogError):
        entry.save()
    with pytest.raises(ImmutableLogError):
        entry.delete()


def test_lifecycle_published_queryset_is_what_applications_may_use():
    published = published_standard()
    publishable_standard(state=S)
    publishable_standard(state=W)
    assert list(Standard.objects.published()) == [published]
