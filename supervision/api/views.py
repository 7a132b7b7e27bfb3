import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action

from brandportal.api import error_responses

from ..selectors import public_cases, public_plans
from .serializers import CSV_COLUMNS, InfringementCaseSerializer, SpotCheckPlanSerializer

QUERY = OpenApiParameter(
    "q", OpenApiTypes.STR, required=False, description="party name, credit code or decision no."
)


class InfringementCaseViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Confirmed infringement cases, the public feed for the provincial credit platform."""

    serializer_class = InfringementCaseSerializer
    permission_classes = [permissions.AllowAny]
    filter_backends = []

    def get_queryset(self):
        return public_cases(self.request.query_params.get("q", ""))

    @extend_schema(summary="侵权信息公示（JSON）", parameters=[QUERY])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="侵权案件", responses={200: InfringementCaseSerializer, **error_responses(404)}
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="侵权信息公示（CSV）",
        parameters=[QUERY],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR)},
    )
    @action(detail=False, methods=["get"], url_path="csv", url_name="export", pagination_class=None)
    def export(self, request):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for row in InfringementCaseSerializer(self.get_queryset(), many=True).data:
            writer.writerow(
                [row[column] if row[column] is not None else "" for column in CSV_COLUMNS]
            )
        # A BOM so that spreadsheet programs read the Chinese as UTF-8.
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localdate().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="infringement-cases-{stamp}.csv"'
        return response


class SpotCheckPlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Closed 双随机 plans and their public results (一公开)."""

    serializer_class = SpotCheckPlanSerializer
    permission_classes = [permissions.AllowAny]
    filter_backends = []

    def get_queryset(self):
        return public_plans()

    @extend_schema(summary="双随机抽查结果公示")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="双随机抽查计划", responses={200: SpotCheckPlanSerializer, **error_responses(404)}
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
