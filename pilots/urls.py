from django.urls import path

from .views import dashboard, tasks

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
]
