"""API token authentication: django-rest-knox's hashed tokens, looked up by prefix.

Only a digest of each token is stored (see REST_KNOX and `accounts.services.api_token_issue`),
so neither the admin nor a database dump shows one in clear.
"""

from django.utils import timezone
from knox.auth import TokenAuthentication
from rest_framework import exceptions


class HashedTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <token>`; a missing or wrong token is 401 with WWW-Authenticate."""

    def authenticate_credentials(self, token: bytes):
        try:
            token.decode("utf-8")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed() from None
        return super().authenticate_credentials(token)

    def _cleanup_token(self, auth_token) -> bool:
        # Knox also sweeps the user's other expired tokens here, one more query per
        # request; only the token presented matters to this request.
        return auth_token.expiry is not None and auth_token.expiry < timezone.now()
