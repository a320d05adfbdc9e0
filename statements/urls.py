from django.urls import path

from statements import views

app_name = "statements"

urlpatterns = [
    path("statement/", views.statement, name="statement"),
    path("statement/template.csv", views.template_csv, name="template_csv"),
    path("statement/template.xlsx", views.template_xlsx, name="template_xlsx"),
    path("statement/evidence/", views.evidence, name="evidence"),
    path("statement/evidence.csv", views.evidence_csv, name="evidence_csv"),
]
