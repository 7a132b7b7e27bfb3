from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from enterprises.models import AdministrativeDivision, Enterprise
from standards.models import ProductCategory

from ..models import Listing


class CountySerializer(serializers.ModelSerializer):
    class Meta:
        model = AdministrativeDivision
        fields = ["code", "name"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductCategory
        fields = ["code", "name"]


class CertifiedProductSerializer(serializers.ModelSerializer):
    """A certified product: the facts printed on its certificate and the live status."""

    url = serializers.HyperlinkedIdentityField(view_name="api:certified-product-detail")
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    category = CategorySerializer(read_only=True)
    county = CountySerializer(source="division", read_only=True)
    enterprise_url = serializers.SerializerMethodField()
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = Listing
        fields = [
            "id",
            "url",
            "number",
            "product_name",
            "category",
            "enterprise_name",
            "credit_code",
            "enterprise_url",
            "county",
            "standard_code",
            "standard_title",
            "body_name",
            "status",
            "status_display",
            "issued_on",
            "valid_until",
            "updated_at",
            "verify_url",
        ]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(serializers.URLField())
    def get_enterprise_url(self, listing) -> str:
        return self._absolute(reverse("api:enterprise-detail", args=[listing.credit_code]))

    @extend_schema_field(serializers.URLField())
    def get_verify_url(self, listing) -> str:
        return self._absolute(reverse("certificates:verify", args=[listing.number]))


class EnterpriseListingSerializer(CertifiedProductSerializer):
    class Meta(CertifiedProductSerializer.Meta):
        fields = [
            name
            for name in CertifiedProductSerializer.Meta.fields
            if name not in {"enterprise_name", "credit_code", "enterprise_url", "county"}
        ]


class EnterpriseProfileSerializer(serializers.ModelSerializer):
    """An enterprise's public profile: no contact person, phone or address."""

    county = CountySerializer(source="division", read_only=True)
    industry_display = serializers.CharField(source="get_industry_display", read_only=True)
    certified_products = EnterpriseListingSerializer(source="listings", many=True, read_only=True)

    class Meta:
        model = Enterprise
        fields = [
            "credit_code",
            "name",
            "county",
            "industry",
            "industry_display",
            "certified_products",
        ]
