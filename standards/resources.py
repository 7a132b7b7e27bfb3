"""Indicators to and from Excel (django-import-export), with Chinese column headers.

A row is matched to an existing indicator by standard code and indicator name, so a
re-import updates rather than duplicates. Rows for a standard that is no longer editable
(published, withdrawn, superseded) are refused by `Indicator.clean`.
"""

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .enums import Dimension, IndicatorKind
from .models import Indicator, Standard
from .validators import normalize_code


class ChoiceLabelWidget(widgets.Widget):
    """Shows a choice by its Chinese label; reads the label or the stored value."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        for choice in self.choices:
            if text in (choice.value, str(choice.label)):
                return choice.value
        raise ValueError(
            _("“%(value)s”不是可选值，可选：%(choices)s")
            % {"value": text, "choices": "、".join(str(c.label) for c in self.choices)}
        )

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class StandardCodeWidget(widgets.ForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(Standard, field="code", **kwargs)

    def clean(self, value, row=None, **kwargs):
        code = normalize_code(str(value or ""))
        if not code:
            raise ValueError(_("缺少标准编号。"))
        try:
            return Standard.objects.get(code=code)
        except Standard.DoesNotExist:
            raise ValueError(_("标准编号“%(code)s”不存在。") % {"code": code}) from None


class IndicatorResource(resources.ModelResource):
    standard = fields.Field(
        attribute="standard", column_name="标准编号", widget=StandardCodeWidget()
    )
    dimension = fields.Field(
        attribute="dimension", column_name="评价维度", widget=ChoiceLabelWidget(Dimension)
    )
    name = fields.Field(attribute="name", column_name="指标名称")
    requirement = fields.Field(attribute="requirement", column_name="指标要求")
    kind = fields.Field(
        attribute="kind", column_name="指标类型", widget=ChoiceLabelWidget(IndicatorKind)
    )
    max_score = fields.Field(
        attribute="max_score", column_name="满分", widget=widgets.DecimalWidget()
    )
    sort_order = fields.Field(
        attribute="sort_order", column_name="排序", widget=widgets.IntegerWidget(), default=0
    )

    class Meta:
        model = Indicator
        fields = ["standard", "dimension", "name", "requirement", "kind", "max_score", "sort_order"]
        import_id_fields = ["standard", "name"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
