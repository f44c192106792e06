from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = "Meetings and decisions"

    def ready(self):
        from . import signals  # noqa: F401
