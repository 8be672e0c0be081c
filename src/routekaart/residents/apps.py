from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "routekaart.residents"
    label = "residents"
    verbose_name = _("Inwoners en huishoudens")

    def ready(self) -> None:
        from ..audit import services as audit
        from ..audit.event_labels import labels_register
        from .access import data_subjects_of
        from .event_labels import EVENT_LABELS

        audit.data_subjects_register(data_subjects_of)
        labels_register(EVENT_LABELS)
