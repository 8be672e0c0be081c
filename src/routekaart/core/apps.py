from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer as an app only for the tables it owns itself (the API's idempotency keys)."""

    name = "routekaart.core"
    label = "core"
    verbose_name = _("Basis")
