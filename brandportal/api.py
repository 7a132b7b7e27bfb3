"""Conventions every endpoint of the API follows.

- Read-only public endpoints live under `/api/v1/`, registered on the router in
  `brandportal/api_urls.py`; lists are paginated (`?page=`, `?page_size=` up to 100).
- Every 4xx answer has one shape, produced by `exception_handler`:
  `{"error": {"code": "not_found", "message": "未找到。", "fields": {"name": ["…"]}}}`
  where `fields` holds per-field messages of a validation error (empty otherwise).
- Views document their errors with `error_responses(400, 404, ...)` so the schema at
  `/api/schema/` shows the same shape.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler


class PortalPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


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
    401: "未登录",
    403: "无权操作",
    404: "未找到",
    409: "状态冲突",
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """Schema entries for the error statuses an endpoint can answer with."""
    return {
        status: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS.get(status, ""))
        for status in statuses
    }
