from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import InfringementKind
from .models import RecognisedBrand


class CaseReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("侵权类型"), choices=InfringementKind.choices)
    party_name = forms.CharField(
        label=_("涉事主体"), max_length=200, help_text=_("商家、企业或个人的名称。")
    )
    place = forms.CharField(
        label=_("发现地点"), max_length=255, help_text=_("店铺地址、市场摊位或网店链接。")
    )
    description = forms.CharField(
        label=_("情况描述"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    certificate_number = forms.CharField(
        label=_("涉及证书编号（可选）"), max_length=60, required=False
    )
    reporter_contact = forms.CharField(
        label=_("联系方式（可选）"),
        max_length=100,
        required=False,
        help_text=_("仅供核实情况，不会公开。"),
    )
    evidence = forms.FileField(
        label=_("证据文件（可选）"),
        required=False,
        help_text=_("照片或扫描件：PDF、JPEG 或 PNG，不超过 20 MB。"),
    )


class CitationForm(forms.Form):
    brand = forms.ModelChoiceField(
        label=_("互认品牌"), queryset=RecognisedBrand.objects.filter(is_active=True)
    )
    number = forms.CharField(label=_("证书编号"), max_length=60)
    valid_until = forms.DateField(
        label=_("有效期至"), widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(
        label=_("证书扫描件（可选）"),
        required=False,
        help_text=_("PDF、JPEG 或 PNG，不超过 20 MB。"),
    )
