from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "routekaart.jobs"
    label = "jobs"
    verbose_name = _("Achtergrondtaken")

    def ready(self) -> None:
        from ..audit.event_labels import labels_register
        from .event_labels import EVENT_LABELS

        labels_register(EVENT_LABELS)

        from ..core.metrics import register_collector
        from .metrics import JobQueueCollector

        register_collector(JobQueueCollector())  # the job queue in /metrics
