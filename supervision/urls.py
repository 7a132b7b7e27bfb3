from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("spot-checks/", views.plan_list, name="plan_list"),
    path("spot-checks/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("spot-checks/<int:pk>/draw.json", views.plan_draw_record, name="plan_draw_record"),
    path("sanctions/", views.sanction_list, name="sanction_list"),
    path("infringements/", views.case_list, name="case_list"),
    path("infringements/report/", views.case_report, name="case_report"),
    path("surveillance/", views.surveillance_due, name="surveillance_due"),
    path(
        "surveillance/<str:number>/suspend/",
        views.surveillance_suspend,
        name="surveillance_suspend",
    ),
    path(
        "applications/<int:application_pk>/recognised/",
        views.citation_add,
        name="citation_add",
    ),
]
