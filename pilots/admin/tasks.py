"""Admin of the task tables: county tasks and provincial key tasks, with their updates.

Status and progress change only through a new dated update posted with the service,
never by editing the task.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.formats import base_formats

from accounts.roles import Role
from accounts.rules import can
from brandportal.admin import PortalImportExportModelAdmin, ReadOnlyInline
from enterprises.admin import RulesAdminMixin

from ..models import PilotTask, PilotTaskUpdate, ProvincialTask, ProvincialTaskUpdate
from ..resources import PilotTaskResource
from ..selectors import pilot_tasks_visible_to, provincial_tasks_visible_to
from ..services import check_update_values, pilot_task_post_update, provincial_task_post_update


class OverdueFilter(admin.SimpleListFilter):
    title = _("是否逾期")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("已逾期")), ("no", _("未逾期"))]

    def queryset(self, request, queryset):
        overdue = queryset.overdue()
        if self.value() == "yes":
            return overdue
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


class UpdateHistoryInline(ReadOnlyInline):
    """The dated updates of a task, read only: updates are never edited."""

    fields = ["created_at", "author", "text", "status", "progress", "attachment_link"]
    verbose_name_plural = _("进展记录")

    @admin.display(description=_("附件"))
    def attachment_link(self, update):
        if not update.attachment:
            return "—"
        opts = update.task._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_attachment",
            args=[update.task_id, update.pk],
        )
        return format_html('<a href="{}">{}</a>', url, update.attachment_display_name)


class NewUpdateForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        task = self.instance.task
        check_update_values(task, cleaned.get("status") or None, cleaned.get("progress"))
        return cleaned


class NewUpdateInline(admin.StackedInline):
    """One blank form to post a new update; saved through the service."""

    form = NewUpdateForm
    fields = ["text", "status", "progress", "attachment"]
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = _("填报新进展")
    verbose_name_plural = _("填报新进展")
    update_permission = None  # the rule asked with the task

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_add_permission(self, request, obj=None):
        return obj is not None and request.user.has_perm(self.update_permission, obj)

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


class TaskAdminMixin:
    """What both task admins share: updates through the service, attachment downloads."""

    post_update = None  # the service that posts an update
    update_model = None

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        # Write only the edited fields, so that a save never puts back a status or
        # progress that an update posted in the meantime has moved.
        concrete = {f.name for f in obj._meta.concrete_fields}
        fields = [name for name in form.changed_data if name in concrete]
        if fields:
            obj.save(update_fields=fields)
        return None

    def save_formset(self, request, form, formset, change):
        if formset.model is not self.update_model:
            return super().save_formset(request, form, formset, change)
        # The admin's change message reads what a formset's save() would have set.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for update_form in formset.forms:
            if not update_form.has_changed() or not update_form.cleaned_data.get("text"):
                continue
            data = update_form.cleaned_data
            try:
                update = self.post_update(
                    task=formset.instance,
                    user=request.user,
                    text=data["text"],
                    status=data.get("status") or None,
                    progress=data.get("progress"),
                    attachment=data.get("attachment"),
                )
            except ValidationError as error:
                self.message_user(request, "；".join(error.messages), messages.ERROR)
            else:
                formset.new_objects.append(update)
        return None

    def visible_tasks(self, request):
        return self.get_queryset(request)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/updates/<int:update_id>/attachment/",
                self.admin_site.admin_view(self.attachment_view),
                name=f"{opts.app_label}_{opts.model_name}_attachment",
            ),
            *super().get_urls(),
        ]

    def attachment_view(self, request, object_id, update_id):
        task = get_object_or_404(self.visible_tasks(request), pk=object_id)
        update = get_object_or_404(task.updates.exclude(attachment=""), pk=update_id)
        try:
            file = update.attachment.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(file, as_attachment=True, filename=update.attachment_display_name)


class PilotTaskHistoryInline(UpdateHistoryInline):
    model = PilotTaskUpdate


class PilotTaskNewUpdateInline(NewUpdateInline):
    model = PilotTaskUpdate
    update_permission = "pilots.post_update_pilottask"


@admin.register(PilotTask)
class PilotTaskAdmin(TaskAdminMixin, RulesAdminMixin, PortalImportExportModelAdmin):
    """County tasks; the task table is imported from and exported to Excel here
    (provincial administrators import; whoever sees tasks exports them)."""

    post_update = staticmethod(pilot_task_post_update)
    update_model = PilotTaskUpdate
    resource_classes = [PilotTaskResource]
    import_formats = [base_formats.XLSX]
    export_formats = [base_formats.XLSX]
    list_display = [
        "number_display",
        "short_content",
        "county",
        "kind",
        "status",
        "progress",
        "deadline_display",
        "is_overdue",
    ]
    list_display_links = ["number_display", "short_content"]
    list_filter = [
        ("county", admin.RelatedOnlyFieldListFilter),
        "kind",
        "status",
        OverdueFilter,
        ("responsible_units", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "title",
        "content",
        "lead_units__name",
        "responsible_units__name",
        "responsible_units_text",
    ]
    autocomplete_fields = ["county", "lead_units", "responsible_units"]
    inlines = [PilotTaskHistoryInline, PilotTaskNewUpdateInline]
    fields = [
        "county",
        "kind",
        "number",
        "title",
        "content",
        "lead_units",
        "lead_units_text",
        "responsible_units",
        "responsible_units_text",
        "deadline",
        "status",
        "progress",
    ]

    def get_queryset(self, request):
        return pilot_tasks_visible_to(request.user)

    def has_import_permission(self, request):
        return can(request.user, "pilots.add_pilottask")

    def has_export_permission(self, request):
        return can(request.user, "pilots.view_pilottask")

    def get_import_data_kwargs(self, **kwargs):
        # A file imports whole or not at all: a row failing validation rolls back all.
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["status", "progress"]
        if request.user.has_role(Role.PROVINCIAL_ADMIN):
            return ["status", "progress"]
        # County officials keep their deadlines and report progress; the task table
        # itself is the county's approved plan.
        return [field for field in self.fields if field != "deadline"]

    @admin.display(description=_("序号"), ordering="number")
    def number_display(self, task):
        return task.number_display

    @admin.display(description=_("工作内容"))
    def short_content(self, task):
        text = task.title or task.content
        return text if len(text) <= 40 else f"{text[:40]}…"

    @admin.display(description=_("完成时限"), ordering="deadline")
    def deadline_display(self, task):
        return task.deadline_display


class ProvincialTaskHistoryInline(UpdateHistoryInline):
    model = ProvincialTaskUpdate


class ProvincialTaskNewUpdateInline(NewUpdateInline):
    model = ProvincialTaskUpdate
    update_permission = "pilots.post_update_provincialtask"


@admin.register(ProvincialTask)
class ProvincialTaskAdmin(TaskAdminMixin, RulesAdminMixin, admin.ModelAdmin):
    post_update = staticmethod(provincial_task_post_update)
    update_model = ProvincialTaskUpdate
    list_display = [
        "number",
        "short_content",
        "section_display",
        "deadline_display",
        "status",
        "progress",
        "is_overdue",
    ]
    list_display_links = ["number", "short_content"]
    list_filter = ["part", "section", "status", OverdueFilter, "responsible_units"]
    search_fields = ["content", "responsible_units__name", "responsible_units_text"]
    autocomplete_fields = ["responsible_units"]
    inlines = [ProvincialTaskHistoryInline, ProvincialTaskNewUpdateInline]
    fields = [
        "number",
        "part",
        "section",
        "content",
        "deadline",
        "responsible_units",
        "responsible_units_text",
        "status",
        "progress",
    ]
    readonly_fields = ["status", "progress"]

    def get_queryset(self, request):
        return provincial_tasks_visible_to(request.user)

    @admin.display(description=_("工作内容"))
    def short_content(self, task):
        return task.content if len(task.content) <= 40 else f"{task.content[:40]}…"

    @admin.display(description=_("分项"), ordering="section")
    def section_display(self, task):
        return task.section or task.part

    @admin.display(description=_("完成时限"), ordering="deadline")
    def deadline_display(self, task):
        return task.deadline_display
