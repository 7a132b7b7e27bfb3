from urllib.parse import quote

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

    # Lists serialize many rows: to_representation builds each dict directly (the declared
    # fields above still define the schema), with the URLs reversed once per request.
    _SENTINELS = {"id": "987654321", "credit_code": "Z" * 18, "number": "NUMBERSENTINEL"}

    def _url_templates(self) -> dict:
        root = self.root
        templates = getattr(root, "_listing_url_templates", None)
        if templates is None:
            request = self.context.get("request")

            def absolute(name, sentinel):
                path = reverse(name, args=[sentinel])
                return request.build_absolute_uri(path) if request else path

            templates = {
                "url": absolute("api:certified-product-detail", self._SENTINELS["id"]),
                "enterprise_url": absolute("api:enterprise-detail", self._SENTINELS["credit_code"]),
                "verify_url": absolute("certificates:verify", self._SENTINELS["number"]),
            }
            root._listing_url_templates = templates
        return templates

    def to_representation(self, listing):
        urls = self._url_templates()
        sentinels = self._SENTINELS
        data = {
            "id": listing.pk,
            "url": urls["url"].replace(sentinels["id"], str(listing.pk)),
            "number": listing.number,
            "product_name": listing.product_name,
            "category": {"code": listing.category.code, "name": listing.category.name},
            "enterprise_name": listing.enterprise_name,
            "credit_code": listing.credit_code,
            "enterprise_url": urls["enterprise_url"].replace(
                sentinels["credit_code"], listing.credit_code
            ),
            "county": {"code": listing.division.code, "name": listing.division.name},
            "standard_code": listing.standard_code,
            "standard_title": listing.standard_title,
            "body_name": listing.body_name,
            "status": listing.status,
            "status_display": str(listing.get_status_display()),
            "issued_on": listing.issued_on.isoformat(),
            "valid_until": listing.valid_until.isoformat(),
            "updated_at": self.fields["updated_at"].to_representation(listing.updated_at),
            "verify_url": urls["verify_url"].replace(
                sentinels["number"], quote(listing.number, safe="")
            ),
        }
        return {name: data[name] for name in self.Meta.fields}

    @extend_schema_field(serializers.URLField())
    def get_enterprise_url(self, listing) -> str:  # schema only: see to_representation
        return ""

    @extend_schema_field(serializers.URLField())
    def get_verify_url(self, listing) -> str:  # schema only: see to_representation
        return ""


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
