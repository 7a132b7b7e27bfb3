from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import NUMBER_PATTERN, normalize_number


class VerifyForm(forms.Form):
    number = forms.CharField(
        label=_("证书编号"),
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "JXGE-2026-360734-0001"}),
    )

    def clean_number(self):
        # The number becomes a path segment of the verification page: a "/" or a space
        # inside could not be put in its URL.
        number = normalize_number(self.cleaned_data["number"])
        if not NUMBER_PATTERN.match(number):
            raise forms.ValidationError(
                _("证书编号由字母、数字和连字符组成，如 JXGE-2026-360734-0001。"), code="invalid"
            )
        return number


class FakeReportForm(forms.Form):
    certificate_number = forms.CharField(label=_("证书编号"), max_length=60)
    description = forms.CharField(
        label=_("情况描述"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("在何处见到、涉及的产品或商家、可疑之处。"),
    )
    contact = forms.CharField(
        label=_("联系方式"), max_length=100, help_text=_("电话或电子邮箱，便于核实情况。")
    )
    evidence = forms.FileField(
        label=_("证据文件（可选）"),
        required=False,
        help_text=_("照片或扫描件：PDF、JPEG 或 PNG，不超过 20 MB。"),
    )
