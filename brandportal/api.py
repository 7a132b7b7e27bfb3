"""Conventions every endpoint of the API follows.

- Endpoints live under `/api/v1/`, registered on the router in `brandportal/api_urls.py`;
  lists are paginated (`?page=`, `?page_size=` up to 100). Large lists that clients sync
  use `KeysetPagination` instead: a signed `?cursor=` over a unique (timestamp, id) order,
  no COUNT, each row seen once while rows are added.
- Clients authenticate with a token (`Authorization: Token <key>`, issued at
  `/api/v1/auth/token/` or by `manage.py api_token`, shown once and stored hashed) or the
  browser session. Anonymous clients are throttled per client address (API_ANON_RATE,
  answered with 429 and Retry-After; the address is `brandportal.client_address.client_ip`).
  The token endpoint has its own rate (API_TOKEN_RATE) and shares the login lockout
  (`accounts.lockout`: 429 `locked_out` with Retry-After).
- Lists answer with an ETag of their page (`ConditionalListMixin`): a GET carrying it in
  If-None-Match gets 304 Not Modified.
- Every 4xx answer has one shape, produced by `exception_handler`:
  `{"error": {"code": "not_found", "message": "未找到。", "fields": {"name": ["…"]}}}`
  where `fields` holds per-field messages of a validation error (empty otherwise).
- Views document their errors with `error_responses(400, 404, ...)` so the schema at
  `/api/schema/` shows the same shape.
- Bad input is a 400, never a 500: JSON bodies nest at most 100 levels and hold no NUL
  (`brandportal.api_parsers.JSONParser`, code `parse_error`); a NUL in a query parameter
  or form field is refused before any view (`brandportal.middleware`, code `invalid`).
"""

import datetime
import hashlib
import json

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.utils.cache import quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import exception_handler as drf_exception_handler

from .authentication import HashedTokenAuthentication
from .client_address import ClientAddressThrottle
from .errors import ServiceError


def _page_size(request, name: str, default: int, maximum: int) -> int:
    """The requested page size, capped at `maximum`; not a positive integer is a 400."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if size < 1:
        raise ValidationError({name: [_("请输入正整数。")]})
    return min(size, maximum)


class PortalPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        return _page_size(request, self.page_size_query_param, self.page_size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        # A page past the end or not a number names the parameter (400), as bad filters do.
        try:
            return super().paginate_queryset(queryset, request, view)
        except exceptions.NotFound as error:
            raise ValidationError({self.page_query_param: [str(error.detail)]}) from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters


def _messages(detail) -> list[str]:
    if isinstance(detail, list):
        return [message for item in detail for message in _messages(item)]
    if isinstance(detail, dict):
        return [message for item in detail.values() for message in _messages(item)]
    return [str(detail)]


def _first_code(codes) -> str:
    if isinstance(codes, dict):
        codes = next(iter(codes.values()), "invalid")
    if isinstance(codes, list):
        return _first_code(codes[0]) if codes else "invalid"
    return str(codes)


def exception_handler(exc, context):
    """DRF's handler, with the body rewritten to {"error": {"code", "message", "fields"}}."""
    # Django's own exceptions get DRF's generic messages: a 404 names no model.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, exceptions.Throttled):
        exc = _throttled(exc)
    elif isinstance(exc, ServiceError):
        exc = _service_error(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = getattr(exc, "detail", response.data)
    fields = {}
    if isinstance(exc, ValidationError):
        code = "invalid"
        if isinstance(detail, dict):
            fields = {name: _messages(value) for name, value in detail.items()}
        message = "；".join(_messages(detail))
    else:
        code = _first_code(exc.get_codes()) if hasattr(exc, "get_codes") else "error"
        message = "；".join(_messages(detail))
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    return response


def _throttled(exc: exceptions.Throttled) -> exceptions.Throttled:
    # DRF's default message is English-shaped; a view's own message is kept.
    if str(exc.detail) != str(exceptions.Throttled(exc.wait).detail):
        return exc
    wait = max(1, int(exc.wait or 1))
    throttled = exceptions.Throttled(wait)
    # Set after construction: DRF would append its own "expected available in" sentence.
    throttled.detail = exceptions.ErrorDetail(
        _("请求过于频繁，请 %(wait)s 秒后再试。") % {"wait": wait}, code="throttled"
    )
    return throttled


def _service_error(exc: ServiceError) -> exceptions.APIException:
    # A service's refusal carries its HTTP status and its Chinese reasons.
    code = "conflict" if exc.status_code == 409 else "conditions_not_met"
    error = exceptions.APIException(detail="；".join(exc.reasons), code=code)
    error.status_code = exc.status_code
    return error


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="machine-readable, e.g. not_found, invalid")
    message = serializers.CharField(help_text="for people, in the request's language")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="per-field messages of a validation error",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


