from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    name = "routekaart.providers"
    label = "providers"
    verbose_name = _("Beheer markt en aanbieders")

    def ready(self) -> None:
        from . import registrations

        registrations.register()  # event labels, the household block, the AVG inzage section
