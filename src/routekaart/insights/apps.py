from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "routekaart.insights"
    label = "insights"
    verbose_name = _("Sturing: klantstromen, wat werkt voor wie, kosten en baten, prognoses")

    def ready(self) -> None:
        from . import (
            labels,
            rules,  # noqa: F401  (the permissions of the insights pages)
        )

        labels.register()  # the Dutch label of the saved-scenario event
