from django.urls import path

from . import views

app_name = "certification"

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("new/", views.application_create, name="application_create"),
    path("<int:pk>/", views.application_detail, name="application_detail"),
    path("<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("<int:pk>/transition/", views.application_transition, name="application_transition"),
    path("<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path("products/", views.product_list, name="product_list"),
    path("products/new/", views.product_create, name="product_create"),
    path("products/<int:pk>/edit/", views.product_edit, name="product_edit"),
]
