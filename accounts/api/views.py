"""The token endpoint: throttled per client address and refused while a login is locked."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken

from brandportal.api import error_responses
from brandportal.client_address import ClientAddressThrottle

from ..lockout import lockout_message, lockout_seconds


class TokenRequestThrottle(ClientAddressThrottle):
    """Token requests per client address (API_TOKEN_RATE), signed in or not."""

    scope = "api_token"

    def get_rate(self):
        return getattr(settings, "API_TOKEN_RATE", "10/min")

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginLockedOut(exceptions.APIException):
    """Too many wrong passwords for this account from this address (429, Retry-After)."""

    status_code = 429
    default_code = "locked_out"

    def __init__(self, seconds: int):
        self.wait = seconds  # DRF's handler turns it into Retry-After
        super().__init__(detail=lockout_message(seconds), code=self.default_code)


class TokenView(ObtainAuthToken):
    """A token for an e-mail (`username`) and password."""

    throttle_classes = [TokenRequestThrottle]

    @extend_schema(
        summary="获取 API 令牌",
        request=AuthTokenSerializer,
        responses={200: AuthTokenSerializer, **error_responses(400, 429)},
    )
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except exceptions.ValidationError:
            # The lockout backend refused before the password was checked, and axes
            # marked the request (DRF's, which authenticate() was given).
            if getattr(request, "axes_locked_out", False):
                raise LoginLockedOut(lockout_seconds(request)) from None
            raise
