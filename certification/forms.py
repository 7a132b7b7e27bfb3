"""Forms of the enterprise's certification pages; writes go through the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from brandportal.files import IMAGE_KINDS, validate_upload
from enterprises.models import AdministrativeDivision, CertificationBody, DivisionLevel
from standards.models import ProductCategory, Standard

from .enums import DocumentType
from .models import Product


class ProductForm(forms.ModelForm):
    photo = forms.FileField(
        label=_("产品照片"), required=False, help_text=_("可选，JPEG、PNG 或 WebP，不超过 20 MB。")
    )
    photo_caption = forms.CharField(label=_("照片说明"), max_length=100, required=False)

    class Meta:
        model = Product
        fields = ["name", "category", "trademark", "description", "site_address", "site_division"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ProductCategory.objects.filter(
            parent__isnull=False
        ).select_related("parent")
        self.fields["site_division"].queryset = AdministrativeDivision.objects.filter(
            level=DivisionLevel.COUNTY
        )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            validate_upload(photo, allowed=IMAGE_KINDS)
        return photo

    def validate_unique(self):
        # The enterprise is set by the service; check the per-enterprise name here so
        # the error shows next to the name field.
        super().validate_unique()
        name = self.cleaned_data.get("name")
        enterprise_id = getattr(self, "enterprise_id", None) or self.instance.enterprise_id
        if name and enterprise_id:
            clash = Product.objects.filter(enterprise_id=enterprise_id, name=name).exclude(
                pk=self.instance.pk
            )
            if clash.exists():
                self.add_error("name", _("本企业已有同名产品。"))


class ApplicationForm(forms.Form):
    """A new application: one of the enterprise's products, a published standard, a body."""

    product = forms.ModelChoiceField(label=_("产品"), queryset=Product.objects.none())
    standard = forms.ModelChoiceField(label=_("依据标准"), queryset=Standard.objects.published())
    certification_body = forms.ModelChoiceField(
        label=_("第三方评价机构"), queryset=CertificationBody.objects.filter(is_accredited=True)
    )
    recognised_brands_note = forms.CharField(
        label=_("已获互认品牌说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("如已获“圳品”等互认品牌认证，请注明。"),
    )

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products


class ApplicationEditForm(forms.Form):
    standard = forms.ModelChoiceField(label=_("依据标准"), queryset=Standard.objects.published())
    certification_body = forms.ModelChoiceField(
        label=_("第三方评价机构"), queryset=CertificationBody.objects.filter(is_accredited=True)
    )
    recognised_brands_note = forms.CharField(
        label=_("已获互认品牌说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, draft: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not draft:  # after submission only the note may change
            del self.fields["standard"]
            del self.fields["certification_body"]


class DocumentUploadForm(forms.Form):
    document_type = forms.ChoiceField(label=_("材料类型"), choices=DocumentType.choices)
    file = forms.FileField(label=_("文件"), help_text=_("PDF、JPEG 或 PNG，不超过 20 MB。"))
    note = forms.CharField(label=_("备注"), max_length=255, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            validate_upload(upload)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return upload


class TransitionForm(forms.Form):
    """An action button's POST: the action, the state the page showed, and a comment."""

    action = forms.CharField()
    expected_state = forms.CharField()
    comment = forms.CharField(required=False, max_length=2000)
