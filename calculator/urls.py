from django.urls import path

from calculator import compare_views, views

app_name = "calculator"

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
    path("calculator/working/", views.working, name="working"),
    path("compare/", compare_views.compare, name="compare"),
    path("compare/share/", compare_views.share, name="share"),
    path("compare/links/", compare_views.my_links, name="my_links"),
    path("s/<slug:code>/", compare_views.shared, name="shared"),
    path("s/<slug:code>/qr.svg", compare_views.shared_qr, name="shared_qr"),
]
