from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Indicator, ProductCategory, Standard


class ProductCategorySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ProductCategory
        fields = ["code", "name", "parent"]


class IndicatorSerializer(serializers.ModelSerializer):
    dimension_display = serializers.CharField(source="get_dimension_display", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "dimension",
            "dimension_display",
            "name",
            "requirement",
            "kind",
            "kind_display",
            "max_score",
        ]


class StandardSerializer(serializers.ModelSerializer):
    """A standard in the catalogue (without its indicators)."""

    type_display = serializers.CharField(source="get_type_display", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    categories = ProductCategorySerializer(many=True, read_only=True)
    proposing_county = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    superseded_by = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:standard-detail")
    full_text_url = serializers.SerializerMethodField()

    class Meta:
        model = Standard
        fields = [
            "id",
            "url",
            "code",
            "title",
            "type",
            "type_display",
            "state",
            "state_display",
            "categories",
            "proposing_organisation",
            "proposing_county",
            "issuing_body",
            "published_on",
            "effective_on",
            "withdrawn_on",
            "superseded_by",
            "pass_score",
            "full_text_url",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_full_text_url(self, standard) -> str | None:
        if not standard.full_text:
            return None
        from django.urls import reverse

        path = reverse("standards:full_text", args=[standard.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class StandardDetailSerializer(StandardSerializer):
    """A standard with its indicators, in the customary order of the dimensions."""

    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta(StandardSerializer.Meta):
        fields = [*StandardSerializer.Meta.fields, "indicators", "notes"]
