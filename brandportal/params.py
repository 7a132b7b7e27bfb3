"""Bad input from the request, refused as a 400 rather than reaching the database as a 500.

- `InvalidInput`: raise it from any view (pages or API) for a malformed parameter; the
  project's 400 handler (`brandportal.views.bad_request`) shows its Chinese message, as a
  page or, under /api/, in the API's error format.
- `nul_fields`: where a request carries NUL (0x00), which PostgreSQL cannot hold in text;
  `brandportal.middleware.RejectNulMiddleware` refuses such requests before any view runs.
- `positive_int`: an id read from a query parameter or form field, or None if malformed.
"""

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

NUL = "\x00"
PATH = "path"


class InvalidInput(BadRequest):
    """A 400 with a message for people and, optionally, per-parameter messages."""

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


def nul_fields(request) -> list[str]:
    """The names of the query parameters, form fields and uploads holding a NUL, in order;
    PATH if the path does. Empty when the request is clean."""
    found = [PATH] if NUL in request.path_info else []
    sources = [request.GET]
    # Django parses a body only for POST; DRF parses PUT and PATCH bodies itself, and its
    # JSON parser (brandportal.api_parsers) refuses NUL there.
    if request.method == "POST":
        sources += [request.POST]
    for source in sources:
        for name, values in source.lists():
            if NUL in name or any(NUL in value for value in values):
                found.append(name.replace(NUL, ""))
    if request.method == "POST":
        for name, files in request.FILES.lists():
            if any(NUL in (upload.name or "") for upload in files):
                found.append(name)
    return list(dict.fromkeys(found))


def nul_refusal(names: list[str]) -> InvalidInput:
    separator = pgettext("list separator", "、")
    labels = [_("网址路径") if name == PATH else name for name in names]
    message = _("请求中含有空字符（NUL），请删除后重试：%(names)s。") % {
        "names": separator.join(labels)
    }
    return InvalidInput(message, {name: [_("不能含有空字符（NUL）。")] for name in names})


def positive_int(raw) -> int | None:
    """`raw` as a positive integer (an id), or None if it is absent or not one."""
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    if value < 1 or value > 2**63 - 1:
        return None
    return value
