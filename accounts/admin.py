from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("个人信息"), {"fields": ("full_name", "phone", "email_verified_at")}),
        (_("所属机构"), {"fields": ("enterprise", "certification_body", "county")}),
        (_("角色与权限"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("重要日期"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )

    def has_module_permission(self, request):
        return request.user.is_superuser or super().has_module_permission(request)
