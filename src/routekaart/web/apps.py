from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "routekaart.web"
    verbose_name = _("Schil")

    def ready(self) -> None:
        from django.urls import register_converter

        from ..core.api_bounds import ObjectIdConverter

        register_converter(ObjectIdConverter, "id")  # before any URLconf is loaded
