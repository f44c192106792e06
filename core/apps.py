from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site-wide settings and shared building blocks"

    def ready(self):
        from core import content_generation, sessions  # noqa: F401 (sessions: login stamp)
        from core.two_factor import checks  # noqa: F401 (registers the deploy check)

        content_generation.connect_signals()
