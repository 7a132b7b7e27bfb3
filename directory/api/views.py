from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets
from rest_framework.exceptions import NotFound

from brandportal.api import (
    CONDITIONAL_PARAMETERS,
    NOT_MODIFIED,
    TOKEN_FIRST,
    ConditionalListMixin,
    KeysetPagination,
    error_responses,
)
from certificates.selectors import normalize_number

from ..filters import ListingFilter
from ..selectors import listed_enterprises, public_listings
from .serializers import (
    LISTING_VALUES,
    CertifiedProductSerializer,
    EnterpriseProfileSerializer,
)


class ListingPagination(KeysetPagination):
    timestamp_field = "updated_at"
    page_size = 20
    max_page_size = 100


@extend_schema_view(
    list=extend_schema(
        summary=_("认证产品名录"),
        description=(
            "Certified products, newest change first, walked with a cursor (`next`). "
            "Valid certificates only unless `status` is given (or `updated_since`, for "
            "incremental sync: then every status, so revocations reach the client)."
        ),
        parameters=CONDITIONAL_PARAMETERS,
        responses={
            200: CertifiedProductSerializer(many=True),
            **NOT_MODIFIED,
            **error_responses(400, 429),
        },
    ),
    retrieve=extend_schema(
        summary=_("认证产品详情"),
        description="By the listing's id, or by the certificate number as printed or typed "
        "(e.g. `JXGE-2026-360734-0001`, normalised like the verification page).",
        parameters=[
            OpenApiParameter(
                "id",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="Listing id or certificate number",
            )
        ],
        responses={200: CertifiedProductSerializer, **error_responses(404, 429)},
    ),
)
class CertifiedProductViewSet(ConditionalListMixin, viewsets.ReadOnlyModelViewSet):
    """The public directory of certified products (no login)."""

    serializer_class = CertifiedProductSerializer
    filterset_class = ListingFilter
    pagination_class = ListingPagination
    permission_classes = [permissions.AllowAny]
    authentication_classes = TOKEN_FIRST
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return public_listings()

    def get_object(self):
        """By id (digits) or by certificate number: clients hold whichever they printed."""
        key = self.kwargs["pk"]
        if key.isdigit():
            lookup = {"pk": int(key)} if len(key) <= 18 else None
        else:
            lookup = {"number": normalize_number(key)}
        listing = self.get_queryset().filter(**lookup).first() if lookup else None
        if listing is None:
            raise NotFound(_("未找到该认证产品。"))
        return listing

    def filter_queryset(self, queryset):
        # A product's page answers whatever its status (revocations are public).
        if self.action == "retrieve":
            return queryset
        # Rows are read as values(): the serializer needs no model instances.
        return super().filter_queryset(queryset).values(*LISTING_VALUES)


@extend_schema_view(
    retrieve=extend_schema(
        summary=_("企业公开信息"),
        description="An enterprise holding at least one certificate, with its certified "
        "products (every status). Contacts and documents are never shown.",
        responses={200: EnterpriseProfileSerializer, **error_responses(404, 429)},
    ),
)
class EnterpriseProfileViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = EnterpriseProfileSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes = TOKEN_FIRST
    lookup_field = "credit_code"
    lookup_value_regex = "[0-9A-Za-z]{18}"
    filter_backends = []
    pagination_class = None

    def get_queryset(self):
        return listed_enterprises()

    def get_object(self):
        self.kwargs["credit_code"] = self.kwargs["credit_code"].upper()
        return super().get_object()
