from django import forms

from .models import AdministrativeDivision, DivisionLevel, Enterprise
from .validators import normalize_credit_code


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "name",
            "credit_code",
            "division",
            "industry",
            "address",
            "contact_name",
            "contact_phone",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = AdministrativeDivision.objects.filter(
            level=DivisionLevel.COUNTY
        ).select_related("parent")
        self.fields["credit_code"].widget.attrs.update(
            {"maxlength": 18, "autocomplete": "off", "class": "uppercase"}
        )

    def clean_credit_code(self):
        return normalize_credit_code(self.cleaned_data["credit_code"])
