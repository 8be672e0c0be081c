from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "routekaart.audit"
    verbose_name = _("Verantwoording")

    def ready(self) -> None:
        from .middleware import install

        install()  # a request's reads are written inside its own transaction, at the end of the view
