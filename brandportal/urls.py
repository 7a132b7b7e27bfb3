from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_page

from directory.sitemaps import ListingSitemap
from promotion.feeds import ArticlesAtomFeed, ArticlesFeed
from promotion.sitemaps import ArticleSitemap
from standards.sitemaps import StandardSitemap

from . import views

admin.site.site_header = "江西绿色生态品牌认证管理"
admin.site.site_title = "江西绿色生态品牌认证管理"
admin.site.index_title = "管理首页"

# A 400 shows its reason in Chinese (a page), or in the API's error format under /api/.
handler400 = "brandportal.views.bad_request"

SITEMAPS = {"products": ListingSitemap, "standards": StandardSitemap, "news": ArticleSitemap}
SITEMAP_CACHE_SECONDS = 3600

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("healthz/", views.healthz, name="healthz"),
    path("healthz/ready", views.healthz_ready, name="healthz_ready"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("enterprise/", include("enterprises.urls")),
    path("applications/", include("certification.urls")),
    path("standards/", include("standards.urls")),
    path("pilots/", include("pilots.urls")),
    path("", include("promotion.urls")),  # news/ and enterprise/purchase-links/
    path("feeds/news.rss", ArticlesFeed(), name="feed_rss"),
    path("feeds/news.atom", ArticlesAtomFeed(), name="feed_atom"),
    path("directory/", include("directory.urls")),
    path("api/", include("brandportal.api_urls")),
    path("supervision/", include("supervision.urls")),
    path("", include("certificates.urls")),  # verify/ and certificates/<number>/download/
    path("admin/", admin.site.urls),
    # User images, in development and production alike, with safe headers (a proxy in
    # front may serve MEDIA_ROOT itself only with the same headers: see the README).
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", views.media, name="media"),
]
