"""URL map. Chinese (zh-hans) pages live at the root, English ones under /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, include, path

from calculator.views import home
from catalog.sitemaps import SITEMAPS
from core import views
from statements.api import statements_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("ping", views.ping, name="ping"),
    # One sitemap for both languages: every URL lists its zh-hans/en alternates.
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # The statement check-up's JSON (a plain view): before any other api/v1 include.
    path("api/v1/statements/", statements_api, name="api_statements"),
    path("", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("", include("catalog.urls")),
    path("", include("calculator.urls")),
    path("", include("compare.urls")),
    path("guides/", include("guides.urls")),
    path("", include("reports.urls")),
    path("", include("api.page_urls")),
    path("", include("statements.urls")),
    path(f"{settings.ADMIN_URL}two-factor/", include("core.twofactor")),
    path(settings.ADMIN_URL, admin.site.urls),
    prefix_default_language=False,
)
