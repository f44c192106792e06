from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site-wide settings and shared building blocks"

    def ready(self):
        from core import page_cache, sessions  # noqa: F401 (sessions: login stamp)

        page_cache.connect_signals()
