from django.urls import include, path

from compare import views

app_name = "compare"

urlpatterns = [
    path("compare/", views.compare, name="compare"),
    path("compare/share/", views.share, name="share"),
    path("compare/links/", views.my_links, name="my_links"),
    # A share link and its QR code (DESIGN.md "Comparison and share links").
    path(
        "s/<slug:code>/",
        include(
            [
                path("", views.shared, name="shared"),
                path("qr.svg", views.shared_qr, name="shared_qr"),
            ]
        ),
    ),
]
