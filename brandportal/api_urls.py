"""The API: versioned endpoints under /api/v1/, the OpenAPI schema and its Swagger UI.

Apps add their viewsets to `router` here; conventions are in `brandportal/api.py`.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings

from brandportal.api import api_not_found
from certificates.api.views import CertificateViewSet
from certification.api.views import ApplicationViewSet, ProductViewSet
from directory.api.views import CertifiedProductViewSet, EnterpriseProfileViewSet
from standards.api.views import StandardViewSet
from supervision.api.views import InfringementCaseViewSet, SpotCheckPlanViewSet

app_name = "api"

# DRF's token view names its own parsers (DRF's JSONParser): it gets the project's, which
# bound nesting and refuse NUL.
obtain_auth_token = ObtainAuthToken.as_view(parser_classes=api_settings.DEFAULT_PARSER_CLASSES)

router = DefaultRouter()
router.register("standards", StandardViewSet, basename="standard")
router.register("certificates", CertificateViewSet, basename="certificate")
router.register("infringement-cases", InfringementCaseViewSet, basename="infringement-case")
router.register("spot-checks", SpotCheckPlanViewSet, basename="spot-check")
router.register("certified-products", CertifiedProductViewSet, basename="certified-product")
router.register("enterprises", EnterpriseProfileViewSet, basename="enterprise")
router.register("products", ProductViewSet, basename="product")
router.register("applications", ApplicationViewSet, basename="application")

urlpatterns = [
    path("v1/auth/token/", obtain_auth_token, name="token"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", api_not_found),  # last: unknown API paths answer in the error format
]
