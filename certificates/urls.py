from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_search, name="verify_search"),
    path("verify/report/", views.report, name="report"),
    path("verify/<str:number>/", views.verify, name="verify"),
    path("certificates/", views.certificate_list, name="list"),
    path("certificates/<str:number>/download/", views.download, name="download"),
    path("certificates/reports/<int:pk>/evidence/", views.report_evidence, name="report_evidence"),
]
