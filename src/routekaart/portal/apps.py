from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "routekaart.portal"
    verbose_name = _("Mijn Routekaart (portaal voor inwoners)")

    def ready(self) -> None:
        from ..residents.subject_export import export_section_register
        from .privacy_export import ORDER, processing_log_section

        export_section_register("processing_log", processing_log_section, ORDER)  # the log in plain words
