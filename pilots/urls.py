from django.urls import path

from .views import dashboard, rewards, tasks

app_name = "pilots"

urlpatterns = [
    path("", dashboard.overview, name="overview"),
    path("province/tasks/", dashboard.provincial_tasks, name="provincial_tasks"),
    path("<slug:code>/", dashboard.dashboard, name="dashboard"),
    path(
        "<slug:code>/targets/<slug:target_code>/",
        dashboard.target_record_list,
        name="target_records",
    ),
    path("<slug:code>/tasks/", tasks.task_list, name="task_list"),
    path("<slug:code>/tasks/export/", tasks.task_export, name="task_export"),
    path("<slug:code>/tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("<slug:code>/rewards/", rewards.payout_list, name="payout_list"),
    path("<slug:code>/rewards/export/", rewards.payout_export, name="payout_export"),
    path("<slug:code>/rewards/<int:pk>/", rewards.payout_detail, name="payout_detail"),
    path(
        "<slug:code>/rewards/<int:pk>/<slug:action>/",
        rewards.payout_action,
        name="payout_action",
    ),
    path("<slug:code>/rewards/<int:pk>/notice.pdf", rewards.payout_notice, name="payout_notice"),
]
