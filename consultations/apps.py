from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Have your say"

    def ready(self):
        from . import log_actions  # noqa: F401  (registers the audit-log actions)
