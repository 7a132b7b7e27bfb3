"""API tokens: issued for an e-mail address and password, shown in clear this once.

The endpoint is throttled per client address and refused while the login is locked out
(the lockout backend runs inside `authenticate()`, see accounts.lockout).
"""

from django.conf import settings
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.views import APIView

from brandportal.api import error_responses
from brandportal.client_address import ClientAddressThrottle

from .. import services
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


class TokenView(APIView):
    """POST `username` (the e-mail address) and `password`: a new token for the account.

    Only its digest is stored, so the answer is the only time the token is seen; each
    call issues another (the oldest beyond API_TOKENS_PER_USER is revoked).
    """

    authentication_classes = ()
    permission_classes = ()
    throttle_classes = [TokenRequestThrottle]

    @extend_schema(
        summary="获取 API 令牌",
        request=AuthTokenSerializer,
        responses={
            200: inline_serializer("IssuedToken", {"token": serializers.CharField()}),
            **error_responses(400, 429),
        },
    )
    def post(self, request):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        try:
            serializer.is_valid(raise_exception=True)
        except exceptions.ValidationError:
            # The lockout backend refused before the password was checked, and axes
            # marked the request (DRF's, which authenticate() was given).
            if getattr(request, "axes_locked_out", False):
                raise LoginLockedOut(lockout_seconds(request)) from None
            raise
        token = services.api_token_issue(user=serializer.validated_data["user"])
        return Response({"token": token})
