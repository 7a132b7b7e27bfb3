from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.exceptions import NotFound

from brandportal.api import error_responses

from .. import services
from ..selectors import certificate_by_number
from ..throttling import CertificateLookupThrottle
from .serializers import CertificateSerializer


class CertificateViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Public certificate verification by number (no list: numbers are not enumerable)."""

    serializer_class = CertificateSerializer
    permission_classes = [permissions.AllowAny]
    throttle_classes = [CertificateLookupThrottle]
    lookup_field = "number"
    lookup_value_regex = "[^/]+"
    pagination_class = None
    filter_backends = []

    def get_object(self):
        certificate = certificate_by_number(self.kwargs["number"])
        if certificate is None:
            raise NotFound(_("未查到该证书"))
        services.certificate_record_lookup(certificate=certificate)
        return certificate

    @extend_schema(
        summary="证书查验",
        description=(
            "The live status and the facts of a certificate. `s` is the signature the QR "
            "code carries; `signature` in the answer says whether it is valid."
        ),
        parameters=[
            OpenApiParameter("s", OpenApiTypes.STR, description="QR signature", required=False)
        ],
        responses={200: CertificateSerializer, **error_responses(404, 429)},
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
