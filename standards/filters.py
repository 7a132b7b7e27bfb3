"""The catalogue's filters, shared by the public pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .enums import PUBLIC_STATES, StandardType
from .models import ProductCategory, Standard


@extend_schema_field(OpenApiTypes.STR)
class CategoryFilter(django_filters.ModelChoiceFilter):
    """A category by its code (selenium_citrus); a string in the API's schema."""


class StandardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("编号或名称"), method="filter_search", help_text=_("按标准编号或名称搜索")
    )
    type = django_filters.ChoiceFilter(
        label=_("标准类型"), choices=StandardType.choices, empty_label=_("全部")
    )
    state = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[(state.value, state.label) for state in PUBLIC_STATES],
        empty_label=_("全部"),
    )
    category = CategoryFilter(
        label=_("产品类别"),
        queryset=ProductCategory.objects.select_related("parent"),
        to_field_name="code",
        empty_label=_("全部"),
        method="filter_category",
        help_text=_("类别代码，如 selenium_citrus；上级类别包含其下各类别"),
    )

    class Meta:
        model = Standard
        fields = ["q", "type", "state", "category"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value))

    def filter_category(self, queryset, name, category):
        if category is None:
            return queryset
        # A parent category (农业) matches standards for any of its children (富硒柑橘).
        return queryset.filter(Q(categories=category) | Q(categories__parent=category)).distinct()
