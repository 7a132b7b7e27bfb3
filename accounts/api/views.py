"""API tokens: issued for an e-mail address and password, shown in clear this once."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import parsers, serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.views import APIView

from brandportal.api import error_responses

from .. import services


class ObtainTokenView(APIView):
    """POST `username` (the e-mail address) and `password`: a new token for the account.

    Only its digest is stored, so the answer is the only time the token is seen; each
    call issues another (the oldest beyond API_TOKENS_PER_USER is revoked).
    """

    authentication_classes = ()
    permission_classes = ()
    parser_classes = (parsers.FormParser, parsers.MultiPartParser, parsers.JSONParser)

    @extend_schema(
        request=AuthTokenSerializer,
        responses={
            200: inline_serializer("IssuedToken", {"token": serializers.CharField()}),
            **error_responses(400, 429),
        },
    )
    def post(self, request):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token = services.api_token_issue(user=serializer.validated_data["user"])
        return Response({"token": token})
