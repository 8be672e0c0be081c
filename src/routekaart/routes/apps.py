from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutesConfig(AppConfig):
    name = "routekaart.routes"
    label = "routes"
    verbose_name = _("Routes en trajecten")

    def ready(self) -> None:
        from ..audit.event_labels import labels_register
        from .event_labels import EVENT_LABELS

        labels_register(EVENT_LABELS)
