from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import InfringementCase, Sanction, SpotCheck, SpotCheckPlan
from ..selectors import CASE_PUBLIC_FIELDS, public_plan_checks


class InfringementCaseSerializer(serializers.ModelSerializer):
    """A confirmed infringement case, public fields only (for 信用中国(江西))."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = InfringementCase
        fields = ["reference", *CASE_PUBLIC_FIELDS, "kind_display"]
        read_only_fields = fields


# Column order of the CSV feed; headers are the field names (machine-readable).
CSV_COLUMNS = InfringementCaseSerializer.Meta.fields


class SanctionSerializer(serializers.ModelSerializer):
    certificate = serializers.SlugRelatedField(slug_field="number", read_only=True)
    action_display = serializers.CharField(source="get_action_display", read_only=True)
    reason_code_display = serializers.CharField(source="get_reason_code_display", read_only=True)
    decided_on = serializers.SerializerMethodField()

    class Meta:
        model = Sanction
        fields = [
            "certificate",
            "action",
            "action_display",
            "reason_code",
            "reason_code_display",
            "reason_text",
            "decided_on",
        ]

    def get_decided_on(self, sanction) -> str:
        return timezone.localdate(sanction.decided_at).isoformat()


class SpotCheckResultSerializer(serializers.ModelSerializer):
    """One inspected enterprise of a closed plan: public facts only (no findings, no
    inspectors, no evidence)."""

    enterprise_name = serializers.CharField(source="enterprise.name")
    credit_code = serializers.CharField(source="enterprise.credit_code")
    certificates = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    result_display = serializers.CharField(source="get_result_display", read_only=True)
    sanctions = SanctionSerializer(many=True, read_only=True)

    class Meta:
        model = SpotCheck
        fields = [
            "position",
            "enterprise_name",
            "credit_code",
            "certificates",
            "checked_on",
            "result",
            "result_display",
            "rectification_deadline",
            "rectified_on",
            "sanctions",
        ]


class SpotCheckPlanSerializer(serializers.ModelSerializer):
    """A closed plan: scope, the draw's commitments (to re-run it) and the results."""

    county = serializers.CharField(source="county.name", default=None)
    category = serializers.CharField(source="category.name", default=None)
    standard = serializers.CharField(source="standard.code", default=None)
    seed = serializers.CharField(source="revealed_seed")
    checks = serializers.SerializerMethodField()

    class Meta:
        model = SpotCheckPlan
        fields = [
            "id",
            "title",
            "county",
            "category",
            "standard",
            "enterprise_count",
            "inspectors_per_check",
            "seed_hash",
            "seed",
            "pool_hash",
            "drawn_at",
            "closed_at",
            "checks",
        ]

    @extend_schema_field(SpotCheckResultSerializer(many=True))
    def get_checks(self, plan):
        return SpotCheckResultSerializer(public_plan_checks(plan), many=True).data
