from django.apps import AppConfig


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = "试点县"

    def ready(self):
        from . import receivers

        receivers.connect()
