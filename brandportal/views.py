"""Site-wide views: the home page, the health check, the 400 page and user images."""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponseBadRequest, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.static import serve

from .params import InvalidInput

BROKER_TIMEOUT_SECONDS = 2
HOME_ARTICLES = 3


def home(request):
    """The brand's front door: what it stands for, live figures, latest cases and news,
    the directory search and the certificate verification boxes."""
    from promotion.enums import ArticleKind
    from promotion.selectors import directory_search_url, home_figures, published_articles

    articles = published_articles()
    context = {
        "figures": home_figures(),
        "latest_cases": articles.filter(kind=ArticleKind.CASE)[:HOME_ARTICLES],
        "latest_news": articles.filter(kind=ArticleKind.NEWS)[:HOME_ARTICLES],
        "directory_url": directory_search_url(),
    }
    return render(request, "home.html", context)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "down"; the type is reported
        return f"error: {type(error).__name__}"
    return "ok"


def _broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "not configured"
    from brandportal.celery import app

    # The URL is read from settings on each call (not from the app's cached config), and
    # a failed connection is not retried: a health probe must answer within seconds.
    try:
        with app.connection_for_write(
            settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT_SECONDS
        ) as conn:
            conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception as error:  # any failure means "down"; the type is reported
        return f"error: {type(error).__name__}"
    return "ok"


def _cache_state() -> str:
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    cache = caches["default"]
    if isinstance(cache, LocMemCache):
        return "not configured"
    try:
        cache.get("brandportal:healthz")
    except Exception as error:  # any failure means "down"; the type is reported
        return f"error: {type(error).__name__}"
    return "ok"


def _checks() -> dict[str, str]:
    return {"database": _database_state(), "broker": _broker_state(), "cache": _cache_state()}


def _status(checks: dict[str, str]) -> str:
    """ok; degraded (the broker or the cache is down); error (the database is down)."""
    fine = {name: state in {"ok", "not configured"} for name, state in checks.items()}
    if not fine["database"]:
        return "error"
    return "ok" if all(fine.values()) else "degraded"


@never_cache
def healthz(request):
    """Liveness: 200 while the portal can serve pages, that is while its database answers.

    A down broker or cache degrades the portal (work waits for the sweeps, rate limits
    count per process) without stopping it: still 200, with "status": "degraded".
    """
    checks = _checks()
    status = _status(checks)
    return JsonResponse({"status": status, **checks}, status=503 if status == "error" else 200)


@never_cache
def healthz_ready(request):
    """Readiness for monitoring: 200 only when the database, broker and cache all answer;
    503 with "status": "degraded" (broker or cache down) or "error" (database down)."""
    checks = _checks()
    status = _status(checks)
    return JsonResponse({"status": status, **checks}, status=200 if status == "ok" else 503)


# The API is mounted here (brandportal/urls.py); its 400s use the API's error format.
API_PREFIX = "/api/"


def bad_request(request, exception=None):
    """The 400 answer (handler400, and RejectNulMiddleware's): the message of an
    InvalidInput, a generic one for anything else (Django's own messages are not for users);
    as JSON in the API's error format under /api/, as a page elsewhere."""
    if isinstance(exception, InvalidInput):
        message, fields = exception.message, exception.fields
    else:
        message, fields = _("请求有误，无法处理。请检查输入后重试。"), {}
    if request.path_info.startswith(API_PREFIX):
        body = {"error": {"code": "invalid", "message": message, "fields": fields}}
        return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
    # Without a user (refused by a middleware before authentication), the page is rendered
    # without the request: the header then shows the anonymous links.
    page = render_to_string(
        "400.html", {"message": message}, request=request if hasattr(request, "user") else None
    )
    return HttpResponseBadRequest(page)


# What MEDIA_URL may serve and as what: the server decides the type from the stored
# extension (the storage gave it from the content); anything else there is a 404.
MEDIA_CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def media(request, path):
    """A user image under MEDIA_ROOT, with a type the server chose and headers that stop
    a browser from ever treating it as a page (nosniff, a sandboxing CSP)."""
    suffix = PurePosixPath(path).suffix.lower()
    if suffix not in MEDIA_CONTENT_TYPES:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = MEDIA_CONTENT_TYPES[suffix]
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Content-Disposition"] = "inline"
    response["Cross-Origin-Resource-Policy"] = "same-site"
    return response


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Crawlers: the public pages and the sitemap; not the signed-in areas or the API."""
    return render(request, "robots.txt", {"site_url": settings.SITE_URL}, content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico: the hashed static file. Resolved per request, not at
    import, so a missing manifest entry cannot break the URLconf of every page."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
