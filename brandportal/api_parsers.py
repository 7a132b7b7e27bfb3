"""The API's JSON parser: bounded nesting and no NUL, both answered with a 400.

DRF's JSONParser turns only a ValueError into a 400: a body of thousands of nested `[`
makes the decoder raise RecursionError (a 500), and a "\\u0000" in a string reaches
PostgreSQL, which cannot hold NUL in text (a 500 wherever a field does not validate it,
e.g. a slug looked up in a related table). No endpoint needs either.
"""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from .params import NUL

MAX_DEPTH = 100


def _refusal(data, max_depth: int) -> str | None:
    """Why `data` is refused, or None; walks it without recursion."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if NUL in value:
                return _("JSON 中不能含有空字符（NUL）。")
        elif isinstance(value, dict | list):
            if depth > max_depth:
                return _("JSON 嵌套过深（最多 %(depth)s 层）。") % {"depth": max_depth}
            items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
            for key, item in items:
                if key is not None and NUL in key:
                    return _("JSON 中不能含有空字符（NUL）。")
                stack.append((item, depth + 1))
    return None


class JSONParser(parsers.JSONParser):
    """DRF's JSONParser, refusing nesting deeper than `max_depth` and NUL in any string."""

    max_depth = MAX_DEPTH

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            # The decoder gives up near the interpreter's recursion limit (~1000 levels).
            raise ParseError(
                _("JSON 嵌套过深（最多 %(depth)s 层）。") % {"depth": self.max_depth}
            ) from None
        reason = _refusal(data, self.max_depth)
        if reason is not None:
            raise ParseError(reason)
        return data
