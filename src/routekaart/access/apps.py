from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "routekaart.access"
    label = "access"
    verbose_name = _("Integrale toegang")
    default_auto_field = "django.db.models.BigAutoField"
