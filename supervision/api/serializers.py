from rest_framework import serializers

from ..models import InfringementCase
from ..selectors import CASE_PUBLIC_FIELDS


class InfringementCaseSerializer(serializers.ModelSerializer):
    """A confirmed infringement case, public fields only (for 信用中国(江西))."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = InfringementCase
        fields = ["reference", *CASE_PUBLIC_FIELDS, "kind_display"]
        read_only_fields = fields


# Column order of the CSV feed; headers are the field names (machine-readable).
CSV_COLUMNS = InfringementCaseSerializer.Meta.fields
