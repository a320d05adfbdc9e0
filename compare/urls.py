from django.urls import path

from compare import views

app_name = "compare"

urlpatterns = [
    path("compare/", views.compare, name="compare"),
    path("compare/share/", views.share, name="share"),
    path("compare/links/", views.my_links, name="my_links"),
    path("s/<slug:code>/", views.shared, name="shared"),
    path("s/<slug:code>/qr.svg", views.shared_qr, name="shared_qr"),
]
