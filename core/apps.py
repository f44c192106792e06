from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site-wide settings and shared building blocks"

    def ready(self):
        # Imported for what importing does: checks and two_factor.checks
        # register deploy checks; sessions connects the login stamp.
        from core import checks, content_generation, sessions  # noqa: F401
        from core.two_factor import checks as two_factor_checks  # noqa: F401

        content_generation.connect_signals()
