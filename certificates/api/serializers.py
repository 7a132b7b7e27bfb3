from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..enums import SignatureCheck
from ..models import Certificate
from ..signing import signature_valid


class CertificateSerializer(serializers.ModelSerializer):
    """The public facts of a certificate and its live status."""

    status_display = serializers.CharField(source="get_status_display", read_only=True)
    status_changed_on = serializers.SerializerMethodField()
    status_reason = serializers.SerializerMethodField()
    replaced_by = serializers.SlugRelatedField(slug_field="number", read_only=True)
    signature = serializers.SerializerMethodField()
    as_of = serializers.SerializerMethodField()
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "number",
            "status",
            "status_display",
            "status_changed_on",
            "status_reason",
            "enterprise_name",
            "credit_code",
            "product_name",
            "scope",
            "site_address",
            "standard_code",
            "standard_title",
            "body_name",
            "issued_on",
            "valid_until",
            "replaced_by",
            "signature",
            "as_of",
            "verify_url",
        ]

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_status_changed_on(self, certificate):
        changed = certificate.status_changed_at
        return timezone.localdate(changed).isoformat() if changed else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_status_reason(self, certificate):
        # Reasons are public for suspension and revocation only.
        return certificate.status_reason if certificate.shows_reason else None

    @extend_schema_field(serializers.ChoiceField(choices=SignatureCheck.choices))
    def get_signature(self, certificate) -> str:
        request = self.context.get("request")
        signature = request.query_params.get("s") if request else None
        if signature is None:
            return SignatureCheck.ABSENT
        if signature_valid(certificate.number, signature):
            return SignatureCheck.VALID
        return SignatureCheck.INVALID

    @extend_schema_field(serializers.DateTimeField())
    def get_as_of(self, certificate) -> str:
        return timezone.localtime().isoformat()

    @extend_schema_field(serializers.URLField())
    def get_verify_url(self, certificate) -> str:
        path = reverse("certificates:verify", args=[certificate.number])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
