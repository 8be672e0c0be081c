from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "routekaart.web"
    verbose_name = _("Schil")

    def ready(self) -> None:
        from django.urls import register_converter

        from ..core.api_bounds import ObjectIdConverter

        register_converter(ObjectIdConverter, "id")  # before any URLconf is loaded
        connect_field_limits()


def connect_field_limits() -> None:
    """Every save of a routekaart model runs its fields' validators (core.limits), so no path stores what the page
    and the API refuse. Historical models in migrations live in `__fake__` and are left alone."""
    from django.apps import apps
    from django.db.models.signals import pre_save

    from ..core.limits import enforce_field_limits

    for model in apps.get_models():
        if model.__module__.startswith("routekaart."):
            pre_save.connect(enforce_field_limits, sender=model, dispatch_uid=f"field-limits:{model._meta.label}")
