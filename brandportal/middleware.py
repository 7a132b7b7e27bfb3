"""Site-wide request checks that run before any view."""

from .params import NUL, nul_fields, nul_refusal
from .views import bad_request


class RejectNulMiddleware:
    """A NUL (0x00) in the path, a query parameter, a POST field or an upload's name is a 400.

    PostgreSQL cannot hold NUL in text, so such a value reaching a query is a 500. Form
    fields refuse NUL themselves, but searches, list filters (the admin's included) and ids
    read straight from the request bypass forms: refusing it here covers every view, present
    and future. The answer is the project's 400 (a page, or the API's JSON error format).
    Placed after the authentication middleware so the page can show the site's header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        names = nul_fields(request)
        if names:
            return bad_request(request, nul_refusal(names))
        return self.get_response(request)


class DropNulCookiesMiddleware:
    """Cookies carrying NUL are ignored, as if the browser had not sent them.

    No cookie the portal sets holds NUL, so such a cookie is forged or corrupt; a NUL in the
    session cookie reached PostgreSQL as a 500 on every page. Ignoring it (rather than a
    400) keeps the site usable for a browser stuck with it. First in MIDDLEWARE, before
    the session middleware reads its cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, value in list(request.COOKIES.items()):
            if NUL in name or NUL in value:
                del request.COOKIES[name]
        return self.get_response(request)
