from urllib.parse import quote

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from certificates.enums import CertificateStatus
from enterprises.models import AdministrativeDivision, Enterprise
from standards.models import ProductCategory

from ..models import Listing

# Building a ModelSerializer's fields costs milliseconds: rows use these directly.
_DATETIME = serializers.DateTimeField()


# What a listing row is read as: lists fetch these with values() (no model instances).
LISTING_VALUES = (
    "id",
    "number",
    "product_name",
    "category__code",
    "category__name",
    "enterprise_name",
    "credit_code",
    "division__code",
    "division__name",
    "standard_code",
    "standard_title",
    "body_name",
    "status",
    "issued_on",
    "valid_until",
    "updated_at",
)


def listing_row(listing) -> dict:
    """A Listing instance (with category and division loaded) as a values() row."""
    row = {}
    for name in LISTING_VALUES:
        value = listing
        for part in name.split("__"):
            value = getattr(value, part)
        row[name] = value
    return row


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
                "status_labels": {value: str(label) for value, label in CertificateStatus.choices},
                "url": absolute("api:certified-product-detail", self._SENTINELS["id"]),
                "enterprise_url": absolute("api:enterprise-detail", self._SENTINELS["credit_code"]),
                "verify_url": absolute("certificates:verify", self._SENTINELS["number"]),
            }
            root._listing_url_templates = templates
        return templates

    def to_representation(self, listing):
        row = listing if isinstance(listing, dict) else listing_row(listing)
        urls = self._url_templates()
        sentinels = self._SENTINELS
        data = {
            "id": row["id"],
            "url": urls["url"].replace(sentinels["id"], str(row["id"])),
            "number": row["number"],
            "product_name": row["product_name"],
            "category": {"code": row["category__code"], "name": row["category__name"]},
            "enterprise_name": row["enterprise_name"],
            "credit_code": row["credit_code"],
            "enterprise_url": urls["enterprise_url"].replace(
                sentinels["credit_code"], row["credit_code"]
            ),
            "county": {"code": row["division__code"], "name": row["division__name"]},
            "standard_code": row["standard_code"],
            "standard_title": row["standard_title"],
            "body_name": row["body_name"],
            "status": row["status"],
            "status_display": urls["status_labels"].get(row["status"], row["status"]),
            "issued_on": row["issued_on"].isoformat(),
            "valid_until": row["valid_until"].isoformat(),
            "updated_at": _DATETIME.to_representation(row["updated_at"]),
            "verify_url": urls["verify_url"].replace(
                sentinels["number"], quote(row["number"], safe="")
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
