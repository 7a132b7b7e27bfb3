"""The authenticated API: enterprise users' products and applications, officials' reads.

Every object is looked up in the selectors' querysets, so what a user may not see is a
404; every write calls the service the pages call (permissions, locks, log).
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from brandportal.api import (
    CONDITIONAL_PARAMETERS,
    NOT_MODIFIED,
    TOKEN_FIRST,
    ConditionalListMixin,
    error_responses,
)

from .. import services
from ..enums import Action
from ..models import Product
from ..selectors import applications_visible_to, products_visible_to
from .filters import ApplicationFilter
from .serializers import (
    ApplicationCreateSerializer,
    ApplicationDetailSerializer,
    ApplicationSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    ProductSerializer,
    TransitionSerializer,
)


class AuthenticatedAPIMixin:
    authentication_classes = TOKEN_FIRST
    permission_classes = [permissions.IsAuthenticated]


@extend_schema_view(
    list=extend_schema(
        summary="产品列表（本企业；监管人员为可见范围）",
        parameters=CONDITIONAL_PARAMETERS,
        responses={200: ProductSerializer(many=True), **NOT_MODIFIED, **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary="产品详情", responses={200: ProductSerializer, **error_responses(401, 404)}
    ),
    create=extend_schema(
        summary="新增本企业产品",
        responses={201: ProductSerializer, **error_responses(400, 401, 403)},
    ),
)
class ProductViewSet(
    ConditionalListMixin,
    AuthenticatedAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProductSerializer
    filter_backends = []

    def get_queryset(self):
        return products_visible_to(self.request.user).order_by("-updated_at", "-pk")

    def perform_create(self, serializer):
        product = Product(**serializer.validated_data)
        serializer.instance = services.product_save(user=self.request.user, product=product)


@extend_schema_view(
    list=extend_schema(
        summary="认证申请列表（按用户可见范围）",
        description="Enterprise users see their own; reviewers their body's; county "
        "officials their county's; supervisors and provincial administrators all.",
        parameters=CONDITIONAL_PARAMETERS,
        responses={
            200: ApplicationSerializer(many=True),
            **NOT_MODIFIED,
            **error_responses(400, 401),
        },
    ),
    retrieve=extend_schema(
        summary="认证申请详情",
        responses={200: ApplicationDetailSerializer, **error_responses(401, 404)},
    ),
)
class ApplicationViewSet(
    ConditionalListMixin,
    AuthenticatedAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    filterset_class = ApplicationFilter

    def get_queryset(self):
        queryset = applications_visible_to(self.request.user).order_by("-updated_at", "-pk")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("documents")
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ApplicationDetailSerializer
        if self.action == "create":
            return ApplicationCreateSerializer
        if self.action == "documents":
            return DocumentUploadSerializer
        if self.action in ("submit", "withdraw"):
            return TransitionSerializer
        return ApplicationSerializer

    @extend_schema(
        summary="新建认证申请（草稿）",
        request=ApplicationCreateSerializer,
        responses={201: ApplicationDetailSerializer, **error_responses(400, 401, 403)},
    )
    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = services.application_create(user=request.user, **serializer.validated_data)
        return Response(
            ApplicationDetailSerializer(application, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="上传证明材料",
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def documents(self, request, pk=None):
        application = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = services.document_upload(
            application=application,
            user=request.user,
            document_type=serializer.validated_data["document_type"],
            upload=serializer.validated_data["file"],
            note=serializer.validated_data["note"],
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    def _transition(self, request, action_name: Action):
        application = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = services.application_transition(
            application=application,
            action=action_name,
            user=request.user,
            comment=serializer.validated_data["comment"],
            expected_state=serializer.validated_data.get("expected_state"),
        )
        return Response(ApplicationDetailSerializer(application, context={"request": request}).data)

    @extend_schema(
        summary="提交申请",
        description="409 if the application is not a draft (or moved meanwhile); 400 with "
        "the reasons if required documents are missing.",
        request=TransitionSerializer,
        responses={200: ApplicationDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._transition(request, Action.SUBMIT)

    @extend_schema(
        summary="撤回申请",
        request=TransitionSerializer,
        responses={200: ApplicationDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._transition(request, Action.WITHDRAW)
