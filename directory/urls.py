from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.listing_list, name="list"),
    path("export.csv", views.listing_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.listing_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("products/<str:number>/", views.listing_detail, name="detail"),
    path("enterprises/<str:credit_code>/", views.enterprise_detail, name="enterprise"),
]
