"""Accounts in the admin.

Django's UserAdmin shows the superuser flag, the groups and the set-password link to
anyone who may change users. Here a superuser gets all of it; a provincial administrator
manages only the accounts below theirs (`users_manageable_by`) and hands out roles from
a choice limited to those (`accounts.assign_role`), never flags, groups or passwords.
API tokens are stored hashed; superusers see their prefixes and may revoke them.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken

from brandportal.admin import ObjectPagesFollowListMixin

from . import services
from .models import ApiToken, User
from .roles import DELEGATED_ROLES, Role
from .rules import can
from .selectors import users_manageable_by


def _role_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("角色"),
        choices=[(role.value, role.label) for role in DELEGATED_ROLES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("审核员、市场监管人员和县级工作人员可进入管理后台。"),
    )


class ManagedUserCreationForm(AdminUserCreationForm):
    """A new account made by a provincial administrator: a role below theirs."""

    roles = _role_field()


class ManagedUserChangeForm(UserChangeForm):
    """An account below a provincial administrator's: its roles instead of raw groups."""

    roles = _role_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            held = set(self.instance.groups.values_list("name", flat=True))
            self.initial["roles"] = [role.value for role in DELEGATED_ROLES if role in held]


_PERSONAL = (_("个人信息"), {"fields": ("full_name", "phone", "email_verified_at")})
_ORGANISATION = (_("所属机构"), {"fields": ("enterprise", "certification_body", "county")})
_DATES = (_("重要日期"), {"fields": ("last_login", "date_joined")})


@admin.register(User)
class UserAdmin(ObjectPagesFollowListMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "is_staff",
        "is_active",
        "enterprise",
        "certification_body",
        "county",
    ]
    list_filter = ["groups", "is_staff", "is_active"]
    search_fields = ["email", "full_name", "phone"]
    autocomplete_fields = ["enterprise", "certification_body", "county"]
    readonly_fields = ["last_login", "date_joined"]
    # A superuser's view: everything, as in Django's UserAdmin.
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        _PERSONAL,
        _ORGANISATION,
        (_("角色与权限"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        _DATES,
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )
    # A provincial administrator's view: roles below theirs, no flags, groups or password.
    managed_fieldsets = (
        (None, {"fields": ("email",)}),
        _PERSONAL,
        _ORGANISATION,
        (_("角色"), {"fields": ("is_active", "roles")}),
        _DATES,
    )
    managed_add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
        _ORGANISATION,
        (_("角色"), {"fields": ("roles",)}),
    )

    def _grants_privileges(self, request) -> bool:
        return can(request.user, "accounts.change_privileges_user")

    def get_queryset(self, request):
        return (
            users_manageable_by(request.user)
            .select_related("enterprise", "certification_body", "county")
            .order_by(*self.ordering)
        )

    def get_fieldsets(self, request, obj=None):
        if self._grants_privileges(request):
            return super().get_fieldsets(request, obj)
        return self.managed_add_fieldsets if obj is None else self.managed_fieldsets

    def get_form(self, request, obj=None, **kwargs):
        if not self._grants_privileges(request):
            kwargs["form"] = ManagedUserCreationForm if obj is None else ManagedUserChangeForm
        return super().get_form(request, obj, **kwargs)

    def get_list_filter(self, request):
        if self._grants_privileges(request):
            return self.list_filter
        return ["is_staff", "is_active"]

    def has_module_permission(self, request):
        return request.user.is_superuser or super().has_module_permission(request)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "roles" in form.cleaned_data:
            roles = [Role(value) for value in form.cleaned_data["roles"]]
            services.user_set_roles(user=form.instance, roles=roles, by=request.user)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # An account outside the user's reach is a 404, not a redirect that hints at it.
        raise Http404

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is None:
            raise Http404
        if not can(request.user, "accounts.set_password_user", user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


# Knox's own admin lists digests and shows a new token to whoever adds one in the admin.
admin.site.unregister(AuthToken)


@admin.register(ApiToken)
class ApiTokenAdmin(ObjectPagesFollowListMixin, admin.ModelAdmin):
    """Issued API tokens by prefix, for superusers to see and revoke; none is added here."""

    list_display = ["prefix", "user", "created", "expiry"]
    fields = ["prefix", "user", "created", "expiry"]
    readonly_fields = fields
    search_fields = ["token_key", "user__email"]
    list_select_related = ["user"]

    @admin.display(description=_("令牌前缀"))
    def prefix(self, obj):
        return f"{obj.prefix}…"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
