from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("认证产品名录")

    def ready(self):
        from . import receivers  # noqa: F401  (connects to certificates and products)
