from django.urls import include, path

from guides import views

app_name = "guides"

urlpatterns = [
    path("troubleshooting/", views.troubleshooting_view, name="troubleshooting"),
    path(
        "codes/",
        include(
            [
                path("", views.codes_view, name="codes"),
                path("<str:code>/", views.code_detail_view, name="code_detail"),
            ]
        ),
    ),
    path("apply/", views.apply_view, name="apply"),
]
