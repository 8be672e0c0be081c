from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "routekaart.legal"
    label = "legal"
    verbose_name = _("Klantbeheer: bezwaar, beroep, klachten, handhaving en kwaliteit")

    def ready(self) -> None:
        from . import registrations

        registrations.register()  # event labels, the household block, the AVG inzage section
