from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "routekaart.portal"
    verbose_name = _("Mijn Routekaart (portaal voor inwoners)")
