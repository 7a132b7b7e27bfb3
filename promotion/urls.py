from django.urls import path

from .views import cultivation, editor, public, purchase

app_name = "promotion"

urlpatterns = [
    path("news/", public.article_list, name="article_list"),
    path("news/<int:pk>/", public.article_detail, name="article_detail"),
    path("news/manage/", editor.manage_list, name="manage_list"),
    path("news/manage/new/", editor.manage_create, name="manage_create"),
    path("news/manage/<int:pk>/", editor.manage_edit, name="manage_edit"),
    path("news/manage/<int:pk>/publish/", editor.manage_publish, name="manage_publish"),
    path("cultivation/", cultivation.cultivation_list, name="cultivation_list"),
    path("enterprise/purchase-links/", purchase.purchase_links, name="purchase_links"),
    path(
        "enterprise/purchase-links/<int:product_pk>/add/",
        purchase.purchase_link_add,
        name="purchase_link_add",
    ),
    path(
        "enterprise/purchase-links/delete/<int:pk>/",
        purchase.purchase_link_delete,
        name="purchase_link_delete",
    ),
]
