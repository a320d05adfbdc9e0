"""URL map. Chinese (zh-hans) pages live at the root, English ones under /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("catalog.urls")),
    path("", include("calculator.urls")),
    path("guides/", include("guides.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    prefix_default_language=False,
)