_ERROR_DESCRIPTIONS = {
    400: "请求参数有误",
    401: "未登录或令牌无效",
    403: "无权操作",
    404: "未找到",
    405: "不支持的请求方法",
    409: "状态冲突",
    429: "请求过于频繁（响应头 Retry-After 给出需等待的秒数）",
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """Schema entries for the error statuses an endpoint can answer with."""
    return {
        status: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS.get(status, ""))
        for status in statuses
    }


# Authentication for endpoints that accept tokens: the first class decides the answer to
# a missing or wrong credential, and the token authentication's is 401 with WWW-Authenticate.
TOKEN_FIRST = [HashedTokenAuthentication, SessionAuthentication]


def api_not_found(request, *args, **kwargs):
    """A JSON 404 in the error format for any path under /api/ that matches no route."""
    return JsonResponse(
        {"error": {"code": "not_found", "message": _("未找到。"), "fields": {}}}, status=404
    )


# --- throttling ------------------------------------------------------------------------


class AnonApiThrottle(ClientAddressThrottle, AnonRateThrottle):
    """Per-address limit for anonymous clients; API_ANON_RATE (e.g. "120/min", None: off)."""

    def get_rate(self):
        return getattr(settings, "API_ANON_RATE", "120/min")


class UserApiThrottle(ClientAddressThrottle, UserRateThrottle):
    """Per-user limit for authenticated clients; API_USER_RATE."""

    def get_rate(self):
        return getattr(settings, "API_USER_RATE", "600/min")

    def get_cache_key(self, request, view):
        # Anonymous clients are AnonApiThrottle's alone.
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


# --- keyset (cursor) pagination --------------------------------------------------------


class KeysetPagination(BasePagination):
    """A forward cursor over a unique descending (timestamp, id) order, without COUNT.

    The cursor names the last row served, signed so that a forged or altered one is a 400
    rather than an arbitrary query. Rows added or changed meanwhile get a newer timestamp,
    so they sort before the cursor: a client walking the list sees each row at most once,
    and picks changes up on its next sync with `updated_since`.
    """

    timestamp_field = "updated_at"
    page_size = 20
    max_page_size = 100
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    salt = "brandportal.api.KeysetPagination"

    def get_page_size(self, request) -> int:
        return _page_size(request, self.page_size_query_param, self.page_size, self.max_page_size)

    def decode_cursor(self, request):
        raw = request.query_params.get(self.cursor_query_param)
        if raw in (None, ""):
            return None
        try:
            stamp, pk = signing.loads(raw, salt=self.salt)
            return datetime.datetime.fromisoformat(stamp), int(pk)
        except (signing.BadSignature, TypeError, ValueError):
            raise ValidationError({self.cursor_query_param: [_("游标无效。")]}) from None

    def encode_cursor(self, row) -> str:
        # Rows are model instances or values() dicts (which must include "id").
        if isinstance(row, dict):
            stamp, pk = row[self.timestamp_field], row["id"]
        else:
            stamp, pk = getattr(row, self.timestamp_field), row.pk
        return signing.dumps([stamp.isoformat(), pk], salt=self.salt)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        position = self.decode_cursor(request)
        field = self.timestamp_field
        queryset = queryset.order_by(f"-{field}", "-pk")
        if position is not None:
            stamp, pk = position
            queryset = queryset.filter(
                Q(**{f"{field}__lt": stamp}) | Q(**{field: stamp, "pk__lt": pk})
            )
        rows = list(queryset[: size + 1])
        self.next_row = rows[size - 1] if len(rows) > size else None
        return rows[:size]

    def get_next_link(self):
        if self.next_row is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self.encode_cursor(self.next_row))

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "the next page, or null on the last one",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "opaque cursor from the previous page's `next`",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"rows per page (default {self.page_size}, "
                f"at most {self.max_page_size}; larger values are capped)",
                "schema": {"type": "integer", "minimum": 1},
            },
        ]


# --- conditional GET -------------------------------------------------------------------


def _etag_matches(header: str, etag: str) -> bool:
    candidates = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in candidates or etag in candidates


class ConditionalListMixin:
    """Lists carry an ETag (a hash of the page); a matching If-None-Match gets a 304.

    Hashing the page costs no query and changes whenever anything on it changes.
    """

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        body = json.dumps(response.data, cls=DjangoJSONEncoder, sort_keys=True)
        etag = quote_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
        if _etag_matches(request.headers.get("If-None-Match", ""), etag):
            return Response(status=304, headers={"ETag": etag})
        response["ETag"] = etag
        return response


CONDITIONAL_PARAMETERS = [
    OpenApiParameter(
        "If-None-Match",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        required=False,
        description="the ETag of a page fetched before: 304 if it has not changed",
    ),
    OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description="identifies this page's content",
    ),
    OpenApiParameter(
        "Retry-After",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=[429],
        description="seconds to wait before asking again",
    ),
]
NOT_MODIFIED = {304: OpenApiResponse(description="未变化（If-None-Match 与当前 ETag 相同）")}
