from django.urls import path

from guides import views

app_name = "guides"

urlpatterns = [
    path("troubleshooting/", views.troubleshooting_view, name="troubleshooting"),
    path("codes/", views.codes_view, name="codes"),
    path("codes/<str:code>/", views.code_detail_view, name="code_detail"),
    path("apply/", views.apply_view, name="apply"),
]
