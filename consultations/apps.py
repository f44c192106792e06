from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Have your say"

    def ready(self):
        # Imported for what importing does: the audit-log actions, and the
        # signal that keeps responses from being deleted with their page.
        from . import log_actions, signals  # noqa: F401
