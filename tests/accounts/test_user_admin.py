"""Who may do what to accounts in the admin: the whole matrix of roles and actions."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.services import api_token_issue
from tests.factories import CertificationBodyFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Lvse-xinmima-2026"
ACTORS = [
    "superuser",
    Role.PROVINCIAL_ADMIN,
    Role.ENTERPRISE_USER,
    Role.REVIEWER,
    Role.SUPERVISOR,
    Role.COUNTY_OFFICIAL,
]


def make_actor(actor) -> User:
    if actor == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    return user_with_role(actor)


def change_url(user) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def password_url(user) -> str:
    return reverse("admin:auth_user_password_change", args=[user.pk])


def change_data(target, **fields) -> dict:
    """A complete change form for `target` as either form expects it, plus `fields`."""
    return {
        "email": target.email,
        "full_name": target.full_name,
        "phone": target.phone,
        "email_verified_at_0": "",
        "email_verified_at_1": "",
        "is_active": "on",
        "roles": [Role.ENTERPRISE_USER.value],
        **fields,
    }


def provincial_admin_group() -> Group:
    return Group.objects.get(name=Role.PROVINCIAL_ADMIN)


# --- the actions: each does its worst as `actor` and says whether it took effect ------


def add_user(client, actor) -> bool:
    client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new-account@example.com",
            "full_name": "新账号",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "roles": [Role.ENTERPRISE_USER.value],
        },
    )
    return User.objects.filter(email="new-account@example.com").exists()


def change_flags(client, actor) -> bool:
    target = user_with_role(Role.ENTERPRISE_USER)
    client.post(change_url(target), change_data(target, is_staff="on", is_superuser="on"))
    target.refresh_from_db()
    return target.is_staff or target.is_superuser


def change_groups(client, actor) -> bool:
    target = user_with_role(Role.ENTERPRISE_USER)
    data = change_data(target, groups=[provincial_admin_group().pk])
    client.post(change_url(target), data)
    return target.groups.filter(name=Role.PROVINCIAL_ADMIN).exists()


def set_password(client, actor) -> bool:
    target = user_with_role(Role.ENTERPRISE_USER)
    client.post(
        password_url(target),
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    target.refresh_from_db()
    return target.check_password(NEW_PASSWORD)


def view_tokens(client, actor) -> bool:
    """Whether the actor sees the list of API tokens (by prefix: never one in clear)."""
    token = api_token_issue(user=user_with_role(Role.ENTERPRISE_USER))
    response = client.get(reverse("admin:accounts_apitoken_changelist"))
    html = response.content.decode()
    assert token not in html
    return response.status_code == 200 and f"{token[:8]}…" in html


ACTIONS = {
    "add_user": add_user,
    "change_flags": change_flags,
    "change_groups": change_groups,
    "set_password": set_password,
    "view_tokens": view_tokens,
}

#                        add    flags  groups password tokens
ALLOWED_ROWS = {
    "superuser": [True, True, True, True, True],
    Role.PROVINCIAL_ADMIN: [True, False, False, False, False],
    Role.ENTERPRISE_USER: [False, False, False, False, False],
    Role.REVIEWER: [False, False, False, False, False],
    Role.SUPERVISOR: [False, False, False, False, False],
    Role.COUNTY_OFFICIAL: [False, False, False, False, False],
}
ALLOWED = {actor: dict(zip(ACTIONS, row, strict=True)) for actor, row in ALLOWED_ROWS.items()}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("actor", ACTORS)
def test_user_admin_action_takes_effect_only_where_the_matrix_allows(client, actor, action):
    client.force_login(make_actor(actor))
    assert ACTIONS[action](client, actor) is ALLOWED[actor][action]


# --- a provincial administrator's reach -------------------------------------------------


def _target(kind, admin):
    if kind == "self":
        return admin
    if kind == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    if kind == "other_provincial_admin":
        return user_with_role(Role.PROVINCIAL_ADMIN)
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.create(name="自定义权限组"))
    return staff


@pytest.mark.parametrize("kind", ["self", "superuser", "other_provincial_admin", "custom_group"])
def test_user_admin_provincial_admin_cannot_reach_accounts_above_the_delegated_roles(client, kind):
    admin = user_with_role(Role.PROVINCIAL_ADMIN)
    target = _target(kind, admin)
    client.force_login(admin)
    assert client.get(change_url(target)).status_code == 404
    response = client.post(change_url(target), change_data(target, is_active=""))
    assert response.status_code == 404
    assert client.get(password_url(target)).status_code == 404
    target.refresh_from_db()
    assert target.is_active
    changelist = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert target.email not in changelist


def test_user_admin_provincial_admin_keeps_own_privileges_unchanged(client):
    admin = user_with_role(Role.PROVINCIAL_ADMIN)
    client.force_login(admin)
    client.post(change_url(admin), change_data(admin, is_superuser="on"))
    admin.refresh_from_db()
    assert not admin.is_superuser
    assert admin.has_role(Role.PROVINCIAL_ADMIN)


def test_user_admin_provincial_admin_sees_no_flags_groups_or_password_link(client):
    target = user_with_role(Role.REVIEWER)
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    html = client.get(change_url(target)).content.decode()
    assert 'name="roles"' in html
    for name in ('name="is_superuser"', 'name="is_staff"', 'name="groups"', "password/"):
        assert name not in html
    add_html = client.get(reverse("admin:accounts_user_add")).content.decode()
    assert 'name="roles"' in add_html
    assert 'name="is_superuser"' not in add_html and 'name="groups"' not in add_html


def test_user_admin_provincial_admin_cannot_hand_out_their_own_role(client):
    target = user_with_role(Role.ENTERPRISE_USER)
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    data = change_data(target, roles=[Role.PROVINCIAL_ADMIN.value])
    response = client.post(change_url(target), data)
    assert response.status_code == 200  # the form refuses the choice
    assert not target.groups.filter(name=Role.PROVINCIAL_ADMIN).exists()


# --- a provincial administrator's legitimate job ------------------------------------------


def test_user_admin_provincial_admin_creates_a_reviewer_with_admin_access(client):
    body = CertificationBodyFactory()
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "reviewer-new@example.com",
            "full_name": "新审核员",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "certification_body": body.pk,
            "roles": [Role.REVIEWER.value],
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="reviewer-new@example.com")
    assert user.roles == {Role.REVIEWER}
    assert user.is_staff and not user.is_superuser
    assert user.certification_body == body


def test_user_admin_provincial_admin_moves_an_account_between_delegated_roles(client):
    target = user_with_role(Role.ENTERPRISE_USER)
    client.force_login(user_with_role(Role.PROVINCIAL_ADMIN))
    data = change_data(target, roles=[Role.SUPERVISOR.value, Role.COUNTY_OFFICIAL.value])
    response = client.post(change_url(target), data)
    assert response.status_code == 302
    target = User.objects.get(pk=target.pk)
    assert target.roles == {Role.SUPERVISOR, Role.COUNTY_OFFICIAL}
    assert target.is_staff

    data = change_data(target, roles=[Role.ENTERPRISE_USER.value])
    assert client.post(change_url(target), data).status_code == 302
    target = User.objects.get(pk=target.pk)
    assert target.roles == {Role.ENTERPRISE_USER}
    assert not target.is_staff


def test_user_admin_provincial_admin_lists_only_accounts_below_theirs(client):
    admin = user_with_role(Role.PROVINCIAL_ADMIN)
    below = [user_with_role(role) for role in Role if role != Role.PROVINCIAL_ADMIN]
    above = [UserFactory(is_superuser=True, is_staff=True), user_with_role(Role.PROVINCIAL_ADMIN)]
    client.force_login(admin)
    html = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert all(user.email in html for user in below)
    assert not any(user.email in html for user in above)


def test_user_admin_superuser_grants_provincial_admin(client):
    target = user_with_role(Role.SUPERVISOR)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    data = change_data(target, is_staff="on", groups=[provincial_admin_group().pk])
    assert client.post(change_url(target), data).status_code == 302
    assert User.objects.get(pk=target.pk).has_role(Role.PROVINCIAL_ADMIN)


def test_user_set_roles_refuses_a_role_above_the_actor():
    from accounts.services import RoleNotAssignable, user_set_roles

    target = user_with_role(Role.ENTERPRISE_USER)
    with pytest.raises(RoleNotAssignable):
        user_set_roles(
            user=target,
            roles=[Role.PROVINCIAL_ADMIN],
            by=user_with_role(Role.PROVINCIAL_ADMIN),
        )
    assert User.objects.get(pk=target.pk).roles == {Role.ENTERPRISE_USER}


# --- API tokens ---------------------------------------------------------------------------


def test_api_tokens_are_never_shown_in_clear_on_any_admin_list(client):
    from django.contrib import admin

    owner = user_with_role(Role.ENTERPRISE_USER)
    token = api_token_issue(user=owner)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    pages = [reverse("admin:accounts_user_change", args=[owner.pk])]
    for model in admin.site._registry:
        opts = model._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert token not in response.content.decode(), page


def test_api_token_admin_superuser_revokes_a_token(client):
    from knox.models import AuthToken

    owner = user_with_role(Role.ENTERPRISE_USER)
    token = api_token_issue(user=owner)
    stored = AuthToken.objects.get(user=owner)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("admin:accounts_apitoken_delete", args=[stored.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    response = client.get("/api/v1/applications/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 401
