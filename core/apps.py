from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site-wide settings and shared building blocks"

    def ready(self):
        from core import content_generation, sessions  # noqa: F401 (sessions: login stamp)

        content_generation.connect_signals()
