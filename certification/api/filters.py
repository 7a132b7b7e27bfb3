import django_filters
from django.utils.translation import gettext_lazy as _

from ..enums import ApplicationState
from ..models import Application


class ApplicationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=_("状态"), choices=ApplicationState.choices)
    updated_since = django_filters.IsoDateTimeFilter(
        label=_("更新时间不早于"), field_name="updated_at", lookup_expr="gte"
    )

    class Meta:
        model = Application
        fields = ["state", "updated_since"]
