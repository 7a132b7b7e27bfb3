"""Admin of news and cases, cultivation lists and purchase links.

County officials are staff: they see and edit only their own county's articles and
cultivation entries (the selectors are the querysets, the choices are narrowed, and a
saved article keeps their county). Publishing goes through the services (actions).
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from enterprises.admin import RulesAdminMixin

from . import services
from .forms import CoverFormMixin
from .models import Article, CultivationEntry, PurchaseLink
from .selectors import (
    articles_editable_by,
    counties_for_articles,
    cultivation_entries_visible_to,
    enterprises_for_articles,
    products_for_articles,
)


class ArticleAdminForm(CoverFormMixin, forms.ModelForm):
    class Meta:
        model = Article
        fields = ["kind", "title", "summary", "body", "cover", "county", "enterprises", "products"]


@admin.register(Article)
class ArticleAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "county", "status", "published_at", "updated_at"]
    list_filter = ["kind", "status", "county"]
    search_fields = ["title", "summary"]
    readonly_fields = ["status", "published_at", "author", "created_at", "updated_at"]
    fields = [
        "kind",
        "title",
        "summary",
        "body",
        "cover",
        "county",
        "enterprises",
        "products",
        *readonly_fields,
    ]
    actions = ["publish", "unpublish"]

    def get_queryset(self, request):
        return articles_editable_by(request.user)

    form = ArticleAdminForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "county":
            kwargs["queryset"] = counties_for_articles(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "enterprises":
            kwargs["queryset"] = enterprises_for_articles(request.user)
        elif db_field.name == "products":
            kwargs["queryset"] = products_for_articles(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        if not request.user.has_role(Role.PROVINCIAL_ADMIN):
            obj.county = request.user.county  # a county official writes for their county
        super().save_model(request, obj, form, change)

    @admin.action(description=_("发布所选文章"))
    def publish(self, request, queryset):
        for article in queryset:
            services.article_publish(user=request.user, article=article)
        messages.success(request, _("已发布。"))

    @admin.action(description=_("撤回所选文章为草稿"))
    def unpublish(self, request, queryset):
        for article in queryset:
            services.article_unpublish(user=request.user, article=article)
        messages.success(request, _("已撤回为草稿。"))


@admin.register(CultivationEntry)
class CultivationEntryAdmin(RulesAdminMixin, admin.ModelAdmin):
    list_display = ["year", "county", "enterprise", "product", "sector", "target", "target_date"]
    list_filter = ["year", "county", "sector"]
    search_fields = ["enterprise__name", "product__name", "target"]
    autocomplete_fields = ["enterprise"]

    def get_queryset(self, request):
        return cultivation_entries_visible_to(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "county":
            kwargs["queryset"] = counties_for_articles(request.user)
        elif db_field.name == "enterprise":
            kwargs["queryset"] = enterprises_for_articles(request.user)
        elif db_field.name == "product":
            from certification.models import Product

            kwargs["queryset"] = Product.objects.filter(
                enterprise__in=enterprises_for_articles(request.user)
            ).select_related("enterprise")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(PurchaseLink)
class PurchaseLinkAdmin(RulesAdminMixin, admin.ModelAdmin):
    """For provincial administrators to remove an improper link; enterprises add them."""

    list_display = ["product", "platform", "url", "created_at"]
    search_fields = ["product__name", "platform", "url"]
    readonly_fields = ["product", "platform", "url", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False
