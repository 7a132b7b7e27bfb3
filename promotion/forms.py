"""Forms of the promotion app: the article editor, purchase links, the public filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role

from .enums import ArticleKind
from .models import Article
from .selectors import (
    article_counties,
    counties_for_articles,
    enterprises_for_articles,
    products_for_articles,
)
from .validators import validate_cover, validate_https_url


class CoverFormMixin:
    def clean_cover(self):
        cover = self.cleaned_data.get("cover")
        if cover and hasattr(cover, "content_type"):  # a new upload, not the stored file
            validate_cover(cover)
        return cover


class ArticleForm(CoverFormMixin, forms.ModelForm):
    """The editor's form; the choices are narrowed to what the user may reach."""

    class Meta:
        model = Article
        fields = ["kind", "title", "summary", "body", "cover", "county", "enterprises", "products"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
            "enterprises": forms.SelectMultiple(attrs={"size": 6}),
            "products": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        counties = counties_for_articles(user)
        self.fields["county"].queryset = counties
        if not user.has_role(Role.PROVINCIAL_ADMIN):
            # A county official writes for their county only.
            self.fields["county"].required = True
            self.fields["county"].empty_label = None
            self.fields["county"].initial = counties.first()
        self.fields["enterprises"].queryset = enterprises_for_articles(user)
        self.fields["products"].queryset = products_for_articles(user)
        self.fields["products"].label_from_instance = lambda p: f"{p.name}（{p.enterprise.name}）"


class PurchaseLinkForm(forms.Form):
    platform = forms.CharField(
        label=_("平台名称"), max_length=50, help_text=_("如：京东、天猫、拼多多、企业自营网店。")
    )
    # A CharField, not a URLField: no scheme is assumed, "shop.example.com" is refused.
    url = forms.CharField(
        label=_("网址"),
        max_length=500,
        validators=[validate_https_url],
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )


class ArticleFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("栏目"), required=False, choices=[("", _("全部")), *ArticleKind.choices]
    )
    county = forms.ModelChoiceField(
        label=_("县（区）"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("全部"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = article_counties()
