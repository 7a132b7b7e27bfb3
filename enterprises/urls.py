from django.urls import path

from . import views

app_name = "enterprises"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("create/", views.create, name="create"),
    path("edit/", views.edit, name="edit"),
]
