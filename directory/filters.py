"""The directory's filters, one FilterSet shared by the public pages and the API."""

import copy

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from certificates.enums import CertificateStatus
from enterprises.models import CertificationBody
from standards.models import Standard

from . import reference
from .models import Listing

ALL = "all"


class ShallowCopy:
    """FilterSet deep-copies its filters for every request, querysets and all; these hold
    nothing a request changes (it sets `parent` and `model` on its own copy), so a shallow
    copy does, at a fraction of the cost."""

    def __deepcopy__(self, memo):
        new = copy.copy(self)
        if getattr(self, "_method", None):
            new.method = self._method  # binds a FilterMethod to the copy, not the original
        return new


class SearchFilter(ShallowCopy, django_filters.CharFilter):
    pass


class StatusFilter(ShallowCopy, django_filters.ChoiceFilter):
    pass


class SinceFilter(ShallowCopy, django_filters.IsoDateTimeFilter):
    pass


@extend_schema_field(OpenApiTypes.STR)
class CodeFilter(ShallowCopy, django_filters.ModelChoiceFilter):
    """An object by its code (a standard's T/JXGE 001-2024)."""


@extend_schema_field(OpenApiTypes.STR)
class ReferenceCodeFilter(ShallowCopy, django_filters.ChoiceFilter):
    """A county's or category's code, validated against the in-memory reference tables."""


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(ShallowCopy, django_filters.ModelChoiceFilter):
    """An object by its id."""


class ListingFilter(django_filters.FilterSet):
    q = SearchFilter(
        label=_("产品、企业或证书编号"),
        method="filter_search",
        help_text=_("按产品名称、企业名称或证书编号搜索"),
    )
    county = ReferenceCodeFilter(
        label=_("县（区）"),
        choices=reference.county_choices,
        empty_label=_("全部"),
        method="filter_county",
        help_text=_("行政区划代码，如 360734（寻乌县）"),
    )
    category = ReferenceCodeFilter(
        label=_("产品类别"),
        choices=reference.category_choices,
        empty_label=_("全部"),
        method="filter_category",
        help_text=_("类别代码，如 selenium_citrus；上级类别包含其下各类别"),
    )
    standard = CodeFilter(
        label=_("依据标准"),
        queryset=Standard.objects.public(),
        to_field_name="code",
        empty_label=_("全部"),
        help_text=_("标准编号，如 T/JXGE 001-2024"),
    )
    certification_body = IdFilter(
        label=_("认证机构"),
        queryset=CertificationBody.objects.all(),
        empty_label=_("全部"),
        help_text=_("认证机构编号"),
    )
    status = StatusFilter(
        label=_("证书状态"),
        choices=[*CertificateStatus.choices, (ALL, _("全部"))],
        empty_label=_("有效（默认）"),
        method="filter_status",
        help_text=_("默认只列有效证书（带 updated_since 时默认全部）；all 为全部状态"),
    )
    updated_since = SinceFilter(
        label=_("更新时间不早于"),
        field_name="updated_at",
        lookup_expr="gte",
        help_text=_("ISO 8601 时间，如 2026-01-01T00:00:00+08:00，用于增量同步"),
    )

    class Meta:
        model = Listing
        fields = ["q", "county", "category", "standard", "certification_body", "status"]

    def get_form_class(self):
        # django-filter builds a new form class per request; its fields never differ (the
        # form deep-copies them per instance anyway), so build it once per FilterSet.
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class = form_class
        return form_class

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        # The public sees valid certificates unless it asks; a syncing client (with
        # updated_since) must also learn of suspensions and revocations.
        if not data.get("status") and data.get("updated_since") is None:
            queryset = queryset.filter(status=CertificateStatus.VALID)
        return queryset

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(product_name__icontains=value)
            | Q(enterprise_name__icontains=value)
            | Q(number__icontains=value)
            | Q(credit_code__iexact=value)
        )

    def filter_county(self, queryset, name, code: str):
        return queryset.filter(division_id=reference.county_ids()[code])

    def filter_category(self, queryset, name, code: str):
        # A parent category (农业) matches its children (富硒柑橘).
        return queryset.filter(category_id__in=reference.category_ids_within()[code])

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(status=value)


class ListingPageFilter(ListingFilter):
    """The page adds sorting; the API keeps the cursor's (updated_at, id) order."""

    sort = django_filters.OrderingFilter(
        label=_("排序"),
        fields=(
            ("updated_at", "updated"),
            ("product_name", "product"),
            ("enterprise_name", "enterprise"),
            ("issued_on", "issued"),
            ("valid_until", "valid_until"),
        ),
        field_labels={
            "updated": _("更新时间"),
            "product": _("产品名称"),
            "enterprise": _("企业名称"),
            "issued": _("发证日期"),
            "valid_until": _("有效期至"),
        },
        empty_label=_("默认（最近更新）"),
    )
