"""Serializers of the enterprise and officials' API; writes go through the services."""

from rest_framework import serializers

from enterprises.models import AdministrativeDivision, CertificationBody, DivisionLevel
from standards.models import ProductCategory, Standard

from ..enums import DocumentType
from ..models import Application, ApplicationDocument, Product


class ProductSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=ProductCategory.objects.all(), help_text="类别代码"
    )
    site_division = serializers.SlugRelatedField(
        slug_field="code",
        queryset=AdministrativeDivision.objects.filter(level=DivisionLevel.COUNTY),
        help_text="生产地所在县（区）的区划代码",
    )
    enterprise = serializers.SlugRelatedField(slug_field="credit_code", read_only=True)

    class Meta:
        model = Product
        fields = [
            "id",
            "enterprise",
            "name",
            "category",
            "trademark",
            "description",
            "site_address",
            "site_division",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # The (enterprise, name) uniqueness is checked by the service's full_clean().
        validators = []


class DocumentSerializer(serializers.ModelSerializer):
    document_type_display = serializers.CharField(
        source="get_document_type_display", read_only=True
    )

    class Meta:
        model = ApplicationDocument
        fields = [
            "id",
            "document_type",
            "document_type_display",
            "original_name",
            "content_kind",
            "size",
            "round",
            "note",
            "uploaded_at",
        ]


class DocumentUploadSerializer(serializers.Serializer):
    document_type = serializers.ChoiceField(choices=DocumentType.choices)
    file = serializers.FileField(help_text="PDF、JPEG 或 PNG")
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class ApplicationSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    enterprise = serializers.SlugRelatedField(slug_field="credit_code", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)
    standard = serializers.SlugRelatedField(slug_field="code", read_only=True)
    certification_body_name = serializers.CharField(
        source="certification_body.name", read_only=True
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "reference",
            "enterprise",
            "enterprise_name",
            "product",
            "product_name",
            "standard",
            "certification_body",
            "certification_body_name",
            "state",
            "state_display",
            "round",
            "renewal_of",
            "recognised_brands_note",
            "created_at",
            "updated_at",
            "submitted_at",
            "decided_at",
        ]
        read_only_fields = fields


class ApplicationDetailSerializer(ApplicationSerializer):
    documents = DocumentSerializer(many=True, read_only=True)

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "documents"]
        read_only_fields = fields


class ApplicationCreateSerializer(serializers.Serializer):
    """A new draft: one of the user's own products, a published standard, a body."""

    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.none())
    standard = serializers.SlugRelatedField(
        slug_field="code", queryset=Standard.objects.published(), help_text="标准编号"
    )
    certification_body = serializers.PrimaryKeyRelatedField(
        queryset=CertificationBody.objects.all()
    )
    renewal_of = serializers.PrimaryKeyRelatedField(
        queryset=Application.objects.none(), required=False, allow_null=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ..selectors import applications_visible_to, own_products

        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None:
            self.fields["product"].queryset = own_products(user)
            self.fields["renewal_of"].queryset = applications_visible_to(user)


class TransitionSerializer(serializers.Serializer):
    expected_state = serializers.CharField(
        required=False,
        help_text="申请在客户端上显示的状态；若已被他人改变，返回 409 而不执行",
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")
