from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, viewsets

from brandportal.api import error_responses

from ..filters import StandardFilter
from ..selectors import indicators_in_order, public_standards
from .serializers import StandardDetailSerializer, StandardSerializer


@extend_schema_view(
    list=extend_schema(
        summary="标准目录",
        description="Published, withdrawn and superseded standards; drafts are never listed.",
        responses={200: StandardSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary="标准详情及指标",
        responses={200: StandardDetailSerializer, **error_responses(404)},
    ),
)
class StandardViewSet(viewsets.ReadOnlyModelViewSet):
    """The public catalogue of 江西绿色生态 standards (read-only, no login)."""

    filterset_class = StandardFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        queryset = public_standards()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("indicators", queryset=indicators_in_order())
            )
        return queryset

    def get_serializer_class(self):
        return StandardDetailSerializer if self.action == "retrieve" else StandardSerializer
